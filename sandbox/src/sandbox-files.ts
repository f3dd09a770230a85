import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ComponentContext, SandboxPorts } from './components.ts';
import { writeKubeconfig } from './kubeconfig.ts';
import { writeSchedulerConfig } from './kwok-config.ts';
import { findFreePorts, isPortFree } from './ports.ts';

/** Where a sandbox's files are, which ports it takes, and the client files its components read. */
export function componentContextFiles(dir: string) {
  return {
    adminKubeconfig: path.join(dir, 'kubeconfig'),
    controllerManagerKubeconfig: path.join(dir, 'kube-controller-manager.kubeconfig'),
    schedulerKubeconfig: path.join(dir, 'kube-scheduler.kubeconfig'),
    schedulerConfig: path.join(dir, 'kube-scheduler.yaml'),
    kwokConfig: path.join(dir, 'kwok.yaml'),
    metricsServerKubeconfig: path.join(dir, 'metrics-server.kubeconfig'),
  };
}

export const auditFiles = (dir: string) => ({
  policyFile: path.join(dir, 'audit-policy.yaml'),
  logFile: path.join(dir, 'logs', 'audit.log'),
});
export const AUDIT_POLICY = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n';

const PORT_NAMES = [
  'etcdClient',
  'etcdPeer',
  'apiserver',
  'controllerManager',
  'scheduler',
  'kwok',
  'metricsServer',
] as const satisfies readonly (keyof SandboxPorts)[];

export async function pickPorts(
  previous?: Partial<SandboxPorts>,
  apiserverPort?: number,
): Promise<SandboxPorts> {
  // A sandbox made before a component existed has no port for it yet: it then gets a whole new set.
  if (previous && PORT_NAMES.every((name) => previous[name] !== undefined)) {
    const free = await Promise.all(Object.values(previous).map((port) => isPortFree(port)));
    if (free.every(Boolean)) return previous as SandboxPorts;
  }
  const [
    etcdClient = 0,
    etcdPeer = 0,
    apiserver = 0,
    controllerManager = 0,
    scheduler = 0,
    kwok = 0,
    metricsServer = 0,
  ] = await findFreePorts(PORT_NAMES.length);
  const ports: SandboxPorts = {
    etcdClient,
    etcdPeer,
    apiserver,
    controllerManager,
    scheduler,
    kwok,
    metricsServer,
  };
  return apiserverPort === undefined ? ports : { ...ports, apiserver: apiserverPort };
}

/** Kubeconfigs carry the API server's port, so they are rewritten whenever ports are chosen. */
export async function writeClientFiles(ctx: ComponentContext): Promise<void> {
  const { pki, files, admin } = ctx;
  const read = (file: string) => readFile(file, 'utf8');
  const client = async (user: string, cert: string, key: string) => ({
    clusterName: ctx.name,
    userName: user,
    server: admin.server,
    ca: admin.ca,
    cert: await read(cert),
    key: await read(key),
  });
  await writeKubeconfig(files.adminKubeconfig, await client('admin', pki.adminCert, pki.adminKey));
  await writeKubeconfig(
    files.controllerManagerKubeconfig,
    await client('kube-controller-manager', pki.controllerManagerCert, pki.controllerManagerKey),
  );
  await writeKubeconfig(
    files.schedulerKubeconfig,
    await client('kube-scheduler', pki.schedulerCert, pki.schedulerKey),
  );
  await writeSchedulerConfig(files.schedulerConfig, files.schedulerKubeconfig);
  await writeKubeconfig(
    files.metricsServerKubeconfig,
    await client('metrics-server', pki.metricsServerCert, pki.metricsServerKey),
  );
}

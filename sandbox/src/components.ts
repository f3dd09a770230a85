import path from 'node:path';
import { httpOk } from './http-probe.ts';
import type { KubeEndpoint } from './kube-http.ts';
import { kubeRequest } from './kube-http.ts';
import { applyMetricsServerObjects, metricsServerArgs, metricsServerLive } from './metrics-server.ts';
import type { SandboxPki } from './pki.ts';

export const COMPONENT_NAMES = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kwok',
  // Optional: only where its binary was found and the sandbox's options ask for it.
  'metrics-server',
] as const;
export type ComponentName = (typeof COMPONENT_NAMES)[number];

export interface SandboxPorts {
  etcdClient: number;
  etcdPeer: number;
  apiserver: number;
  controllerManager: number;
  scheduler: number;
  kwok: number;
  metricsServer: number;
}

export interface ComponentContext {
  name: string;
  dir: string;
  binDir: string;
  ports: SandboxPorts;
  pki: SandboxPki;
  files: {
    adminKubeconfig: string;
    controllerManagerKubeconfig: string;
    schedulerKubeconfig: string;
    schedulerConfig: string;
    kwokConfig: string;
    metricsServerKubeconfig: string;
  };
  admin: KubeEndpoint;
  /** metrics-server's binary, when this sandbox runs it. */
  metricsServerBin?: string | undefined;
  /** kube-apiserver, kube-controller-manager and kube-scheduler of the sandbox's version; absent: binDir. */
  controlPlaneBinDir?: string | undefined;
  /** Service range (default 10.96.0.0/16). */
  serviceCidr?: string | undefined;
  /** Pod range the controller manager cuts per-node ranges from; absent: it allocates none. */
  podCidr?: string | undefined;
  /** kube-apiserver's audit policy and log, when auditing is on. */
  audit?: { policyFile: string; logFile: string } | undefined;
}

/** How to run one component and how to tell that it is ready. */
export interface ComponentSpec {
  name: ComponentName;
  binary: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  logPath: string;
  /** The port `ready` probes; the component is ready only when it is the one listening there. */
  port: number;
  ready: () => Promise<boolean>;
  /** Work before the process starts (objects it reads at start-up). */
  prepare?: () => Promise<void>;
}

/** The processes of one sandbox (five, six with metrics-server), in start order. */
export function buildComponents(ctx: ComponentContext): ComponentSpec[] {
  return [...controlPlane(ctx), ...(ctx.metricsServerBin ? [metricsServer(ctx, ctx.metricsServerBin)] : [])];
}

function metricsServer(ctx: ComponentContext, binary: string): ComponentSpec {
  const logPath = path.join(ctx.dir, 'logs', 'metrics-server.log');
  const msCtx = {
    binary,
    port: ctx.ports.metricsServer,
    kubeconfig: ctx.files.metricsServerKubeconfig,
    logPath,
    pki: ctx.pki,
    admin: ctx.admin,
  };
  return {
    name: 'metrics-server',
    binary,
    logPath,
    port: ctx.ports.metricsServer,
    args: metricsServerArgs(msCtx),
    prepare: () => applyMetricsServerObjects(msCtx),
    ready: () => metricsServerLive(ctx.ports.metricsServer),
  };
}

function controlPlane(ctx: ComponentContext): ComponentSpec[] {
  const { ports, pki, files } = ctx;
  const controlPlaneNames = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'];
  const bin = (name: string) =>
    path.join(controlPlaneNames.includes(name) ? (ctx.controlPlaneBinDir ?? ctx.binDir) : ctx.binDir, name);
  const log = (name: string) => path.join(ctx.dir, 'logs', `${name}.log`);
  // etcd takes only clients with a certificate from the sandbox's CA, on both ports: anything else on
  // this host (a web terminal's shell, another user's process) must not read or write it around RBAC.
  const peerUrl = `https://127.0.0.1:${ports.etcdPeer}`;
  const etcdUrl = `https://127.0.0.1:${ports.etcdClient}`;
  const etcdTls = { ca: pki.caCert, cert: pki.apiserverCert, key: pki.apiserverKey };
  return [
    {
      name: 'etcd',
      binary: bin('etcd'),
      logPath: log('etcd'),
      port: ports.etcdClient,
      args: [
        `--name=${ctx.name}`,
        `--data-dir=${path.join(ctx.dir, 'etcd')}`,
        `--listen-client-urls=${etcdUrl}`,
        `--advertise-client-urls=${etcdUrl}`,
        `--listen-peer-urls=${peerUrl}`,
        `--initial-advertise-peer-urls=${peerUrl}`,
        `--initial-cluster=${ctx.name}=${peerUrl}`,
        '--initial-cluster-state=new',
        // The API server's certificate serves both ends (serverAuth and clientAuth, IP 127.0.0.1).
        `--cert-file=${pki.apiserverCert}`,
        `--key-file=${pki.apiserverKey}`,
        `--trusted-ca-file=${pki.caCert}`,
        '--client-cert-auth=true',
        `--peer-cert-file=${pki.apiserverCert}`,
        `--peer-key-file=${pki.apiserverKey}`,
        `--peer-trusted-ca-file=${pki.caCert}`,
        '--peer-client-cert-auth=true',
        // A sandbox trades durability on power loss for speed; its data is disposable.
        '--unsafe-no-fsync=true',
        '--quota-backend-bytes=8589934592',
        '--log-level=warn',
      ],
      ready: () => httpOk(`${etcdUrl}/health`, 2000, etcdTls),
    },
    {
      name: 'kube-apiserver',
      binary: bin('kube-apiserver'),
      logPath: log('kube-apiserver'),
      port: ports.apiserver,
      args: [
        `--etcd-servers=${etcdUrl}`,
        `--etcd-cafile=${pki.caCert}`,
        `--etcd-certfile=${pki.apiserverCert}`,
        `--etcd-keyfile=${pki.apiserverKey}`,
        '--bind-address=127.0.0.1',
        // No default route here: the API server cannot guess its address.
        '--advertise-address=127.0.0.1',
        '--endpoint-reconciler-type=none',
        `--secure-port=${ports.apiserver}`,
        '--authorization-mode=Node,RBAC',
        `--client-ca-file=${pki.caCert}`,
        `--tls-cert-file=${pki.apiserverCert}`,
        `--tls-private-key-file=${pki.apiserverKey}`,
        `--service-account-key-file=${pki.serviceAccountKey}`,
        `--service-account-signing-key-file=${pki.serviceAccountKey}`,
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        `--service-cluster-ip-range=${ctx.serviceCidr ?? '10.96.0.0/16'}`,
        '--allow-privileged=true',
        '--enable-priority-and-fairness=false',
        '--max-requests-inflight=1000',
        '--max-mutating-requests-inflight=500',
        `--kubelet-client-certificate=${pki.adminCert}`,
        `--kubelet-client-key=${pki.adminKey}`,
        // The aggregation layer (metrics-server's metrics.k8s.io, any other aggregated API): the API
        // server vouches for the caller in these headers, signing in as front-proxy-client.
        `--requestheader-client-ca-file=${pki.frontProxyCaCert}`,
        '--requestheader-allowed-names=front-proxy-client',
        '--requestheader-username-headers=X-Remote-User',
        '--requestheader-group-headers=X-Remote-Group',
        '--requestheader-extra-headers-prefix=X-Remote-Extra-',
        `--proxy-client-cert-file=${pki.frontProxyClientCert}`,
        `--proxy-client-key-file=${pki.frontProxyClientKey}`,
        '--profiling=false',
        ...(ctx.audit
          ? [
              `--audit-policy-file=${ctx.audit.policyFile}`,
              `--audit-log-path=${ctx.audit.logFile}`,
              '--audit-log-maxsize=100',
              '--audit-log-maxbackup=1',
            ]
          : []),
      ],
      ready: async () => {
        try {
          return (await kubeRequest(ctx.admin, 'GET', '/readyz', undefined, 2000)).status === 200;
        } catch {
          return false;
        }
      },
    },
    {
      name: 'kube-controller-manager',
      binary: bin('kube-controller-manager'),
      logPath: log('kube-controller-manager'),
      port: ports.controllerManager,
      args: [
        `--kubeconfig=${files.controllerManagerKubeconfig}`,
        `--authentication-kubeconfig=${files.controllerManagerKubeconfig}`,
        `--authorization-kubeconfig=${files.controllerManagerKubeconfig}`,
        '--bind-address=127.0.0.1',
        `--secure-port=${ports.controllerManager}`,
        '--leader-elect=false',
        '--use-service-account-credentials=true',
        `--service-account-private-key-file=${pki.serviceAccountKey}`,
        `--root-ca-file=${pki.caCert}`,
        `--cluster-signing-cert-file=${pki.caCert}`,
        `--cluster-signing-key-file=${pki.caKey}`,
        `--cluster-name=${ctx.name}`,
        // The default 20 requests/s would make scaling to a thousand pods take minutes.
        '--kube-api-qps=500',
        '--kube-api-burst=1000',
        '--concurrent-replicaset-syncs=10',
        '--profiling=false',
        ...(ctx.podCidr ? [`--cluster-cidr=${ctx.podCidr}`, '--allocate-node-cidrs=true'] : []),
      ],
      ready: () => httpOk(`https://127.0.0.1:${ports.controllerManager}/healthz`),
    },
    {
      name: 'kube-scheduler',
      binary: bin('kube-scheduler'),
      logPath: log('kube-scheduler'),
      port: ports.scheduler,
      args: [
        `--config=${files.schedulerConfig}`,
        `--authentication-kubeconfig=${files.adminKubeconfig}`,
        `--authorization-kubeconfig=${files.adminKubeconfig}`,
        '--bind-address=127.0.0.1',
        `--secure-port=${ports.scheduler}`,
      ],
      ready: () => httpOk(`https://127.0.0.1:${ports.scheduler}/healthz`),
    },
    {
      name: 'kwok',
      binary: bin('kwok'),
      logPath: log('kwok'),
      port: ports.kwok,
      args: [
        `--kubeconfig=${files.adminKubeconfig}`,
        `--config=${files.kwokConfig}`,
        '--manage-all-nodes=true',
        '--node-ip=127.0.0.1',
        `--node-port=${ports.kwok}`,
        `--server-address=127.0.0.1:${ports.kwok}`,
        `--tls-cert-file=${pki.kwokCert}`,
        `--tls-private-key-file=${pki.kwokKey}`,
        '--node-lease-duration-seconds=40',
      ],
      ready: () => httpOk(`https://127.0.0.1:${ports.kwok}/healthz`),
    },
  ];
}

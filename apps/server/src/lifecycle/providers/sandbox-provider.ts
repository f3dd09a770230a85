import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  ensureVersion,
  listVersions,
  SandboxError,
  type SandboxInfo,
  type SandboxLifecycleManager,
  type SandboxSnapshot,
} from '@portolan/sandbox';
import type {
  ClusterProvider,
  EtcdSnapshot,
  ManagedClusterSpec,
  ProvidedCluster,
  ProviderRun,
  ProviderVersion,
} from '../provider.ts';

const DEFAULT_POD_CIDR = '10.244.0.0/16';
const DEFAULT_SERVICE_CIDR = '10.96.0.0/16';
const CONTROL_PLANE = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'];

export interface SandboxProviderDeps {
  /** The sandbox manager with its lifecycle operations (createSandboxManager's answer). */
  sandboxes: SandboxLifecycleManager;
  /** The catalogue (default: listVersions of @portolan/sandbox). */
  versions?: () => Promise<ProviderVersion[]>;
  /** Builds a version's binaries, each progress line to onLine (default: ensureVersion). */
  buildVersion?: (version: string, onLine: (line: string) => void) => Promise<unknown>;
}

const isNotFound = (error: unknown) => error instanceof SandboxError && error.code === 'not-found';

/** A build's progress line as a job step line: `sandbox build: [  12s] compiling …`. */
const buildLine = (run: ProviderRun, version: string) => (line: string) => {
  const text = line.replace(/^sandbox (version )?build:\s*/, '').trim();
  // The build's one everyday line (nothing to build) has words of its own; the rest is its output.
  const cached = /^cached binaries of (\S+) are current \((.*)\)$/.exec(text);
  if (cached)
    run.progress(
      'lifecycle.build.cached',
      { version, path: cached[2] ?? '' },
      `Building ${version}: ${text}`,
    );
  else if (text)
    run.progress('lifecycle.build.line', { version, line: text }, `Building ${version}: ${text}`);
};

const snapshotOf = ({ id, takenAt, version, sizeBytes, reason }: SandboxSnapshot): EtcdSnapshot => ({
  id,
  takenAt,
  version,
  sizeBytes,
  reason,
});

/** etcd's, kwok's and the other main-build versions, from the build's versions.json beside bin/. */
async function mainBuildVersions(info: SandboxInfo): Promise<Record<string, string>> {
  try {
    const state = JSON.parse(
      await readFile(path.join(path.dirname(info.kubeconfigPath), 'sandbox.json'), 'utf8'),
    ) as { binDir?: string };
    if (!state.binDir) return {};
    return JSON.parse(await readFile(path.join(state.binDir, '..', 'versions.json'), 'utf8')) as Record<
      string,
      string
    >;
  } catch {
    return {};
  }
}

async function describeSandbox(info: SandboxInfo): Promise<ProvidedCluster> {
  const built = await mainBuildVersions(info);
  const componentVersion = (name: string) =>
    CONTROL_PLANE.includes(name)
      ? info.version
      : name === 'etcd'
        ? (built.etcd ?? '')
        : name === 'kwok'
          ? (built.kwok ?? '')
          : '';
  return {
    name: info.name,
    version: info.version,
    components: info.components.map((component) => ({
      name: component.name,
      version: componentVersion(component.name),
      running: component.running,
    })),
    nodePools: (info.options.nodePools ?? []).map((pool) => ({
      ...pool,
      labels: { ...pool.labels },
      taints: pool.taints.map((taint) => ({ ...taint })),
    })),
    nodes: info.nodes ?? [],
    podCidr: info.options.podCidr ?? DEFAULT_POD_CIDR,
    serviceCidr: info.options.serviceCidr ?? DEFAULT_SERVICE_CIDR,
    auditLog: info.options.auditLog ?? false,
    ...(info.auditLogPath ? { auditLogPath: info.auditLogPath } : {}),
  };
}

/** The local sandbox as a cluster provider: real control planes, kwok nodes, etcd snapshots. */
export function createSandboxProvider(deps: SandboxProviderDeps): ClusterProvider {
  const { sandboxes } = deps;
  const versions = deps.versions ?? (() => listVersions());
  const buildVersion = deps.buildVersion ?? ((version, onLine) => ensureVersion(version, onLine));
  const kubeconfigOf = async (info: SandboxInfo) => ({
    kubeconfig: await readFile(info.kubeconfigPath, 'utf8'),
  });

  return {
    name: 'sandbox',
    versions,

    async prepareVersion(version, run) {
      run.signal.throwIfAborted();
      run.progress('lifecycle.build.start', { version }, `Preparing the binaries of Kubernetes ${version}`);
      await buildVersion(version, buildLine(run, version));
    },

    async create(spec: ManagedClusterSpec, run) {
      run.signal.throwIfAborted();
      const existing = await sandboxes.get(spec.name).catch((error: unknown) => {
        if (isNotFound(error)) return undefined;
        throw error;
      });
      if (existing) {
        // A create resumed after it made the sandbox: bring it up if it is not.
        if (existing.status !== 'running') {
          run.progress(
            'lifecycle.create.again',
            { cluster: spec.name },
            `Starting sandbox ${spec.name} again`,
          );
          await sandboxes.start(spec.name);
        }
        return kubeconfigOf(await sandboxes.get(spec.name));
      }
      await buildVersion(spec.version, buildLine(run, spec.version));
      const nodes = spec.nodePools.reduce((sum, pool) => sum + pool.count, 0);
      run.progress(
        'lifecycle.create.start',
        { cluster: spec.name, version: spec.version, nodes },
        `Starting etcd, the control plane on ${spec.version} and ${nodes} nodes`,
      );
      const report = await sandboxes.create({
        name: spec.name,
        version: spec.version,
        nodePools: spec.nodePools,
        podCidr: spec.podCidr,
        serviceCidr: spec.serviceCidr,
        auditLog: spec.auditLog,
      });
      run.progress(
        'lifecycle.create.ready',
        { cluster: spec.name, seconds: Math.round(report.readyMs / 1000) },
        `Sandbox ${spec.name} is up in ${(report.readyMs / 1000).toFixed(1)} s`,
      );
      return kubeconfigOf(report.sandbox);
    },

    async describe(name) {
      try {
        return await describeSandbox(await sandboxes.get(name));
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    async delete(name, run) {
      run.progress('lifecycle.delete.sandbox', { cluster: name }, `Stopping and removing sandbox ${name}`);
      await sandboxes.delete(name).catch((error: unknown) => {
        if (!isNotFound(error)) throw error;
      });
    },

    async takeSnapshot(name, reason, run) {
      run.signal.throwIfAborted();
      run.progress('lifecycle.snapshot.take', { cluster: name }, `Taking an etcd snapshot of ${name}`);
      const snapshot = await sandboxes.snapshot(name, reason);
      run.progress(
        'lifecycle.snapshot.taken',
        { id: snapshot.id, bytes: snapshot.sizeBytes },
        `Snapshot ${snapshot.id} taken (${snapshot.sizeBytes} bytes)`,
      );
      return snapshotOf(snapshot);
    },

    async listSnapshots(name) {
      return (await sandboxes.listSnapshots(name)).map(snapshotOf);
    },

    deleteSnapshot: (name, id) => sandboxes.deleteSnapshot(name, id),

    async restoreSnapshot(name, id, run) {
      run.signal.throwIfAborted();
      await sandboxes.restoreSnapshot(name, id, (line) =>
        run.progress('lifecycle.restore.line', { cluster: name, line }, line),
      );
    },

    async upgradeControlPlane(name, version, run) {
      run.signal.throwIfAborted();
      await sandboxes.upgradeControlPlane(name, version, (line) =>
        line.startsWith('sandbox ')
          ? buildLine(run, version)(line)
          : run.progress('lifecycle.upgrade.line', { cluster: name, line }, line),
      );
    },

    async upgradeNode(name, node, version, run) {
      run.signal.throwIfAborted();
      await sandboxes.upgradeNode(name, node, version);
      run.progress('lifecycle.node.version', { node, version }, `Node ${node} now runs ${version}`);
    },

    async applyPool(name, pool, run) {
      run.signal.throwIfAborted();
      const result = await sandboxes.applyPool(name, pool);
      run.progress(
        'lifecycle.pool.applied',
        { pool: pool.name, added: result.added.length },
        `Pool ${pool.name}: ${result.added.length} nodes added, labels and taints applied`,
      );
      return result;
    },

    async removeNode(name, node, run) {
      run.signal.throwIfAborted();
      await sandboxes.removeNode(name, node);
      run.progress('lifecycle.node.removed', { node }, `Node ${node} removed`);
    },

    async removePool(name, pool, run) {
      run.signal.throwIfAborted();
      await sandboxes.removePool(name, pool);
    },
  };
}

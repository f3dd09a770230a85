import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ComponentContext, ComponentName } from './components.ts';
import { SandboxError } from './errors.ts';
import { restoreEtcdData, saveEtcdSnapshot } from './etcd-snapshot.ts';
import {
  conformNode,
  deleteNode,
  poolOfNode,
  recordPool,
  refuseUnknownVersion,
  registerNodes,
  reportNodeVersion,
  sandboxVersion,
  totalNodes,
  waitNodesReady,
} from './pool-operations.ts';
import type { NodePoolOptions } from './pool-options.ts';
import type { SandboxState } from './state.ts';
import { ensureEtcdutl } from './versions.ts';

/** What the operations need of the manager (sandbox-manager.ts makes it). */
export interface SandboxRuntime {
  dirOf(name: string): string;
  load(name: string): Promise<SandboxState>;
  save(state: SandboxState): Promise<void>;
  context(state: SandboxState): Promise<ComponentContext>;
  /** Stops the named components (all when absent). */
  stop(state: SandboxState, names?: ComponentName[]): Promise<void>;
  /** Starts the named components (in start order), each waited on until ready. */
  launch(state: SandboxState, names: ComponentName[]): Promise<void>;
  /** Starts every component, registers the nodes and waits for them Ready. */
  boot(state: SandboxState): Promise<unknown>;
  running(state: SandboxState, name: ComponentName): boolean;
  controlPlaneBinDir(version: string, onProgress: (line: string) => void): Promise<string>;
  etcdutl?: (onProgress: (line: string) => void) => Promise<string>;
}

/** One etcd snapshot of a sandbox. */
export interface SandboxSnapshot {
  id: string;
  takenAt: string;
  /** The sandbox's Kubernetes version when it was taken; a restore goes back to it. */
  version: string;
  sizeBytes: number;
  reason: string;
}

interface IndexEntry extends SandboxSnapshot {
  file: string;
  /** The pools as they were, so a restore brings back the node bookkeeping that matches the data. */
  pools?: Pick<SandboxState, 'poolNodes' | 'nodeVersions'> & { nodePools?: NodePoolOptions[] };
}

const CONTROL_PLANE: ComponentName[] = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'];
const noProgress = () => {};

export function sandboxOperations(rt: SandboxRuntime) {
  const snapshotDir = (name: string) => path.join(rt.dirOf(name), 'snapshots');
  const indexFile = (name: string) => path.join(snapshotDir(name), 'index.json');
  const readIndex = async (name: string): Promise<IndexEntry[]> =>
    JSON.parse(await readFile(indexFile(name), 'utf8').catch(() => '[]')) as IndexEntry[];
  const writeIndex = async (name: string, entries: IndexEntry[]) => {
    const temporary = `${indexFile(name)}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(entries, null, 2)}\n`);
    await rename(temporary, indexFile(name));
  };
  const publicOf = ({ id, takenAt, version, sizeBytes, reason }: IndexEntry): SandboxSnapshot => ({
    id,
    takenAt,
    version,
    sizeBytes,
    reason,
  });
  const requireRunning = (state: SandboxState, names: ComponentName[], what: string) => {
    const down = names.filter((name) => !rt.running(state, name));
    if (down.length > 0) {
      throw new SandboxError(
        'not-running',
        `${what} needs ${down.join(', ')} running; start sandbox "${state.name}" first`,
      );
    }
  };

  return {
    /** Takes an online snapshot of etcd (the cluster keeps serving). */
    async snapshot(name: string, reason = 'manual'): Promise<SandboxSnapshot> {
      const state = await rt.load(name);
      requireRunning(state, ['etcd'], 'a snapshot');
      await mkdir(snapshotDir(name), { recursive: true });
      const takenAt = new Date().toISOString();
      const id = `snap-${takenAt.replace(/[-:]/g, '').replace(/\..*/, '')}-${Math.random().toString(36).slice(2, 6)}`;
      const file = path.join(snapshotDir(name), `${id}.db`);
      const ctx = await rt.context(state);
      const sizeBytes = await saveEtcdSnapshot(
        {
          url: `https://127.0.0.1:${state.ports.etcdClient}`,
          caFile: ctx.pki.caCert,
          certFile: ctx.pki.apiserverCert,
          keyFile: ctx.pki.apiserverKey,
        },
        file,
      );
      const entry: IndexEntry = {
        id,
        takenAt,
        version: sandboxVersion(state),
        sizeBytes,
        reason,
        file: path.basename(file),
        ...(state.options.nodePools
          ? {
              pools: {
                nodePools: state.options.nodePools,
                poolNodes: state.poolNodes ?? {},
                nodeVersions: state.nodeVersions ?? {},
              },
            }
          : {}),
      };
      await writeIndex(name, [...(await readIndex(name)), entry]);
      return publicOf(entry);
    },

    async listSnapshots(name: string): Promise<SandboxSnapshot[]> {
      await rt.load(name);
      return (await readIndex(name)).map(publicOf);
    },

    /** Removes a snapshot; one already gone is no error. */
    async deleteSnapshot(name: string, id: string): Promise<void> {
      const entries = await readIndex(name);
      const entry = entries.find((item) => item.id === id);
      if (!entry) return;
      await rm(path.join(snapshotDir(name), entry.file), { force: true });
      await writeIndex(
        name,
        entries.filter((item) => item.id !== id),
      );
    },

    /**
     * Stops everything, replaces etcd's data with the snapshot's and starts again on the snapshot's
     * version and node pools. Repeating it (after a failure) starts over from the snapshot file.
     */
    async restoreSnapshot(name: string, id: string, onProgress: (line: string) => void = noProgress) {
      const state = await rt.load(name);
      const entry = (await readIndex(name)).find((item) => item.id === id);
      if (!entry) throw new SandboxError('not-found', `sandbox "${name}" has no snapshot "${id}"`);
      const file = path.join(snapshotDir(name), entry.file);
      await stat(file).catch(() => {
        throw new SandboxError('not-found', `the file of snapshot "${id}" is missing (${file})`);
      });
      const etcdutl = await (rt.etcdutl ?? ensureEtcdutl)(onProgress);
      const binDir = await rt.controlPlaneBinDir(entry.version, onProgress);
      onProgress(`${name}: stopping the control plane and etcd`);
      await rt.stop(state);
      const dataDir = path.join(rt.dirOf(name), 'etcd');
      const restoring = `${dataDir}.restoring`;
      onProgress(`${name}: restoring etcd's data from ${id}`);
      await restoreEtcdData(etcdutl, file, restoring, name, `https://127.0.0.1:${state.ports.etcdPeer}`);
      await rm(dataDir, { recursive: true, force: true });
      await rename(restoring, dataDir);
      state.version = entry.version;
      state.controlPlaneBinDir = binDir;
      if (entry.pools) {
        if (entry.pools.nodePools) state.options.nodePools = entry.pools.nodePools;
        state.poolNodes = entry.pools.poolNodes ?? {};
        state.nodeVersions = entry.pools.nodeVersions ?? {};
        state.options.nodes = totalNodes(state);
      }
      await rt.save(state);
      onProgress(`${name}: starting etcd and the control plane on ${entry.version}`);
      return rt.boot(state);
    },

    /**
     * Restarts kube-apiserver, kube-controller-manager and kube-scheduler from `version`'s binaries
     * over the same etcd, waiting for each to be ready, and records the version.
     */
    async upgradeControlPlane(
      name: string,
      version: string,
      onProgress: (line: string) => void = noProgress,
    ) {
      refuseUnknownVersion(version);
      const binDir = await rt.controlPlaneBinDir(version, onProgress);
      const state = await rt.load(name);
      requireRunning(state, ['etcd'], 'an upgrade');
      const current =
        sandboxVersion(state) === version && CONTROL_PLANE.every((component) => rt.running(state, component));
      if (current && (state.controlPlaneBinDir ?? binDir) === binDir) return;
      onProgress(`${name}: stopping ${CONTROL_PLANE.join(', ')}`);
      await rt.stop(state, CONTROL_PLANE);
      state.version = version;
      state.controlPlaneBinDir = binDir;
      await rt.save(state);
      onProgress(`${name}: starting the control plane on ${version}`);
      await rt.launch(state, CONTROL_PLANE);
    },

    /** The node reports `version` as its kubelet's and kube-proxy's, now and after restarts. */
    async upgradeNode(name: string, node: string, version: string): Promise<void> {
      refuseUnknownVersion(version);
      const state = await rt.load(name);
      if (!poolOfNode(state, node))
        throw new SandboxError('not-found', `sandbox "${name}" has no pool node "${node}"`);
      requireRunning(state, ['kube-apiserver'], 'a node upgrade');
      state.nodeVersions = { ...(state.nodeVersions ?? {}), [node]: version };
      await rt.save(state);
      await reportNodeVersion((await rt.context(state)).admin, node, version);
    },

    /** Records the pool, adds nodes up to its count and conforms all its nodes; never removes one. */
    async applyPool(name: string, input: NodePoolOptions): Promise<{ added: string[] }> {
      const state = await rt.load(name);
      requireRunning(state, ['kube-apiserver', 'kwok'], 'changing a node pool');
      const { pool, previous } = recordPool(state, input);
      await rt.save(state);
      const ctx = await rt.context(state);
      const added = await registerNodes(ctx.admin, state, state.ports.kwok);
      for (const node of state.poolNodes?.[pool.name] ?? []) {
        await conformNode(ctx.admin, state.options.region, pool, previous, node);
      }
      await waitNodesReady(ctx.admin, added, 60_000);
      return { added };
    },

    /** Deletes one pool node (drained by the caller) and lowers its pool's count; a gone node is no error. */
    async removeNode(name: string, node: string): Promise<void> {
      const state = await rt.load(name);
      const pool = poolOfNode(state, node);
      if (!pool) return;
      requireRunning(state, ['kube-apiserver'], 'removing a node');
      await deleteNode((await rt.context(state)).admin, node);
      const nodes = (state.poolNodes?.[pool] ?? []).filter((item) => item !== node);
      state.poolNodes = { ...state.poolNodes, [pool]: nodes };
      if (state.nodeVersions) delete state.nodeVersions[node];
      state.options.nodePools = state.options.nodePools?.map((item) =>
        item.name === pool ? { ...item, count: Math.min(item.count, nodes.length) } : item,
      );
      state.options.nodes = totalNodes(state);
      await rt.save(state);
    },

    /** Forgets a pool whose nodes are all removed; a pool already gone is no error. */
    async removePool(name: string, pool: string): Promise<void> {
      const state = await rt.load(name);
      const nodes = state.poolNodes?.[pool] ?? [];
      if (nodes.length > 0) {
        throw new SandboxError(
          'pool-not-empty',
          `pool "${pool}" still has nodes ${nodes.join(', ')}; remove them first`,
        );
      }
      state.options.nodePools = state.options.nodePools?.filter((item) => item.name !== pool);
      if (state.poolNodes) delete state.poolNodes[pool];
      await rt.save(state);
    },
  };
}

export type SandboxOperations = ReturnType<typeof sandboxOperations>;

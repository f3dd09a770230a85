import type { ManagedClusterSpec, NodePool, OperationStep } from '@portolan/api';
import type { KubeClient } from '#server/kube/kube-client.ts';
import { drainNode } from '#server/nodes/node-drain.ts';
import { cordonNode, uncordonNode } from '#server/nodes/node-edits.ts';
import type { LifecycleStore } from '#server/store/lifecycle/lifecycle-store.ts';
import { checkClusterSpec } from './cluster-spec.ts';
import {
  controlPlaneReady,
  deploymentsBehind,
  nodesNotReady,
  preflightChecks,
  serverVersion,
  waitFor,
} from './kube-checks.ts';
import { LifecycleError } from './lifecycle-errors.ts';
import { MANAGED_LABELS, type ManagedClusters } from './managed-clusters.ts';
import type { StepContext, StepWork } from './operation-runner.ts';
import type { ClusterProvider, ProviderRun } from './provider.ts';

export interface StepDeps {
  provider: ClusterProvider;
  store: LifecycleStore;
  clusters: ManagedClusters;
  /** How long a drain retries evictions a PodDisruptionBudget refuses (120 s). */
  drainTimeoutSeconds?: number;
}

const runOf = (context: StepContext): ProviderRun => ({ signal: context.signal, progress: context.progress });

/** The step's work by its code: each does what is left to do, so a resumed step carries on. */
export function createStepWork(deps: StepDeps): StepWork {
  const kubeconfigs = new Map<string, string>();

  async function kubeconfigOf(spec: ManagedClusterSpec, context: StepContext): Promise<string> {
    // A resumed create asks the provider again: it answers the existing cluster's kubeconfig.
    const known = kubeconfigs.get(spec.name) ?? (await deps.provider.create(spec, runOf(context))).kubeconfig;
    kubeconfigs.set(spec.name, known);
    return known;
  }

  async function client(name: string): Promise<KubeClient> {
    const found = await deps.clusters.clientOf(name);
    if (!found)
      throw new Error(`cluster ${name} is not registered or its client is not open; register it again`);
    return found;
  }

  async function specOf(name: string): Promise<ManagedClusterSpec> {
    const stored = await deps.store.getCluster(name);
    if (!stored) throw new Error(`cluster ${name} is not recorded as created by Portolan`);
    return stored.spec as ManagedClusterSpec;
  }

  async function saveSpec(
    name: string,
    change: (spec: ManagedClusterSpec) => ManagedClusterSpec,
  ): Promise<void> {
    await deps.store.updateSpec(name, change(await specOf(name)));
  }

  /** Cordon, drain through the Eviction API; refuses to go on when a pod could not be evicted. */
  async function drain(kube: KubeClient, node: string, context: StepContext): Promise<void> {
    context.progress('lifecycle.node.drain', { node }, `Cordoning and draining ${node}`);
    const report = await drainNode(
      kube,
      node,
      { timeoutSeconds: deps.drainTimeoutSeconds ?? 120, deleteEmptyDirData: true },
      { signal: context.signal },
    );
    const left = report.pods.filter(
      (pod) => pod.outcome === 'failed' || pod.outcome === 'blocked' || pod.outcome === 'stopped',
    );
    if (left.length > 0)
      throw new Error(
        `draining ${node} left ${left.length} pods: ${left
          .slice(0, 5)
          .map((pod) => `${pod.namespace}/${pod.name} (${pod.message})`)
          .join(', ')}`,
      );
  }

  const work: Record<string, (step: OperationStep, context: StepContext) => Promise<string | undefined>> = {
    async validate(_step, context) {
      const spec = context.operation.input.spec as ManagedClusterSpec;
      checkClusterSpec(spec, await deps.provider.versions());
      const labels = await deps.clusters.labelsOf(spec.name);
      if (labels && labels['portolan.dev/managed-by'] !== MANAGED_LABELS['portolan.dev/managed-by'])
        throw new LifecycleError(
          'conflict',
          `a cluster named "${spec.name}" was registered by someone else meanwhile`,
        );
      return `spec of ${spec.name} checked`;
    },
    async 'prepare-version'(step, context) {
      const version = String(step.params.version);
      const entry = (await deps.provider.versions()).find((v) => v.version === version);
      if (entry?.built) return `${version} is built already`;
      await deps.provider.prepareVersion(version, runOf(context));
      return `${version} built`;
    },
    async create(_step, context) {
      const spec = context.operation.input.spec as ManagedClusterSpec;
      await kubeconfigOf(spec, context);
      return `cluster ${spec.name} made on ${spec.version}`;
    },
    async 'wait-ready'(_step, context) {
      const name = context.operation.cluster;
      const spec = context.operation.input.spec as ManagedClusterSpec | undefined;
      const kube =
        (await deps.clusters.clientOf(name)) ??
        (spec
          ? await deps.clusters.clientFromKubeconfig(await kubeconfigOf(spec, context))
          : await client(name));
      await waitFor(
        context.signal,
        async () =>
          (await controlPlaneReady(kube, context.signal)) ? undefined : 'kube-apiserver not ready',
        (what) => context.progress('lifecycle.waiting', { what }, `Waiting: ${what}`),
      );
      const nodes = (await deps.provider.describe(name))?.nodes.map((node) => node.name) ?? [];
      await waitFor(
        context.signal,
        () => nodesNotReady(kube, nodes, undefined, context.signal),
        (what) => context.progress('lifecycle.waiting', { what }, `Waiting: ${what}`),
      );
      return `${nodes.length} nodes Ready`;
    },
    async register(_step, context) {
      const spec = context.operation.input.spec as ManagedClusterSpec;
      if (!(await deps.clusters.labelsOf(spec.name)))
        await deps.clusters.register(spec.name, await kubeconfigOf(spec, context), { ...MANAGED_LABELS });
      kubeconfigs.delete(spec.name);
      await waitFor(
        context.signal,
        () => deps.clusters.notSyncing(spec.name),
        (what) => context.progress('lifecycle.waiting', { what }, `Waiting: ${what}`),
      );
      return `registered as ${spec.name} and syncing`;
    },
    async preflight(_step, context) {
      const { fromVersion = '', toVersion = '' } = context.operation;
      const failed = (
        await preflightChecks(await client(context.operation.cluster), fromVersion, toVersion)
      ).filter((check) => check.status === 'fail');
      if (failed.length > 0)
        throw new Error(failed.map((check) => `${check.title}: ${check.message}`).join('; '));
      return 'every check passed';
    },
    async snapshot(step, context) {
      const name = context.operation.cluster;
      if (context.operation.kind === 'upgrade' && context.operation.snapshotId)
        return `snapshot ${context.operation.snapshotId} taken already`;
      const snapshot = await deps.provider.takeSnapshot(
        name,
        String(step.params.reason ?? 'manual'),
        runOf(context),
      );
      context.operation.snapshotId = snapshot.id;
      return `snapshot ${snapshot.id} (${snapshot.sizeBytes} bytes)`;
    },
    async 'control-plane'(step, context) {
      const name = context.operation.cluster;
      const version = String(step.params.version);
      await deps.provider.upgradeControlPlane(name, version, runOf(context));
      const kube = await client(name);
      await waitFor(
        context.signal,
        async () => {
          if (!(await controlPlaneReady(kube, context.signal))) return 'kube-apiserver not ready';
          const now = await serverVersion(kube, context.signal);
          return now === version ? undefined : `kube-apiserver reports ${now}`;
        },
        (what) => context.progress('lifecycle.waiting', { what }, `Waiting: ${what}`),
      );
      return `control plane on ${version}`;
    },
    async 'upgrade-nodes'(step, context) {
      const name = context.operation.cluster;
      const version = String(step.params.version);
      const nodes = String(step.params.nodes).split(',').filter(Boolean);
      const kube = await client(name);
      const described = await deps.provider.describe(name);
      await Promise.all(
        nodes.map(async (node) => {
          const current = described?.nodes.find((n) => n.name === node);
          if (!current) return;
          if (current.version !== version) {
            await drain(kube, node, context);
            await deps.provider.upgradeNode(name, node, version, runOf(context));
          }
          await uncordonNode(kube, node);
          await waitFor(
            context.signal,
            () => nodesNotReady(kube, [node], version, context.signal),
            (what) => context.progress('lifecycle.waiting', { what }, `Waiting: ${what}`),
          );
        }),
      );
      return `${nodes.join(', ')} on ${version}`;
    },
    async 'post-checks'(step, context) {
      const name = context.operation.cluster;
      const version = String(step.params.version);
      const kube = await client(name);
      await waitFor(
        context.signal,
        async () => {
          const now = await serverVersion(kube, context.signal);
          if (now !== version) return `kube-apiserver reports ${now}`;
          return (
            (await nodesNotReady(kube, undefined, version, context.signal)) ??
            (await deploymentsBehind(kube, context.signal))
          );
        },
        (what) => context.progress('lifecycle.waiting', { what }, `Waiting: ${what}`),
      );
      await saveSpec(name, (spec) => ({ ...spec, version }));
      return `control plane and every node on ${version}; every Deployment available`;
    },
    async 'apply-pool'(_step, context) {
      const name = context.operation.cluster;
      const pool = context.operation.input.pool as NodePool;
      const { added } = await deps.provider.applyPool(name, pool, runOf(context));
      await saveSpec(name, (spec) => ({
        ...spec,
        nodePools: [...spec.nodePools.filter((p) => p.name !== pool.name), pool],
      }));
      const kube = await client(name);
      const nodes =
        (await deps.provider.describe(name))?.nodes.filter((n) => n.pool === pool.name).map((n) => n.name) ??
        [];
      await waitFor(
        context.signal,
        () => nodesNotReady(kube, nodes, undefined, context.signal),
        (what) => context.progress('lifecycle.waiting', { what }, `Waiting: ${what}`),
      );
      return `pool ${pool.name}: ${nodes.length} nodes, ${added.length} added`;
    },
    async 'remove-node'(step, context) {
      const name = context.operation.cluster;
      const node = String(step.params.node);
      const present = (await deps.provider.describe(name))?.nodes.some((n) => n.name === node);
      if (!present) return `${node} is gone already`;
      const kube = await client(name);
      await cordonNode(kube, node).catch(() => undefined);
      await drain(kube, node, context);
      await deps.provider.removeNode(name, node, runOf(context));
      await kube.request({ method: 'DELETE', path: `/api/v1/nodes/${node}` }).catch(() => undefined);
      return `${node} drained and removed`;
    },
    async 'remove-pool'(step, context) {
      const name = context.operation.cluster;
      const pool = String(step.params.pool);
      await deps.provider.removePool(name, pool, runOf(context));
      await saveSpec(name, (spec) => ({ ...spec, nodePools: spec.nodePools.filter((p) => p.name !== pool) }));
      return `pool ${pool} removed`;
    },
    async restore(step, context) {
      const name = context.operation.cluster;
      const id = String(step.params.snapshot);
      const snapshot = (await deps.provider.listSnapshots(name)).find((s) => s.id === id);
      if (!snapshot) throw new Error(`snapshot ${id} of ${name} is gone; choose another`);
      await deps.provider.restoreSnapshot(name, id, runOf(context));
      const kube = await client(name);
      await waitFor(
        context.signal,
        async () =>
          (await controlPlaneReady(kube, context.signal)) ? undefined : 'kube-apiserver not ready',
        (what) => context.progress('lifecycle.waiting', { what }, `Waiting: ${what}`),
      );
      await saveSpec(name, (spec) => ({ ...spec, version: snapshot.version }));
      return `etcd restored from ${id} (taken ${snapshot.takenAt}); writes after it are lost`;
    },
    async prune(step, context) {
      const name = context.operation.cluster;
      const keep = Number(step.params.keep);
      const scheduled = (await deps.provider.listSnapshots(name))
        .filter((s) => s.reason === 'schedule')
        .sort((a, b) => b.takenAt.localeCompare(a.takenAt));
      const extra = scheduled.slice(keep);
      for (const snapshot of extra) await deps.provider.deleteSnapshot(name, snapshot.id);
      return `${extra.length} scheduled snapshots beyond ${keep} removed`;
    },
    async unregister(_step, context) {
      const name = context.operation.cluster;
      if (await deps.clusters.labelsOf(name)) await deps.clusters.unregister(name);
      return `${name} unregistered`;
    },
    async delete(_step, context) {
      await deps.provider.delete(context.operation.cluster, runOf(context));
      return 'cluster stopped and removed with its snapshots';
    },
    async forget(_step, context) {
      await deps.store.deleteCluster(context.operation.cluster);
      return 'forgotten';
    },
  };

  return async (step, context) => {
    const run = work[step.code];
    if (!run)
      throw new Error(`this Portolan does not know the step "${step.code}"; run the version that started it`);
    return run(step, context);
  };
}

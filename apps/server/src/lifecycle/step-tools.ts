import type { ManagedClusterSpec } from '@portolan/api';
import type { KubeClient } from '#server/kube/kube-client.ts';
import { drainNode } from '#server/nodes/node-drain.ts';
import type { LifecycleStore } from '#server/store/lifecycle/lifecycle-store.ts';
import type { ManagedClusters } from './managed-clusters.ts';
import type { StepContext } from './operation-runner.ts';
import type { ClusterProvider, ProviderRun } from './provider.ts';
import { StepError, type Waiting } from './step-words.ts';

export interface StepDeps {
  provider: ClusterProvider;
  store: LifecycleStore;
  clusters: ManagedClusters;
  /** How long a drain retries evictions a PodDisruptionBudget refuses (120 s). */
  drainTimeoutSeconds?: number;
}

export const runOf = (context: StepContext): ProviderRun => ({
  signal: context.signal,
  progress: context.progress,
});

/** Says what a step waits for in the job's log: `wait` is its code, the rest its values. */
export const waitingLine =
  (context: StepContext) =>
  ({ wait, params, text }: Waiting) =>
    context.progress('lifecycle.waiting', { what: text, wait, ...params }, `Waiting: ${text}`);

export type StepTools = ReturnType<typeof createStepTools>;

/** What the steps share: the cluster's client, its stored spec, a kubeconfig being made, a drain. */
export function createStepTools(deps: StepDeps) {
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
      throw new StepError(
        'not-registered',
        { cluster: name },
        `cluster ${name} is not registered or its client is not open; register it again`,
      );
    return found;
  }

  async function specOf(name: string): Promise<ManagedClusterSpec> {
    const stored = await deps.store.getCluster(name);
    if (!stored)
      throw new StepError(
        'not-recorded',
        { cluster: name },
        `cluster ${name} is not recorded as created by Portolan`,
      );
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
    if (left.length > 0) {
      const pods = left
        .slice(0, 5)
        .map((pod) => `${pod.namespace}/${pod.name} (${pod.message})`)
        .join(', ');
      throw new StepError(
        'drain-left-pods',
        { node, count: left.length, pods },
        `draining ${node} left ${left.length} pods: ${pods}`,
      );
    }
  }

  return { kubeconfigs, kubeconfigOf, client, specOf, saveSpec, drain };
}

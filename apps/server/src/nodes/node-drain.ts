import type { KubeClient } from '#server/kube/kube-client.ts';
import type { KubeError } from '#server/kube/kube-errors.ts';
import { callKube } from '#server/resources/kube-call.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { operationOf, pathOf } from '#server/resources/object-location.ts';
import { NotFoundError, ResourceError } from '#server/resources/resource-errors.ts';
import { type DrainOptions, planDrain, type SkipReason } from './drain-plan.ts';
import { cordonNode, PODS } from './node-edits.ts';

export interface DrainSettings extends DrainOptions {
  /** How long evictions are retried (blocked by a PodDisruptionBudget) and deletions awaited. */
  timeoutSeconds?: number;
  /** Overrides each pod's own grace period. */
  gracePeriodSeconds?: number;
}

export interface DrainedPod {
  namespace: string;
  name: string;
  /** evicted: the eviction was accepted; blocked: a PodDisruptionBudget refused it until the timeout. */
  outcome: 'evicted' | 'skipped' | 'blocked' | 'failed';
  reason?: SkipReason | string;
  message: string;
  /** Evicted pods: whether the pod was gone before the timeout. */
  deleted?: boolean;
  attempts: number;
}

export interface DrainReport {
  node: string;
  /** Every pod that had to go is gone. */
  complete: boolean;
  timedOut: boolean;
  pods: DrainedPod[];
}

/** Time, injected so tests need not wait. */
export interface DrainClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemDrainClock: DrainClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const RETRY_MS = 1000;

const locationOf = (pod: KubeObject) => ({
  resource: PODS,
  namespace: pod.metadata?.namespace,
  name: pod.metadata?.name,
});

/** Why Kubernetes refused: a PodDisruptionBudget's own words when it gave them. */
function refusalMessage(error: ResourceError): string {
  const causes = (error.cause as KubeError | undefined)?.causes ?? [];
  return [error.message, ...causes.map((cause) => cause.message).filter(Boolean)].join(': ');
}

/**
 * Cordons the node, then evicts its pods through the Eviction API, as `kubectl drain` does:
 * evictions a PodDisruptionBudget refuses (429) are retried until the timeout, and evicted pods
 * are awaited until they are gone. Each pod's outcome is reported; nothing is deleted directly.
 */
export async function drainNode(
  client: KubeClient,
  node: string,
  settings: DrainSettings = {},
  clock: DrainClock = systemDrainClock,
): Promise<DrainReport> {
  const deadline = clock.now() + (settings.timeoutSeconds ?? 60) * 1000;
  await cordonNode(client, node);
  const listed = await callKube<{ items?: KubeObject[] }>(
    client,
    { path: '/api/v1/pods', query: { fieldSelector: `spec.nodeName=${node}` } },
    { verb: 'list', group: '', resource: 'pods' },
  );
  const plans = planDrain(listed.body.items ?? [], settings);
  const pods = await Promise.all(
    plans.map(async (plan): Promise<DrainedPod> => {
      const base = { namespace: plan.pod.metadata?.namespace ?? '', name: plan.pod.metadata?.name ?? '' };
      if (!plan.evict)
        return { ...base, outcome: 'skipped', reason: plan.reason, message: plan.message, attempts: 0 };
      return evictUntil(client, plan.pod, settings, deadline, clock);
    }),
  );
  const timedOut = pods.some(
    (pod) => pod.outcome === 'blocked' || (pod.outcome === 'evicted' && !pod.deleted),
  );
  const complete = pods.every(
    (pod) =>
      (pod.outcome === 'evicted' && pod.deleted) ||
      (pod.outcome === 'skipped' && (pod.reason === 'DaemonSet' || pod.reason === 'MirrorPod')),
  );
  return { node, complete, timedOut, pods };
}

async function evictUntil(
  client: KubeClient,
  pod: KubeObject,
  settings: DrainSettings,
  deadline: number,
  clock: DrainClock,
): Promise<DrainedPod> {
  const location = locationOf(pod);
  const result: DrainedPod = {
    namespace: location.namespace ?? '',
    name: location.name ?? '',
    outcome: 'failed',
    message: '',
    attempts: 0,
  };
  const eviction = {
    apiVersion: 'policy/v1',
    kind: 'Eviction',
    metadata: { name: location.name, namespace: location.namespace },
    ...(settings.gracePeriodSeconds !== undefined
      ? { deleteOptions: { gracePeriodSeconds: settings.gracePeriodSeconds } }
      : {}),
  };
  for (;;) {
    result.attempts += 1;
    try {
      await callKube(
        client,
        { method: 'POST', path: pathOf(location, 'eviction'), body: eviction },
        operationOf(location, 'create', 'eviction'),
      );
      break;
    } catch (error) {
      if (error instanceof NotFoundError) {
        return { ...result, outcome: 'evicted', deleted: true, message: 'already gone' };
      }
      if (!(error instanceof ResourceError)) throw error;
      if (error.status !== 429)
        return { ...result, outcome: 'failed', reason: error.reason ?? error.code, message: error.message };
      if (clock.now() + RETRY_MS > deadline) {
        return { ...result, outcome: 'blocked', reason: 'DisruptionBudget', message: refusalMessage(error) };
      }
      await clock.sleep(RETRY_MS);
    }
  }
  const deleted = await waitUntilGone(client, pod, deadline, clock);
  return {
    ...result,
    outcome: 'evicted',
    deleted,
    message: deleted ? 'evicted and gone' : 'evicted; still terminating at the timeout',
  };
}

async function waitUntilGone(
  client: KubeClient,
  pod: KubeObject,
  deadline: number,
  clock: DrainClock,
): Promise<boolean> {
  const location = locationOf(pod);
  for (;;) {
    try {
      const current = await callKube<KubeObject>(
        client,
        { path: pathOf(location) },
        operationOf(location, 'get'),
      );
      // A new pod of the same name (a StatefulSet's) means the old one is gone.
      if (current.body.metadata?.uid !== pod.metadata?.uid) return true;
    } catch (error) {
      if (error instanceof NotFoundError) return true;
      throw error;
    }
    if (clock.now() + 500 > deadline) return false;
    await clock.sleep(500);
  }
}

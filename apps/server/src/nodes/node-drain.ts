import type { DrainEvent, DrainedPod, DrainReport, DrainState } from '@portolan/api';
import type { KubeClient } from '#server/kube/kube-client.ts';
import type { KubeError } from '#server/kube/kube-errors.ts';
import { callKube } from '#server/resources/kube-call.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { operationOf, pathOf } from '#server/resources/object-location.ts';
import { NotFoundError, ResourceError } from '#server/resources/resource-errors.ts';
import { type DrainOptions, type PodPlan, planDrain } from './drain-plan.ts';
import { cordonNode, PODS } from './node-edits.ts';

export type { DrainedPod, DrainReport };

export interface DrainSettings extends DrainOptions {
  /** How long evictions are retried (blocked by a PodDisruptionBudget) and deletions awaited. */
  timeoutSeconds?: number;
  /** Overrides each pod's own grace period. */
  gracePeriodSeconds?: number;
  /** At most this many pods evicted and not yet gone at once; all at once when absent (as kubectl). */
  concurrency?: number;
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

export interface DrainRun {
  clock?: DrainClock;
  /** Aborted: no pod is evicted after; what is under way is reported as it stands. */
  signal?: AbortSignal;
  /** Told the plan, then each pod's change of state as it happens. */
  onProgress?: (event: DrainEvent) => void;
}

const RETRY_MS = 1000;
const GONE_POLL_MS = 500;

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
 * Cordons the node and plans what goes: done before a progress stream starts, so a node that is
 * not there or may not be changed is refused with its own status.
 */
export async function planNodeDrain(
  client: KubeClient,
  node: string,
  settings: DrainSettings,
): Promise<PodPlan[]> {
  await cordonNode(client, node);
  const listed = await callKube<{ items?: KubeObject[] }>(
    client,
    { path: '/api/v1/pods', query: { fieldSelector: `spec.nodeName=${node}` } },
    { verb: 'list', group: '', resource: 'pods' },
  );
  return planDrain(listed.body.items ?? [], settings);
}

/** Cordons the node and evicts its pods (see runDrain). */
export async function drainNode(
  client: KubeClient,
  node: string,
  settings: DrainSettings = {},
  run: DrainRun = {},
): Promise<DrainReport> {
  return runDrain(client, node, await planNodeDrain(client, node, settings), settings, run);
}

/** A sleep that ends early when the drain is stopped. */
function pause(clock: DrainClock, ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return clock.sleep(ms);
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
    void clock.sleep(ms).then(done);
  });
}

interface Job {
  plan: PodPlan & { evict: true };
  result: DrainedPod;
  /** When a refused eviction may be asked again. */
  notBefore: number;
}

/**
 * Evicts the planned pods through the Eviction API, as `kubectl drain` does: evictions a
 * PodDisruptionBudget refuses (429) are retried until the timeout (without holding a place, so
 * others go meanwhile), and evicted pods are awaited until they are gone. With `concurrency`, at
 * most that many pods are evicted and not yet gone at once. Each change of a pod's state is told
 * as it happens; nothing is deleted directly.
 */
export async function runDrain(
  client: KubeClient,
  node: string,
  plans: PodPlan[],
  settings: DrainSettings,
  { clock = systemDrainClock, signal, onProgress }: DrainRun = {},
): Promise<DrainReport> {
  const deadline = clock.now() + (settings.timeoutSeconds ?? 60) * 1000;
  const stopped = () => signal?.aborted === true;
  const tell = (result: DrainedPod, state: DrainState) =>
    onProgress?.({
      type: 'pod',
      pod: {
        namespace: result.namespace,
        name: result.name,
        state,
        attempts: result.attempts,
        ...(result.reason ? { reason: result.reason } : {}),
        ...(result.message ? { message: result.message } : {}),
      },
    });
  const pods: DrainedPod[] = [];
  const queue: Job[] = [];
  for (const plan of plans) {
    const base = { namespace: plan.pod.metadata?.namespace ?? '', name: plan.pod.metadata?.name ?? '' };
    if (!plan.evict) {
      pods.push({ ...base, outcome: 'skipped', reason: plan.reason, message: plan.message, attempts: 0 });
      continue;
    }
    const result: DrainedPod = {
      ...base,
      outcome: 'stopped',
      message: 'the drain was stopped first',
      attempts: 0,
    };
    pods.push(result);
    queue.push({ plan, result, notBefore: 0 });
  }
  onProgress?.({
    type: 'plan',
    pods: pods.map((pod) => ({
      namespace: pod.namespace,
      name: pod.name,
      state: pod.outcome === 'skipped' ? 'skipped' : 'pending',
      ...(pod.outcome === 'skipped' ? { reason: pod.reason ?? '', message: pod.message } : {}),
    })),
  });

  const settle = (
    job: Job,
    outcome: DrainedPod['outcome'],
    state: DrainState,
    fields: Partial<DrainedPod>,
  ) => {
    Object.assign(job.result, { outcome, ...fields });
    tell(job.result, state);
  };

  /** One eviction asked; true when the job is settled, false when it waits for another turn. */
  const attempt = async (job: Job): Promise<boolean> => {
    const location = locationOf(job.plan.pod);
    job.result.attempts += 1;
    if (job.result.attempts === 1) tell(job.result, 'evicting');
    try {
      await callKube(
        client,
        {
          method: 'POST',
          path: pathOf(location, 'eviction'),
          body: {
            apiVersion: 'policy/v1',
            kind: 'Eviction',
            metadata: { name: location.name, namespace: location.namespace },
            ...(settings.gracePeriodSeconds !== undefined
              ? { deleteOptions: { gracePeriodSeconds: settings.gracePeriodSeconds } }
              : {}),
          },
        },
        operationOf(location, 'create', 'eviction'),
      );
    } catch (error) {
      if (error instanceof NotFoundError) {
        settle(job, 'evicted', 'deleted', { deleted: true, message: 'already gone' });
        return true;
      }
      if (!(error instanceof ResourceError)) throw error;
      const reason = error.reason ?? error.code;
      if (error.status !== 429) {
        settle(job, 'failed', 'failed', { ...(reason ? { reason } : {}), message: error.message });
        return true;
      }
      const fields = { reason: 'DisruptionBudget', message: refusalMessage(error) };
      if (clock.now() + RETRY_MS > deadline) {
        settle(job, 'blocked', 'blocked', fields);
        return true;
      }
      // Still evicting: the reason it is refused for now, and another try after a while.
      Object.assign(job.result, fields);
      tell(job.result, 'evicting');
      job.notBefore = clock.now() + RETRY_MS;
      return false;
    }
    delete job.result.reason;
    settle(job, 'evicted', 'evicted', { deleted: false, message: 'evicted; terminating' });
    const gone = await waitUntilGone(client, job.plan.pod, deadline, clock, signal);
    if (gone) settle(job, 'evicted', 'deleted', { deleted: true, message: 'evicted and gone' });
    else {
      job.result.message = stopped()
        ? 'evicted; the drain was stopped while it was terminating'
        : 'evicted; still terminating at the timeout';
    }
    return true;
  };

  const worker = async () => {
    for (;;) {
      if (stopped()) return;
      const job = queue.shift();
      if (!job) return;
      const wait = job.notBefore - clock.now();
      if (wait > 0) await pause(clock, wait, signal);
      if (stopped()) {
        queue.unshift(job);
        return;
      }
      if (!(await attempt(job))) queue.push(job);
    }
  };
  const workers = Math.min(settings.concurrency ?? queue.length, queue.length);
  await Promise.all(Array.from({ length: workers }, worker));
  for (const job of queue) {
    job.result.message = 'the drain was stopped before this pod was evicted';
    tell(job.result, 'stopped');
  }

  const timedOut = pods.some(
    (pod) => pod.outcome === 'blocked' || (pod.outcome === 'evicted' && !pod.deleted),
  );
  const complete = pods.every(
    (pod) =>
      (pod.outcome === 'evicted' && pod.deleted) ||
      (pod.outcome === 'skipped' && (pod.reason === 'DaemonSet' || pod.reason === 'MirrorPod')),
  );
  const report: DrainReport = { node, complete, timedOut: timedOut && !stopped(), stopped: stopped(), pods };
  onProgress?.({ type: 'done', report });
  return report;
}

async function waitUntilGone(
  client: KubeClient,
  pod: KubeObject,
  deadline: number,
  clock: DrainClock,
  signal: AbortSignal | undefined,
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
    if (signal?.aborted || clock.now() + GONE_POLL_MS > deadline) return false;
    await pause(clock, GONE_POLL_MS, signal);
  }
}

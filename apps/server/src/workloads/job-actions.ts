import type { KubeClient } from '#server/kube/kube-client.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { NotFoundError, ResourceError } from '#server/resources/resource-errors.ts';
import { type Clock, systemClock } from '#server/time/clock.ts';
import {
  callObject,
  MERGE_PATCH,
  patchWorkload,
  readWorkload,
  requireKind,
  type WorkloadRef,
  workloadLocation,
} from './workload-kinds.ts';

// Labels the Job controller adds to a job and its pods; a copy must not carry the old job's.
const CONTROLLER_LABELS = [
  'controller-uid',
  'batch.kubernetes.io/controller-uid',
  'job-name',
  'batch.kubernetes.io/job-name',
];

interface Job extends KubeObject {
  spec: Record<string, unknown> & { selector?: unknown; manualSelector?: boolean; template: KubeObject };
}

interface CronJob extends KubeObject {
  spec: {
    jobTemplate: { metadata?: KubeObject['metadata']; spec: Record<string, unknown> };
    suspend?: boolean;
  };
}

const withoutControllerLabels = (labels: Record<string, string> | undefined) =>
  Object.fromEntries(Object.entries(labels ?? {}).filter(([key]) => !CONTROLLER_LABELS.includes(key)));

/** A new Job with the old one's spec, minus what the controller generated for the old one. */
export function jobCopy(job: Job, name: string): KubeObject {
  const spec = structuredClone(job.spec);
  if (!spec.manualSelector) delete spec.selector;
  const template = spec.template;
  if (template.metadata) template.metadata.labels = withoutControllerLabels(template.metadata.labels);
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: job.metadata?.namespace,
      labels: withoutControllerLabels(job.metadata?.labels),
      annotations: Object.fromEntries(
        Object.entries(job.metadata?.annotations ?? {}).filter(
          ([key]) => !key.startsWith('batch.kubernetes.io/'),
        ),
      ),
    },
    spec,
  };
}

/**
 * Runs a Job again from its spec. With the same name (the default) the old Job and its pods are
 * deleted first; with another name the old one stays.
 */
export async function rerunJob(
  client: KubeClient,
  ref: WorkloadRef,
  options: { name?: string; timeoutMs?: number; clock?: Clock } = {},
): Promise<KubeObject> {
  requireKind(ref, ['Job'], 're-running');
  const job = await readWorkload<Job>(client, ref);
  const name = options.name ?? ref.name;
  if (name === ref.name) {
    await callObject(client, workloadLocation(ref), 'delete', {
      method: 'DELETE',
      query: { propagationPolicy: 'Background' },
      body: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: job.metadata?.uid } },
    });
    await waitUntilGone(client, ref, options.timeoutMs ?? 30_000, options.clock ?? systemClock);
  }
  const location = { ...workloadLocation(ref), name: undefined };
  return callObject(client, location, 'create', { method: 'POST', body: jobCopy(job, name) });
}

async function waitUntilGone(
  client: KubeClient,
  ref: WorkloadRef,
  timeoutMs: number,
  clock: Clock,
): Promise<void> {
  const deadline = clock().getTime() + timeoutMs;
  for (;;) {
    try {
      await readWorkload(client, ref);
    } catch (error) {
      if (error instanceof NotFoundError) return;
      throw error;
    }
    if (clock().getTime() > deadline) {
      throw new ResourceError(
        'kube-error',
        504,
        `Job "${ref.name}" was still being deleted after ${timeoutMs / 1000} s; try again`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Starts a CronJob's job now, as `kubectl create job --from=cronjob/…`: the job template with the
 * CronJob as owner and the `cronjob.kubernetes.io/instantiate: manual` annotation.
 */
export async function triggerCronJob(
  client: KubeClient,
  ref: WorkloadRef,
  options: { name?: string } = {},
): Promise<KubeObject> {
  requireKind(ref, ['CronJob'], 'triggering');
  const cron = await readWorkload<CronJob>(client, ref);
  const template = cron.spec.jobTemplate;
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      // The server adds a random suffix to generateName, so manual runs never clash.
      ...(options.name ? { name: options.name } : { generateName: `${ref.name.slice(0, 52)}-manual-` }),
      namespace: ref.namespace,
      labels: template.metadata?.labels ?? {},
      annotations: { ...template.metadata?.annotations, 'cronjob.kubernetes.io/instantiate': 'manual' },
      ownerReferences: [
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          name: ref.name,
          uid: cron.metadata?.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: template.spec,
  };
  const location = { ...workloadLocation({ ...ref, kind: 'Job' }), name: undefined };
  return callObject(client, location, 'create', { method: 'POST', body: job });
}

/** Stops scheduling new jobs; running ones go on. */
export function suspendCronJob(client: KubeClient, ref: WorkloadRef): Promise<KubeObject> {
  requireKind(ref, ['CronJob'], 'suspending');
  return patchWorkload(client, ref, { spec: { suspend: true } }, MERGE_PATCH);
}

export function resumeCronJob(client: KubeClient, ref: WorkloadRef): Promise<KubeObject> {
  requireKind(ref, ['CronJob'], 'resuming');
  return patchWorkload(client, ref, { spec: { suspend: false } }, MERGE_PATCH);
}

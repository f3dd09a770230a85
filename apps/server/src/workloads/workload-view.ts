import type { KubeClient } from '#server/kube/kube-client.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { type LabelSelector, selectorText } from './label-selector.ts';
import { type Condition, describeHealth, type Health, stuckPodsOf } from './workload-health.ts';
import {
  listIn,
  readWorkload,
  registeredResource,
  type WorkloadRef,
  workloadResource,
} from './workload-kinds.ts';

export interface PodSummary {
  name: string;
  phase: string;
  /** `ready/total` containers. */
  ready: string;
  restarts: number;
  /** Why a container waits or ended, e.g. CrashLoopBackOff. */
  reason?: string;
  node?: string;
  ip?: string;
  createdAt?: string;
}

export interface EventSummary {
  type: string;
  reason: string;
  message: string;
  count: number;
  lastSeen?: string;
}

export interface WorkloadView {
  object: KubeObject;
  health: Health;
  conditions: Condition[];
  pods: PodSummary[];
  events: EventSummary[];
}

const PODS = registeredResource('pods');
const EVENTS = registeredResource('events');

interface ContainerStatus {
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string }; terminated?: { reason?: string } };
}

function summarizePod(pod: KubeObject): PodSummary {
  const status = (pod.status ?? {}) as {
    phase?: string;
    podIP?: string;
    reason?: string;
    containerStatuses?: ContainerStatus[];
  };
  const containers = status.containerStatuses ?? [];
  const total = ((pod.spec as { containers?: unknown[] } | undefined)?.containers ?? []).length;
  const summary: PodSummary = {
    name: pod.metadata?.name ?? '',
    phase: status.phase ?? 'Unknown',
    ready: `${containers.filter((entry) => entry.ready).length}/${total}`,
    restarts: containers.reduce((sum, entry) => sum + (entry.restartCount ?? 0), 0),
  };
  const reason =
    containers
      .map((entry) => entry.state?.waiting?.reason ?? entry.state?.terminated?.reason)
      .find(Boolean) ?? status.reason;
  if (reason) summary.reason = reason;
  const node = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
  if (node) summary.node = node;
  if (status.podIP) summary.ip = status.podIP;
  if (pod.metadata?.creationTimestamp) summary.createdAt = pod.metadata.creationTimestamp;
  return summary;
}

function summarizeEvent(event: KubeObject): EventSummary {
  const fields = event as KubeObject & {
    type?: string;
    reason?: string;
    message?: string;
    count?: number;
    lastTimestamp?: string;
    eventTime?: string;
    series?: { count?: number; lastObservedTime?: string };
  };
  const summary: EventSummary = {
    type: fields.type ?? 'Normal',
    reason: fields.reason ?? '',
    message: fields.message ?? '',
    count: fields.series?.count ?? fields.count ?? 1,
  };
  const lastSeen = fields.series?.lastObservedTime ?? fields.lastTimestamp ?? fields.eventTime;
  if (lastSeen) summary.lastSeen = lastSeen;
  return summary;
}

/** Which pods belong to the workload: its selector, or for a CronJob the pods of its jobs. */
async function podSelector(
  client: KubeClient,
  ref: WorkloadRef,
  workload: KubeObject,
): Promise<string | undefined> {
  if (ref.kind !== 'CronJob') return selectorText((workload.spec as { selector?: LabelSelector }).selector);
  const jobs = await listIn(client, workloadResource('Job'), ref.namespace);
  const names = jobs
    .filter((job) => job.metadata?.ownerReferences?.some((owner) => owner.uid === workload.metadata?.uid))
    .map((job) => job.metadata?.name);
  return names.length ? `batch.kubernetes.io/job-name in (${names.join(',')})` : undefined;
}

/** A workload with its pods, its events (newest last), its conditions and its health in words. */
export async function workloadView(client: KubeClient, ref: WorkloadRef): Promise<WorkloadView> {
  const object = await readWorkload(client, ref);
  const selector = await podSelector(client, ref, object);
  const [pods, events] = await Promise.all([
    selector ? listIn(client, PODS, ref.namespace, { labelSelector: selector }) : Promise.resolve([]),
    listIn(client, EVENTS, ref.namespace, { fieldSelector: `involvedObject.uid=${object.metadata?.uid}` }),
  ]);
  const summaries = events
    .map(summarizeEvent)
    .sort((a, b) => (a.lastSeen ?? '').localeCompare(b.lastSeen ?? ''));
  return {
    object,
    health: describeHealth(ref.kind, object, stuckPodsOf(pods)),
    conditions: ((object.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).map(
      (entry) => ({ ...entry }),
    ),
    pods: pods.map(summarizePod).sort((a, b) => a.name.localeCompare(b.name)),
    events: summaries,
  };
}

import type { KubeClient } from '#server/kube/kube-client.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { builtIn, listIn } from '#server/workloads/workload-kinds.ts';
import type { PodRef } from './pod-logs.ts';

export interface PodEvent {
  type: string;
  reason: string;
  message: string;
  count: number;
  firstSeen?: string;
  lastSeen?: string;
  /** Who reported it, e.g. default-scheduler or kubelet. */
  source?: string;
}

const EVENTS = builtIn('', 'v1', 'events', 'Event');

interface EventFields extends KubeObject {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  source?: { component?: string };
  reportingComponent?: string;
  series?: { count?: number; lastObservedTime?: string };
}

function summarize(event: EventFields): PodEvent {
  const summary: PodEvent = {
    type: event.type ?? 'Normal',
    reason: event.reason ?? '',
    message: event.message ?? '',
    count: event.series?.count ?? event.count ?? 1,
  };
  const first = event.firstTimestamp ?? event.eventTime;
  const last = event.series?.lastObservedTime ?? event.lastTimestamp ?? event.eventTime;
  if (first) summary.firstSeen = first;
  if (last) summary.lastSeen = last;
  const source = event.source?.component || event.reportingComponent;
  if (source) summary.source = source;
  return summary;
}

/** The pod's events, oldest first; by name, so the events of a pod already gone are still found. */
export async function podEvents(client: KubeClient, pod: PodRef): Promise<PodEvent[]> {
  const events = await listIn<EventFields>(client, EVENTS, pod.namespace, {
    fieldSelector: `involvedObject.kind=Pod,involvedObject.name=${pod.name}`,
  });
  return events.map(summarize).sort((a, b) => (a.lastSeen ?? '').localeCompare(b.lastSeen ?? ''));
}

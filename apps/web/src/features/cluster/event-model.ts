import type { KubeObject } from './cluster-api.ts';

export interface EventRow {
  uid: string;
  type: string;
  reason: string;
  message: string;
  namespace: string;
  object: string;
  count: number;
  /** When it last happened: lastTimestamp, the series' last observation, eventTime, or creation. */
  lastAt: string | undefined;
  source: string;
}

interface EventFields {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  lastTimestamp?: string | null;
  firstTimestamp?: string | null;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string };
  involvedObject?: { kind?: string; name?: string; namespace?: string };
  regarding?: { kind?: string; name?: string; namespace?: string };
  source?: { component?: string; host?: string };
  reportingController?: string;
}

/** A core/v1 Event as one row, whichever of its time fields the reporter filled. */
export function eventRow(object: KubeObject): EventRow {
  const event = object as KubeObject & EventFields;
  const about = event.involvedObject ?? event.regarding ?? {};
  return {
    uid: object.metadata?.uid ?? `${object.metadata?.namespace}/${object.metadata?.name}`,
    type: event.type ?? 'Normal',
    reason: event.reason ?? '',
    message: event.message ?? '',
    namespace: object.metadata?.namespace ?? about.namespace ?? '',
    object: about.kind ? `${about.kind}/${about.name ?? ''}` : (about.name ?? ''),
    count: event.series?.count ?? event.count ?? 1,
    lastAt:
      event.lastTimestamp ??
      event.series?.lastObservedTime ??
      event.eventTime ??
      event.firstTimestamp ??
      object.metadata?.creationTimestamp,
    source: event.source?.component ?? event.reportingController ?? '',
  };
}

export interface EventFilter {
  type: string;
  reason: string;
}

/** Warnings first, then the newest first; type and reason must match when given. */
export function arrangeEvents(rows: readonly EventRow[], filter: EventFilter): EventRow[] {
  return rows
    .filter(
      (row) => (!filter.type || row.type === filter.type) && (!filter.reason || row.reason === filter.reason),
    )
    .sort(
      (a, b) =>
        Number(b.type === 'Warning') - Number(a.type === 'Warning') ||
        (b.lastAt ?? '').localeCompare(a.lastAt ?? ''),
    );
}

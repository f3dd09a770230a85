import type { SyncEvent, SyncEventListener } from './sync-events.ts';

/** The part of the server's logger (pino) the reporter writes to. */
export interface SyncLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface SyncCounter {
  inc(labels: Record<string, string>): void;
}

export interface SyncReporterDeps {
  /** Asked at each event, so the logger may be made after the sync engine. */
  log: () => SyncLogger;
  /** Clusters are named in the log and the metrics as users know them. */
  nameOf: (clusterId: string) => string;
  /** Every failed attempt, by cluster, resource and reason. */
  errors: SyncCounter;
  /** Every relist after a 410 (the watch fell too far behind etcd). */
  relists: SyncCounter;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function subject(event: SyncEvent, cluster: string): string {
  return event.resource
    ? `sync of ${event.resource} from cluster "${cluster}"`
    : `discovery of cluster "${cluster}"`;
}

/** Failures of the connection itself: every resource of the cluster fails alike, so one line says it. */
const CONNECTION_REASONS = new Set(['unreachable', 'timeout', 'tls-handshake', 'proxy']);

/**
 * Turns sync events into the server log and counters: one log line per change of state (failing,
 * relisting, recovered), never one per retry; the counters count every occurrence. When a cluster
 * cannot be reached, every resource's sync fails at once: that is one line for the cluster (and one
 * when it answers again), not one per resource.
 */
export function createSyncReporter(deps: SyncReporterDeps): SyncEventListener {
  /** Per cluster, the syncs that failed for want of a connection, and whether that is said now. */
  const cut = new Map<string, { resources: Set<string>; down: boolean; since: number }>();
  return (event) => {
    const cluster = deps.nameOf(event.clusterId);
    const fields = { cluster, resource: event.resource || undefined };
    const entry = cut.get(event.clusterId);
    switch (event.type) {
      case 'failed': {
        deps.errors.inc({ cluster, resource: event.resource, reason: event.reason });
        if (CONNECTION_REASONS.has(event.reason)) {
          const current = entry ?? { resources: new Set<string>(), down: false, since: 0 };
          cut.set(event.clusterId, current);
          current.resources.add(event.resource);
          if (current.down) return;
          current.down = true;
          current.since = Date.now();
          deps
            .log()
            .warn(
              { cluster, reason: event.reason, retryInMs: event.retryInMs },
              `cluster "${cluster}" cannot be reached (${event.reason}): ${event.message.replace(/\.\s*$/, '')}; every sync retries with back-off`,
            );
          return;
        }
        entry?.resources.delete(event.resource);
        if (event.changed) {
          deps
            .log()
            .warn(
              { ...fields, reason: event.reason, retryInMs: event.retryInMs },
              `${subject(event, cluster)} is failing (${event.reason}): ${event.message.replace(/\.\s*$/, '')}; retrying with back-off, next in ${seconds(event.retryInMs)}`,
            );
        }
        return;
      }
      case 'relisting':
        deps.relists.inc({ cluster, resource: event.resource });
        deps
          .log()
          .info(
            fields,
            `${subject(event, cluster)}: the watch is too old for the API server (410 Gone); listing again`,
          );
        return;
      case 'recovered':
        if (entry?.resources.delete(event.resource)) {
          if (!entry.resources.size) cut.delete(event.clusterId);
          if (!entry.down) return;
          entry.down = false;
          const failedForMs = Date.now() - entry.since;
          deps
            .log()
            .info(
              { cluster, failedForMs },
              `cluster "${cluster}" answers again after ${seconds(failedForMs)}`,
            );
          return;
        }
        deps
          .log()
          .info(
            { ...fields, failedForMs: event.failedForMs },
            `${subject(event, cluster)} recovered after ${seconds(event.failedForMs)} of failures`,
          );
        return;
    }
  };
}

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

/**
 * Turns sync events into the server log and counters: one log line per change of state (failing,
 * relisting, recovered), never one per retry; the counters count every occurrence.
 */
export function createSyncReporter(deps: SyncReporterDeps): SyncEventListener {
  return (event) => {
    const cluster = deps.nameOf(event.clusterId);
    const fields = { cluster, resource: event.resource || undefined };
    switch (event.type) {
      case 'failed':
        deps.errors.inc({ cluster, resource: event.resource, reason: event.reason });
        if (event.changed) {
          deps
            .log()
            .warn(
              { ...fields, reason: event.reason, retryInMs: event.retryInMs },
              `${subject(event, cluster)} is failing (${event.reason}): ${event.message.replace(/\.\s*$/, '')}; retrying with back-off, next in ${seconds(event.retryInMs)}`,
            );
        }
        return;
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

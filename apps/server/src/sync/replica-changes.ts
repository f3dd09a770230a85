import { createPostgresNotices } from '#server/store/notices/postgres-notices.ts';
import type { ResourceStore } from '#server/store/store.ts';
import { type ChangeHub, createChangeHub } from './change-hub.ts';
import { createChangeRelay } from './change-relay.ts';

/**
 * The change hub of this server. On SQLite it is the only server: a hub in memory. On PostgreSQL
 * other replicas may share the store, so changes any of them syncs reach every replica's change
 * streams (through the relay); `start` and `stop` begin and end hearing them.
 */
export function replicaChanges(options: {
  databaseUrl: string | undefined;
  resources: Pick<ResourceStore, 'get'>;
  /** This replica's name among the others. */
  origin: string;
  warn: (message: string, error?: unknown) => void;
}): { changes: ChangeHub; start(): Promise<void>; stop(): Promise<void> } {
  const hub = createChangeHub();
  if (!options.databaseUrl) return { changes: hub, start: async () => {}, stop: async () => {} };
  const relay = createChangeRelay({
    hub,
    notices: createPostgresNotices({
      url: options.databaseUrl,
      channel: 'portolan_changes',
      onListenerProblem: (error) =>
        options.warn('hearing other replicas’ changes failed; connecting to PostgreSQL again', error),
    }),
    resources: options.resources,
    origin: options.origin,
    onProblem: options.warn,
  });
  return { changes: relay, start: () => relay.start(), stop: () => relay.stop() };
}

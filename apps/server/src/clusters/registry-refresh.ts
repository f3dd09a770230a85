import { randomUUID } from 'node:crypto';
import type { Notices } from '#server/store/notices/notices.ts';
import { createPostgresNotices } from '#server/store/notices/postgres-notices.ts';
import type { Cluster } from '#server/store/store.ts';

/** setInterval, injected so a test runs refreshes by hand. */
export interface RefreshTimer {
  every(ms: number, run: () => void): { cancel(): void };
}

/** The sealed credentials a cluster's client was opened with (or its opening was tried with). */
export type OpenedCredentials = Map<string, string>;

export const sealedText = (cluster: Cluster) => Buffer.from(cluster.credentials).toString('utf8');

/**
 * What a replica must do to match the stored clusters: open those it does not know or whose
 * credentials were replaced (on any replica), close those removed. A row without credentials yet is
 * one being registered: it is left until its credentials are sealed.
 */
export function clusterChanges(
  stored: Cluster[],
  opened: OpenedCredentials,
): { open: Cluster[]; close: string[] } {
  const ids = new Set(stored.map((cluster) => cluster.id));
  return {
    open: stored.filter((cluster) => {
      const sealed = sealedText(cluster);
      return sealed !== '' && opened.get(cluster.id) !== sealed;
    }),
    close: [...opened.keys()].filter((id) => !ids.has(id)),
  };
}

/**
 * How replicas sharing a database tell each other at once that the stored clusters changed (one
 * was registered, re-keyed or removed), so the others refresh now rather than at their next timer.
 * Notices can be missed (a dropped connection): the timer stays as the safety net.
 */
export interface ClusterNotices {
  /** Tells the other replicas that the stored clusters changed. */
  announce(): Promise<void>;
  /** Calls `heard` whenever another replica announces a change. */
  listen(heard: () => void): Promise<void>;
  close(): Promise<void>;
}

/** Cluster notices over the database's notices; each replica ignores its own (`origin`). */
export function clusterNotices(notices: Notices, origin: string): ClusterNotices {
  return {
    announce: () => notices.send([origin]),
    listen: (heard) =>
      notices.listen((message) => {
        if (message !== origin) heard();
      }),
    close: () => notices.close(),
  };
}

/**
 * The registry's refresh on a shared PostgreSQL: clusters registered, re-keyed or removed on other
 * replicas are told at once through notices, and read again every `everyMs` in case a notice was
 * lost. Undefined with SQLite, where this process is the only writer.
 */
export function replicaRefresh(options: {
  databaseUrl: string | undefined;
  everyMs: number;
  timer: RefreshTimer;
  onListenerProblem: (error: Error) => void;
}): { everyMs: number; timer: RefreshTimer; notices: ClusterNotices } | undefined {
  if (!options.databaseUrl) return undefined;
  const notices = createPostgresNotices({
    url: options.databaseUrl,
    channel: 'portolan_clusters',
    onListenerProblem: options.onListenerProblem,
  });
  return { everyMs: options.everyMs, timer: options.timer, notices: clusterNotices(notices, randomUUID()) };
}

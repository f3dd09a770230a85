import type { Notices } from '#server/store/notices/notices.ts';
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

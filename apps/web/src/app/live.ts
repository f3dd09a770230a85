import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

export interface LiveFilter {
  /** Kinds as search takes them (`pods`, `deployments.apps`, …); required, so a page hears only its own. */
  kinds: string[];
  clusters?: string[];
  namespaces?: string[];
}

/** Refetches at most this often however fast changes come (200 a second must not mean 200 refetches). */
const SETTLE_MS = 1_000;

/**
 * Keeps the queries under `queryKey` current from the change stream (GET /api/v1/changes, server-sent
 * events): each change marks them stale, and they are refetched at most once a second. The stream
 * reconnects by itself after a network blip (EventSource does) and then reads again what may have
 * changed while it was away; an `ended` event (access gone)
 * refetches so the page shows the server's refusal rather than old data.
 */
export function useLiveUpdates(queryKey: QueryKey, filter: LiveFilter, enabled = true): void {
  const queryClient = useQueryClient();
  const keyText = JSON.stringify(queryKey);
  const filterText = JSON.stringify(filter);
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const { kinds, clusters, namespaces } = JSON.parse(filterText) as LiveFilter;
    const params = new URLSearchParams({ kinds: kinds.join(',') });
    if (clusters?.length) params.set('clusters', clusters.join(','));
    if (namespaces?.length) params.set('namespaces', namespaces.join(','));
    const source = new EventSource(`/api/v1/changes?${params}`);
    const key = JSON.parse(keyText) as QueryKey;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const changed = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        void queryClient.invalidateQueries({ queryKey: key });
      }, SETTLE_MS);
    };
    // A list read before the stream was listening, or while it was away (a network blip), may have
    // missed a change: each time the stream (re)opens, what was read before it is read again.
    source.addEventListener('open', () => {
      const opened = Date.now();
      void queryClient.invalidateQueries({
        queryKey: key,
        predicate: (query) => query.state.dataUpdatedAt > 0 && query.state.dataUpdatedAt < opened,
      });
    });
    for (const type of ['ADDED', 'MODIFIED', 'DELETED', 'RESYNCED']) source.addEventListener(type, changed);
    source.addEventListener('ended', () => {
      source.close();
      void queryClient.invalidateQueries({ queryKey: key });
    });
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [queryClient, keyText, filterText, enabled]);
}

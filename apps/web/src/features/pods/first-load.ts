import type { QueryClient } from '@tanstack/react-query';
import { CSRF_COOKIE, readCookie } from '../../api/client.ts';
import { eagerModule } from '../../app/eager-module.ts';
import { podsApi } from './pods-api.ts';
import { filtersOf, podQueryOf, podsListKey } from './use-pod-filters.ts';

const page = eagerModule(() => import('./PodsPage.tsx'));
const loadPodsPage = page.preload;

/** The route's React.lazy loader: the page's code in the same render once it came early. */
export const podsPageLoader = page.loader;

/**
 * On /pods, the page's code and its first page of rows are asked for as the console's script runs,
 * beside the session, instead of one after another (session → shell → page's code → rows). Only with
 * a session's cookie: a visitor not signed in would just be refused. The list's own query takes the
 * answer (same key); a refusal or failure is the list's to show when it asks again.
 */
export function startPodsFirstLoad(client: QueryClient, where: { pathname: string; search: string }): void {
  if (where.pathname !== '/pods' || readCookie(document.cookie, CSRF_COOKIE) === undefined) return;
  void loadPodsPage().catch(() => undefined);
  const query = podQueryOf(filtersOf(new URLSearchParams(where.search)));
  void client.prefetchQuery({
    queryKey: podsListKey(query, undefined),
    queryFn: ({ signal }) => podsApi.search(query, signal),
  });
}

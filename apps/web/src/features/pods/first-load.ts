import type { QueryClient } from '@tanstack/react-query';
import { CSRF_COOKIE, readCookie } from '../../api/client.ts';
import { podsApi } from './pods-api.ts';
import { filtersOf, podQueryOf, podsListKey } from './use-pod-filters.ts';

type PodsModule = typeof import('./PodsPage.tsx');
let loaded: PodsModule | undefined;

function loadPodsPage(): Promise<PodsModule> {
  return import('./PodsPage.tsx').then((module) => {
    loaded = module;
    return module;
  });
}

/**
 * The /pods route's React.lazy loader. Once startPodsFirstLoad has brought the code, it is handed
 * over through a thenable that calls back at once, so React renders the page in the same pass
 * instead of suspending (as the overview's loader does, see features/overview/first-load.ts).
 */
export function podsPageLoader(): Promise<PodsModule> {
  if (!loaded) return loadPodsPage();
  const module = loaded;
  // biome-ignore lint/suspicious/noThenProperty: React.lazy takes any thenable; this one calls back at once.
  const settled = { then: (resolve: (value: PodsModule) => void) => resolve(module) };
  return settled as unknown as Promise<PodsModule>;
}

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

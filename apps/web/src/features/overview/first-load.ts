import type { QueryClient } from '@tanstack/react-query';
import { ApiError, CSRF_COOKIE, readCookie, request, type Transport } from '../../api/client.ts';
import type { ClusterList, Me, Summary } from '../../api/types.ts';
import { eagerModule } from '../../app/eager-module.ts';
import { ME_QUERY } from '../../app/RequireSession.tsx';
import { overviewQueries } from './overview-queries.ts';

const page = eagerModule(() => import('./OverviewPage.tsx'));
const loadOverviewPage = page.preload;

/** The route's React.lazy loader: the page's code in the same render once it came early. */
export const overviewPageLoader = page.loader;

/**
 * Reads index.html started before the console's scripts had loaded (`window.portolanEarly`, by
 * path): each answer is taken once, by the first load; whatever it did not start is fetched now.
 */
const early: Record<string, Promise<Response> | undefined> =
  (globalThis as { portolanEarly?: Record<string, Promise<Response>> }).portolanEarly ?? {};
const earlyOrNow: Transport = {
  fetch: (input, init) => {
    const started = early[String(input)];
    delete early[String(input)];
    return started ?? globalThis.fetch(input, init);
  },
  cookies: () => document.cookie,
};
const read =
  <T>(path: string) =>
  () =>
    request<T>('GET', path, undefined, earlyOrNow);

let settled: Promise<unknown> = Promise.resolve();

/**
 * Starts the first load's requests as the console's script runs, all at once, instead of one after
 * another as components mount (session → shell → route's code → page → its data): the session, and
 * on the overview its code and data, taking the answers index.html already asked for.
 */
export function startFirstLoad(client: QueryClient, path: string): void {
  const started: Promise<unknown>[] = [
    client.prefetchQuery({ queryKey: ME_QUERY, queryFn: read<Me>('/api/v1/auth/me'), staleTime: 60_000 }),
  ];
  // Without a session's CSRF cookie the visitor is not signed in: the data would only be refused.
  const session = readCookie(document.cookie, CSRF_COOKIE) !== undefined;
  if (path === '/' && session) {
    // A failed load is the route's to report: React.lazy imports again and shows the error.
    started.push(loadOverviewPage().catch(() => undefined));
    started.push(
      prefetchUnlessRefused(client, overviewQueries.clusters.queryKey, read<ClusterList>('/api/v1/clusters')),
    );
    started.push(
      prefetchUnlessRefused(client, overviewQueries.summary.queryKey, read<Summary>('/api/v1/summary')),
    );
  }
  settled = Promise.all(started);
}

/**
 * Resolves when the first load's requests have answered, or after `waitMs` at most. The console's
 * first render waits for it: with the answers in the cache the page renders whole at once, rather
 * than a spinner first and the page in a second render (each render styles its components anew).
 */
export function firstLoadSettled(waitMs = 250): Promise<void> {
  return Promise.race([
    settled.then(() => undefined),
    new Promise<void>((resolve) => setTimeout(resolve, waitMs)),
  ]);
}

/** Not signed in: the refusal is forgotten, so the page asks afresh after sign-in. */
function prefetchUnlessRefused<T>(
  client: QueryClient,
  queryKey: readonly string[],
  queryFn: () => Promise<T>,
): Promise<void> {
  return client.prefetchQuery({ queryKey, queryFn }).then(() => {
    const cached = client.getQueryCache().find({ queryKey, exact: true });
    const refused = cached?.state.error instanceof ApiError && cached.state.error.status === 401;
    if (refused && cached.getObserversCount() === 0) client.removeQueries({ queryKey, exact: true });
  });
}

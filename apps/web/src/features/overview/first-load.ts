import type { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client.ts';
import { api } from '../../api/portolan.ts';
import { ME_QUERY } from '../../app/RequireSession.tsx';

type OverviewModule = typeof import('./OverviewPage.tsx');
let loaded: OverviewModule | undefined;

function loadOverviewPage(): Promise<OverviewModule> {
  return import('./OverviewPage.tsx').then((module) => {
    loaded = module;
    return module;
  });
}

/**
 * The overview route's React.lazy loader. When startFirstLoad has already brought the code, it hands
 * it over through a thenable that calls back at once, which React.lazy takes in the same render: a
 * Promise, even a settled one, calls back a turn later, so React would suspend, show the fallback
 * and then hold the page back for 300 ms (React 19 throttles revealing a fallback's content).
 */
export function overviewPageLoader(): Promise<OverviewModule> {
  if (!loaded) return loadOverviewPage();
  const module = loaded;
  // biome-ignore lint/suspicious/noThenProperty: React.lazy takes any thenable; this one calls back at once.
  const settled = { then: (resolve: (value: OverviewModule) => void) => resolve(module) };
  return settled as unknown as Promise<OverviewModule>;
}

/** What the overview asks the API; its page and the first load's early start ask the same. */
export const overviewQueries = {
  clusters: { queryKey: ['clusters'], queryFn: api.clusters },
  summary: { queryKey: ['summary'], queryFn: api.summary },
} as const;

/**
 * Starts the first load's requests as the console's script runs, all at once, instead of one after
 * another as components mount (session → shell → route's code → page → its data): the session, and
 * on the overview its code and data. The page then renders from the cache with no spinner between,
 * and React shows no Suspense fallback (whose reveal it holds back for 300 ms) for code already here.
 */
export function startFirstLoad(client: QueryClient, path: string): void {
  void client.prefetchQuery({ queryKey: ME_QUERY, queryFn: api.me, staleTime: 60_000 });
  if (path !== '/') return;
  // A failed load is the route's to report: React.lazy imports again and shows the error.
  loadOverviewPage().catch(() => undefined);
  prefetchUnlessRefused(client, overviewQueries.clusters);
  prefetchUnlessRefused(client, overviewQueries.summary);
}

/** Not signed in: the refusal is forgotten, so the page asks afresh after sign-in. */
function prefetchUnlessRefused<T>(
  client: QueryClient,
  query: { queryKey: readonly string[]; queryFn: () => Promise<T> },
): void {
  void client.prefetchQuery(query).then(() => {
    const cached = client.getQueryCache().find({ queryKey: query.queryKey, exact: true });
    const refused = cached?.state.error instanceof ApiError && cached.state.error.status === 401;
    if (refused && cached.getObserversCount() === 0)
      client.removeQueries({ queryKey: query.queryKey, exact: true });
  });
}

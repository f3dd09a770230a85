import { signIn } from '../apps/server/src/testing/members.ts';
import type { Harness } from '../apps/server/src/testing/portolan-harness.ts';
import { APPS, NAMESPACES } from './synthetic-pods.ts';

/**
 * The searches the search benchmarks measure (search.bench.ts, and search-ab.ts side by side), as
 * HTTP routes over the synthetic pods of 5 clusters `bench-0` … `bench-4`.
 */
export interface SearchShape {
  name: string;
  /** The i-th request; `token` is the previous page's continue token when the shape pages. */
  route(i: number, token?: string): string;
  /** Each request asks for the page after the one before. */
  paging: boolean;
  /** Who asks: the administrator, or one of VIEWERS. */
  caller: 'admin' | keyof typeof VIEWERS;
}

/** Users bound as Viewer of these (cluster, namespace) pairs only. */
export const VIEWERS = {
  'bench-viewer': [
    ['bench-0', 'ns-0'],
    ['bench-1', 'ns-1'],
  ],
  // 4 namespaces in each of the 5 clusters, none the same in two clusters.
  'bench-viewer-20': Array.from({ length: 20 }, (_, j) => [`bench-${j % 5}`, `ns-${10 + j * 3}`]),
} satisfies Record<string, string[][]>;

const page = '&limit=100&objects=false';
const next = (token?: string) => (token ? `&continue=${encodeURIComponent(token)}` : '');
const several = (i: number, n: number) =>
  Array.from({ length: n }, (_, j) => `ns-${(i * 7 + j * 13) % NAMESPACES}`).join(',');

const shape = (
  name: string,
  route: SearchShape['route'],
  options: Partial<Pick<SearchShape, 'paging' | 'caller'>> = {},
): SearchShape => ({ name, route, paging: options.paging ?? false, caller: options.caller ?? 'admin' });

export const SEARCH_SHAPES: SearchShape[] = [
  shape('namespace', (i) => `/api/v1/search?kinds=pods&namespaces=ns-${i % NAMESPACES}${page}`),
  shape(
    'label selector, narrow',
    (i) => `/api/v1/search?kinds=pods&labelSelector=app%3Dapp-${(i * 37) % APPS}${page}`,
  ),
  shape('label selector, broad', () => `/api/v1/search?kinds=pods&labelSelector=tier%3Dback${page}`),
  shape(
    'label set-based and namespace',
    (i) =>
      `/api/v1/search?kinds=pods&labelSelector=tier%20in%20(front,cache),team!%3Dteam-1&namespaces=ns-${i % NAMESPACES}${page}`,
  ),
  shape('status field (phase=Pending)', () => `/api/v1/search?kinds=pods&phase=Pending${page}`),
  shape('name substring', (i) => `/api/v1/search?kinds=pods&nameContains=app-${(i * 13) % APPS}-${page}`),
  shape(
    'clusters by label (env=prod), one namespace',
    (i) => `/api/v1/search?kinds=pods&clusterSelector=env%3Dprod&namespaces=ns-${i % NAMESPACES}${page}`,
  ),
  ...['name', 'created', 'namespace', 'cluster'].map((sort) =>
    shape(
      `sorted pages of 100 by ${sort}, following continue`,
      (_, token) => `/api/v1/search?kinds=pods&sort=${sort}${page}${next(token)}`,
      { paging: true },
    ),
  ),
  shape(
    'pages of 100 with whole objects',
    (i) => `/api/v1/search?kinds=pods&namespaces=ns-${i % NAMESPACES}&limit=100`,
  ),
  shape(
    'several namespaces (10) asked for by an admin',
    (i) => `/api/v1/search?kinds=pods&namespaces=${several(i, 10)}${page}`,
  ),
  shape(
    'several namespaces (10) and a label set-based selector',
    (i) =>
      `/api/v1/search?kinds=pods&labelSelector=tier%20in%20(front,cache)&namespaces=${several(i, 10)}${page}`,
  ),
  shape(
    'several namespaces (10) sorted by created, following continue',
    (_, token) => `/api/v1/search?kinds=pods&sort=created&namespaces=${several(1, 10)}${page}${next(token)}`,
    { paging: true },
  ),
  // Viewers of some namespaces see only those: their searches are filtered in the store.
  shape(
    'a namespace Viewer: its namespace of one cluster',
    () => `/api/v1/search?kinds=pods&clusters=bench-0${page}`,
    {
      caller: 'bench-viewer',
    },
  ),
  shape('a namespace Viewer: its two namespaces in two clusters', () => `/api/v1/search?kinds=pods${page}`, {
    caller: 'bench-viewer',
  }),
  shape('a namespace Viewer of 20 namespaces over 5 clusters', () => `/api/v1/search?kinds=pods${page}`, {
    caller: 'bench-viewer-20',
  }),
  shape(
    'that Viewer, sorted by created, following continue',
    (_, token) => `/api/v1/search?kinds=pods&sort=created${page}${next(token)}`,
    { paging: true, caller: 'bench-viewer-20' },
  ),
  shape(
    'that Viewer with a label selector (tier=front)',
    () => `/api/v1/search?kinds=pods&labelSelector=tier%3Dfront${page}`,
    { caller: 'bench-viewer-20' },
  ),
  shape('summary of all clusters', () => '/api/v1/summary'),
  shape('summary of one cluster', () => '/api/v1/summary?clusters=bench-1'),
];

/**
 * An API token of each of VIEWERS (made, with its bindings, where missing), through `harness`; every
 * server on the same database accepts them.
 */
export async function viewerTokens(harness: Harness): Promise<Record<keyof typeof VIEWERS, string>> {
  const tokens: Partial<Record<keyof typeof VIEWERS, string>> = {};
  for (const [username, grants] of Object.entries(VIEWERS) as Array<[keyof typeof VIEWERS, string[][]]>) {
    const password = `${username}-password`;
    const exists = await harness.call('GET', `/api/v1/users/${username}`);
    if (exists.status === 404) {
      await harness.call('POST', '/api/v1/users', { username, password });
      for (const [cluster, namespace] of grants)
        await harness.call('POST', '/api/v1/rolebindings', {
          subject: { kind: 'user', name: username },
          role: 'Viewer',
          scope: { level: 'namespace', cluster, namespace },
        });
    }
    tokens[username] = (await (await signIn(harness, username, password)).newToken()).token;
  }
  return tokens as Record<keyof typeof VIEWERS, string>;
}

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { VisibleScopes } from '#server/iam/authorize.ts';
import { SearchError, type SearchParams, searchResources } from './search-service.ts';
import { summarize } from './summary-service.ts';
import {
  openSearchFixture,
  POD_CPU_MILLICORES,
  POD_MEMORY_BYTES,
  type SearchFixture,
} from './testing/search-fixture.ts';

let fixture: SearchFixture;
before(async () => {
  fixture = await openSearchFixture();
});
after(() => fixture?.close());

const ALL: VisibleScopes = { all: true };
const NOTHING: VisibleScopes = { all: false, clusters: [], namespaces: [] };
/** A Viewer of the dev cluster and of prod's team-a namespace. */
const DEV_AND_TEAM_A: VisibleScopes = {
  all: false,
  clusters: ['dev'],
  namespaces: [{ cluster: 'prod', namespace: 'team-a' }],
};

async function everything(params: SearchParams, visible: VisibleScopes) {
  const items: string[] = [];
  let token: string | undefined;
  let first: Awaited<ReturnType<typeof searchResources>> | undefined;
  do {
    const page = await searchResources(
      fixture.store,
      { ...params, ...(token && { continue: token }) },
      visible,
    );
    first ??= page;
    items.push(...page.items.map((item) => `${item.cluster}/${item.namespace}/${item.name}`));
    token = page.continue;
  } while (token);
  return { items: items.sort(), clusters: first?.clusters.map((c) => c.name) ?? [] };
}

test('search answers only the clusters and namespaces the caller may see', async () => {
  const pods = await everything({ kinds: ['pods'] }, DEV_AND_TEAM_A);
  assert.deepEqual(pods.items, [
    'dev/team-a/web-1',
    'dev/team-a/web-9',
    'prod/team-a/job-1',
    'prod/team-a/web-1',
    'prod/team-a/web-2',
  ]);
  assert.deepEqual(pods.clusters, ['dev', 'prod'], 'freshness lists only clusters the caller sees');
  // Nodes are cluster-scoped: seen in a whole cluster, never through a namespace.
  assert.deepEqual((await everything({ kinds: ['nodes'] }, DEV_AND_TEAM_A)).items, ['dev//dev-1']);
  // Other filters still apply, within what is visible.
  assert.deepEqual(
    (
      await everything(
        { kinds: ['pods'], namespaces: ['team-b', 'team-a'], clusters: ['prod'] },
        DEV_AND_TEAM_A,
      )
    ).items,
    ['prod/team-a/job-1', 'prod/team-a/web-1', 'prod/team-a/web-2'],
  );
  assert.deepEqual(await everything({ kinds: ['pods'] }, NOTHING), { items: [], clusters: [] });
  assert.equal((await everything({ kinds: ['pods'] }, ALL)).items.length, 9);
});

test('pages within a caller’s visibility cover each visible row once, with exact remaining counts', async () => {
  const seen: string[] = [];
  let page = await searchResources(
    fixture.store,
    { kinds: ['pods', 'nodes'], limit: 2, sort: 'namespace' },
    DEV_AND_TEAM_A,
  );
  for (;;) {
    seen.push(...page.items.map((item) => `${item.cluster}/${item.name}`));
    assert.equal(page.estimated, false);
    assert.equal(page.remaining, 6 - seen.length);
    if (!page.continue) break;
    page = await searchResources(
      fixture.store,
      { kinds: ['pods', 'nodes'], limit: 2, sort: 'namespace', continue: page.continue },
      DEV_AND_TEAM_A,
    );
  }
  assert.equal(new Set(seen).size, 6);
});

/**
 * Every page of a search, one row a page. Each page's `matches` is the rows so far and the count of
 * those it says follow: the same on every page when the count is exact.
 */
async function pagedOneByOne(params: SearchParams, visible: VisibleScopes) {
  const rows: string[] = [];
  const matches: number[] = [];
  let token: string | undefined;
  do {
    const page = await searchResources(
      fixture.store,
      { ...params, limit: 1, ...(token && { continue: token }) },
      visible,
    );
    rows.push(...page.items.map((item) => `${item.cluster}/${item.namespace}/${item.name}`));
    assert.equal(page.estimated, false);
    matches.push(rows.length + page.remaining);
    token = page.continue;
  } while (token);
  return { rows, matches: [...new Set(matches)] };
}

test('namespace searches, of an admin and of a Viewer of namespaces only, count exactly what follows each page', async () => {
  const admin = await pagedOneByOne({ kinds: ['pods'], namespaces: ['team-a'] }, ALL);
  assert.ok(admin.rows.length >= 3, 'the fixture has pods in team-a of several clusters');
  assert.ok(admin.rows.every((row) => row.split('/')[1] === 'team-a'));
  assert.deepEqual(admin.matches, [admin.rows.length]);
  // A Viewer of team-a in both clusters: the namespaces come from the grants, not from the request.
  const teamA: VisibleScopes = {
    all: false,
    clusters: [],
    namespaces: [
      { cluster: 'dev', namespace: 'team-a' },
      { cluster: 'prod', namespace: 'team-a' },
    ],
  };
  const viewer = await pagedOneByOne({ kinds: ['pods'] }, teamA);
  const inDevAndProd = admin.rows.filter((row) => /^(dev|prod)\//.test(row));
  assert.deepEqual(viewer.rows.sort(), inDevAndProd.sort());
  assert.deepEqual(viewer.matches, [viewer.rows.length]);
  // The same Viewer asking for one cluster counts only that cluster's rows.
  const prod = await pagedOneByOne({ kinds: ['pods'], clusters: ['prod'] }, teamA);
  assert.deepEqual(prod.rows.sort(), admin.rows.filter((row) => row.startsWith('prod/')).sort());
  assert.deepEqual(prod.matches, [prod.rows.length]);
});

test('a cluster the caller cannot see is refused exactly like one that does not exist', async () => {
  const refusal = async (name: string) => {
    try {
      await searchResources(fixture.store, { kinds: ['pods'], clusters: [name] }, DEV_AND_TEAM_A);
    } catch (error) {
      assert.ok(error instanceof SearchError);
      return { field: error.field, message: error.message.replace(name, 'NAME') };
    }
    assert.fail(`cluster ${name} was not refused`);
  };
  assert.deepEqual(await refusal('secret'), await refusal('no-such-cluster'));
  // Without names, the hidden cluster is simply not among the candidates.
  assert.deepEqual((await everything({ kinds: ['pods'], clusterSelector: '' }, DEV_AND_TEAM_A)).clusters, [
    'dev',
    'prod',
  ]);
});

test('searching without the caller’s visibility fails closed', async () => {
  await assert.rejects(
    searchResources(fixture.store, { kinds: ['pods'] }, undefined as unknown as VisibleScopes),
    /needs the caller's visibility/,
  );
});

test('summaries: requests per cluster and in all, from the pods that hold them', async () => {
  const { store, clusters } = fixture;
  const summary = await summarize(store, Object.values(clusters), ALL);
  const byName = Object.fromEntries(summary.clusters.map((c) => [c.name, c]));
  const held = (pods: number) => ({
    cpuCores: (pods * POD_CPU_MILLICORES) / 1000,
    memoryBytes: pods * POD_MEMORY_BYTES,
  });
  assert.deepEqual(byName.prod?.requests, held(5), 'the Succeeded pod holds nothing');
  assert.deepEqual(byName.dev?.requests, held(2));
  assert.deepEqual(summary.total.requests, held(8));
  assert.equal(byName.prod?.visibility, 'cluster');
  assert.deepEqual(summary.total.nodes, { ready: 3, total: 3 });
  assert.deepEqual(summary.total.capacity, { cpuCores: 10, memoryBytes: 40 * 2 ** 30, pods: 330 });
  assert.deepEqual(summary.total.pods, { Running: 7, Pending: 1, Succeeded: 1 });
});

test('summaries: a cluster seen through namespaces shows only those namespaces and nothing cluster-level', async () => {
  const { store, clusters } = fixture;
  const summary = await summarize(store, Object.values(clusters), DEV_AND_TEAM_A);
  assert.deepEqual(
    summary.clusters.map((c) => [c.name, c.visibility]),
    [
      ['prod', 'namespaces'],
      ['dev', 'cluster'],
    ],
  );
  const prod = summary.clusters[0];
  assert.deepEqual(prod, {
    name: 'prod',
    status: 'Ready',
    visibility: 'namespaces',
    namespaces: ['team-a'],
    pods: { Running: 1, Pending: 1, Succeeded: 1 },
    workloads: { 'apps/deployments': { Ready: 1 } },
    requests: { cpuCores: 0.2, memoryBytes: 2 * POD_MEMORY_BYTES },
  });
  const dev = summary.clusters[1];
  assert.ok(dev?.visibility === 'cluster');
  assert.deepEqual(dev.nodes, { ready: 1, total: 1 });
  assert.deepEqual(dev.versions, { 'v1.33.0': 1 });
  // The total adds prod's namespaces to the pods, workloads and requests, and nothing of its nodes.
  assert.deepEqual(summary.total.nodes, { ready: 1, total: 1 });
  assert.deepEqual(summary.total.capacity, { cpuCores: 2, memoryBytes: 8 * 2 ** 30, pods: 110 });
  assert.deepEqual(summary.total.versions, { 'v1.33.0': 1 });
  assert.deepEqual(summary.total.pods, { Running: 3, Pending: 1, Succeeded: 1 });
  assert.deepEqual(summary.total.requests, { cpuCores: 0.4, memoryBytes: 4 * POD_MEMORY_BYTES });
  assert.deepEqual(await summarize(store, Object.values(clusters), NOTHING), {
    total: (await summarize(store, [], ALL)).total,
    clusters: [],
  });
});

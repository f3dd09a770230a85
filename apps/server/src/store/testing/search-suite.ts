import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { matchesLabels, parseLabelSelector } from '../resources/labels.ts';
import { EXACT_COUNT_LIMIT } from '../resources/remaining-count.ts';
import { recordFromObject } from '../resources/resource-record.ts';
import type {
  ResourceRecord,
  SearchQuery,
  SortField,
  Store,
  StoredResource,
  Within,
  WithinScopes,
} from '../store.ts';
import { StoreError } from '../store.ts';
import {
  type Backend,
  DEPLOYMENTS,
  NODES,
  namespaceRecord,
  nodeRecord,
  PODS,
  type PodSpec,
  podRecord,
  remove,
  upsert,
} from './store-fixtures.ts';

/** Searches against a fixture, checked against the same filters evaluated in JavaScript. */
export function searchTests(newBackend: () => Promise<Backend>): void {
  let backend: Backend;
  let store: Store;
  const rows: Array<{ clusterId: string; record: ResourceRecord }> = [];

  before(async () => {
    backend = await newBackend();
    store = await backend.open();
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const apps = ['web', 'db', 'api'];
    const phases = ['Running', 'Running', 'Pending', 'Succeeded', 'Failed'];
    for (const clusterId of ['c1', 'c2']) {
      const records: ResourceRecord[] = [];
      for (let i = 0; i < 150; i++) {
        const labels: Record<string, string> = { app: apps[random(3)] as string };
        if (random(2)) labels.tier = random(2) ? 'front' : 'back';
        if (random(5) === 0) labels.canary = '';
        const spec: PodSpec = {
          namespace: `ns-${'abc'[random(3)]}`,
          name: `${labels.app}-${random(60)}`,
          labels,
          phase: phases[random(5)] as string,
          node: `node-${random(4)}`,
          owner: `owner-${random(10)}`,
          created: new Date(Date.UTC(2025, 0, 1 + random(20))).toISOString(),
        };
        records.push(podRecord(spec));
      }
      records.push(
        podRecord({ namespace: 'ns-a', name: 'x_y-1' }),
        podRecord({ namespace: 'ns-a', name: 'xay-1' }),
      );
      records.push(podRecord({ namespace: 'ns-a', name: 'big%deal' }));
      for (let i = 0; i < 5; i++) {
        const deployment = { ...podRecord({ namespace: 'ns-a', name: `web-${i}`, labels: { app: 'web' } }) };
        records.push({ ...deployment, ...DEPLOYMENTS, kind: 'Deployment', phase: 'Ready', nodeName: null });
      }
      records.push(nodeRecord('node-0', true), nodeRecord('node-1', clusterId === 'c1'));
      records.push(namespaceRecord('ns-a'), namespaceRecord('ns-b'));
      for (const namespace of ['ns-a', 'ns-b', 'ns-c'])
        for (let i = 0; i < 4; i++) records.push(secretRecord(namespace, `token-${i}`));
      const unique = new Map(records.map((r) => [`${r.resource}/${r.namespace}/${r.name}`, r]));
      for (const record of unique.values()) rows.push({ clusterId, record });
      await store.resources.applyChanges(clusterId, [...unique.values()].map(upsert));
    }
  });
  after(async () => {
    await store?.close();
    await backend?.destroy();
  });

  const expected = (query: SearchQuery) =>
    rows
      .filter(({ clusterId, record: r }) => {
        const requirements = parseLabelSelector(
          typeof query.labelSelector === 'string' ? query.labelSelector : '',
        );
        return (
          (!query.clusterIds || query.clusterIds.includes(clusterId)) &&
          (!query.kinds || query.kinds.includes(r.kind)) &&
          (!query.types ||
            query.types.some(
              (t) =>
                t.group === r.group && t.resource === r.resource && (!t.version || t.version === r.version),
            )) &&
          (!query.namespaces || query.namespaces.includes(r.namespace)) &&
          matchesLabels(r.labels, requirements) &&
          (query.name === undefined || r.name === query.name) &&
          (!query.nameContains || r.name.toLowerCase().includes(query.nameContains.toLowerCase())) &&
          (query.ownerUid === undefined || r.ownerUid === query.ownerUid) &&
          (query.nodeName === undefined || r.nodeName === query.nodeName) &&
          (!query.phases || query.phases.includes(r.phase ?? '')) &&
          (!query.within || seesInSearch(query.within, clusterId, r))
        );
      })
      .map(({ clusterId, record }) => identity({ ...record, clusterId }))
      .sort();

  const queries: SearchQuery[] = [
    {},
    { kinds: ['Pod'] },
    { kinds: ['Pod', 'Deployment'], labelSelector: 'app=web' },
    { types: [{ group: '', resource: 'pods' }, DEPLOYMENTS] },
    { types: [NODES], clusterIds: ['c2'] },
    { kinds: ['Pod'], clusterIds: ['c1'], namespaces: ['ns-a', 'ns-b'] },
    { labelSelector: 'app!=web' },
    { labelSelector: 'app in (web,db),tier notin (front)' },
    { labelSelector: 'canary' },
    { labelSelector: '!canary,tier=back' },
    { kinds: ['Pod'], labelSelector: 'app=api,tier,tier!=front' },
    { name: 'web-3' },
    { nameContains: 'eb-1' },
    { nameContains: 'B-' },
    { nameContains: '_y' },
    { nameContains: 'x_y' },
    { nameContains: '%' },
    { ownerUid: 'owner-3', kinds: ['Pod'] },
    { nodeName: 'node-2', phases: ['Pending', 'Failed'] },
    { phases: ['NotReady'] },
    {
      kinds: ['Pod'],
      namespaces: ['ns-c'],
      labelSelector: 'app=db',
      nameContains: 'db',
      phases: ['Running'],
    },
    { kinds: ['NoSuchKind'] },
    { clusterIds: [] },
    // What a caller may see: whole clusters, namespaces of others, never cluster-scoped rows through
    // a namespace; combined with every other filter.
    { within: { clusterIds: ['c1'], namespaces: [] } },
    { within: { clusterIds: [], namespaces: [{ clusterId: 'c2', namespace: 'ns-a' }] } },
    { within: { clusterIds: ['c1'], namespaces: [ns('c2', 'ns-b'), ns('c1', 'ns-a'), ns('c2', 'ns-c')] } },
    { within: { clusterIds: [], namespaces: [ns('c1', 'ns-a'), ns('c1', '')] }, types: [NODES] },
    {
      within: { clusterIds: [], namespaces: [ns('c1', 'ns-a'), ns('c2', 'ns-b')] },
      kinds: ['Deployment', 'Pod'],
    },
    {
      within: { clusterIds: ['c2'], namespaces: [ns('c1', 'ns-b')] },
      clusterIds: ['c1'],
      phases: ['Running'],
    },
    { within: { clusterIds: ['c2'], namespaces: [] }, clusterIds: ['c1'] },
    { within: { clusterIds: [], namespaces: [] } },
    {
      within: { clusterIds: [], namespaces: [ns('c1', 'ns-a'), ns('c2', 'ns-c')] },
      labelSelector: 'app=web',
    },
    {
      within: { clusterIds: [], namespaces: [ns('c1', 'ns-b')] },
      labelSelector: 'canary',
      nameContains: 'eb',
    },
    { within: { clusterIds: ['nowhere'], namespaces: [ns('c2', 'ns-b')] }, namespaces: ['ns-b', 'ns-c'] },
    // Viewers (Kubernetes' view role) see no Secrets; Editors where they edit; never beyond the rest.
    ...SECRET_CASES,
    { kinds: ['Secret'], within: SECRET_CASES[2]?.within as Within },
    { kinds: ['Secret', 'Pod'], within: SECRET_CASES[3]?.within as Within, clusterIds: ['c2'] },
    { kinds: ['Secret'], within: SECRET_CASES[5]?.within as Within, namespaces: ['ns-a', 'ns-b'] },
    // A rare name or a lone label drives the page (PostgreSQL reads their rows in the page's own
    // statement): grants and hidden Secrets still decide what comes back.
    ...SECRET_CASES.map((c) => ({ ...c, nameContains: 'oken-1' })),
    ...SECRET_CASES.map((c) => ({ ...c, labelSelector: 'app=web' })),
  ];

  test('every filter, alone and combined, returns exactly the matching rows', async () => {
    for (const query of queries) {
      const found = await collect(store, { ...query, limit: 1000 });
      assert.deepEqual(found.map(identity).sort(), expected(query), JSON.stringify(query));
    }
  });

  test('pages in every sort order cover the matches once, in order, with exact remaining counts', async () => {
    const sortKey: Record<SortField, (r: StoredResource) => Array<string | number>> = {
      name: (r) => [r.name],
      created: (r) => [r.createdAt?.getTime() ?? 0],
      namespace: (r) => [r.namespace, r.name],
      cluster: (r) => [r.clusterId, r.namespace, r.name],
    };
    const paged: SearchQuery[] = [
      { kinds: ['Pod'] },
      { labelSelector: 'tier=front', nameContains: 'web' },
      { kinds: ['Pod'], within: { clusterIds: ['c2'], namespaces: [ns('c1', 'ns-b')] } },
      {
        labelSelector: 'tier=front',
        within: { clusterIds: [], namespaces: [ns('c1', 'ns-a'), ns('c2', 'ns-c')] },
      },
      { kinds: ['Pod'], within: { clusterIds: ['c1'], namespaces: [] } },
      // Namespace grants only: counted from the kept per-namespace counts, Namespace objects included.
      { within: { clusterIds: [], namespaces: [ns('c1', 'ns-a'), ns('c2', 'ns-b')] } },
      { kinds: ['Pod'], phases: ['Running'], within: { clusterIds: [], namespaces: [ns('c1', 'ns-a')] } },
      { kinds: ['Pod'], namespaces: ['ns-a', 'ns-c'] },
      { namespaces: ['ns-a'] },
      { kinds: ['Pod'], namespaces: ['ns-b'], clusterIds: ['c2'], phases: ['Running', 'Pending'] },
      ...SECRET_CASES.map((c) => ({ kinds: ['Secret', 'Namespace', 'Deployment'], ...c })),
    ];
    for (const query of paged) {
      for (const sort of ['name', 'created', 'namespace', 'cluster'] as const) {
        for (const order of ['asc', 'desc'] as const) {
          const all = expected(query);
          const pages = await collect(store, { ...query, sort, order, limit: 13 }, (page, seen) => {
            assert.equal(page.remaining, all.length - seen, `remaining after ${seen} rows`);
            assert.equal(page.estimated, false);
          });
          const label = `${JSON.stringify(query)} sort ${sort} ${order}`;
          assert.deepEqual(pages.map(identity).sort(), all, label);
          for (let i = 1; i < pages.length; i++) {
            const [a, b] = [
              sortKey[sort](pages[i - 1] as StoredResource),
              sortKey[sort](pages[i] as StoredResource),
            ];
            const cmp = compare(a, b);
            assert.ok(order === 'asc' ? cmp <= 0 : cmp >= 0, `${label}: ${a} then ${b}`);
          }
        }
      }
    }
  });

  test('bad input is refused saying what to change', async () => {
    await assert.rejects(store.resources.search({ labelSelector: 'app in (web' }), (e: unknown) => {
      return e instanceof StoreError && e.code === 'invalid' && /not closed/.test(e.message);
    });
    await assert.rejects(store.resources.search({ limit: 0 }), /limit 0 must be a whole number/);
    const page = await store.resources.search({ kinds: ['Pod'], limit: 5 });
    assert.ok(page.continue);
    await assert.rejects(
      store.resources.search({ kinds: ['Pod'], sort: 'created', continue: page.continue }),
      /other filters or sort/,
    );
    const within = { clusterIds: ['c1'], namespaces: [] };
    const scoped = await store.resources.search({ kinds: ['Pod'], limit: 5, within });
    await assert.rejects(
      store.resources.search({ kinds: ['Pod'], continue: scoped.continue as string }),
      /other filters or sort/,
      'a token is bound to the visibility it was issued under',
    );
    await assert.rejects(
      store.resources.search({ kinds: ['Pod'], continue: 'garbage' }),
      /not one this server issued/,
    );
  });

  test('counts match a GROUP BY of the rows', async () => {
    const want: Record<string, number> = {};
    for (const { clusterId, record } of rows) {
      const key = `${clusterId} ${record.resource} ${record.phase}`;
      want[key] = (want[key] ?? 0) + 1;
    }
    assert.deepEqual(summarize(await store.resources.counts()), want);
    const c2 = await store.resources.counts({ clusterIds: ['c2'] });
    assert.ok(c2.length > 0 && c2.every((c) => c.clusterId === 'c2'));
  });

  test('counts within a caller’s clusters and namespaces match a GROUP BY of the rows it sees', async () => {
    const cases: Array<Parameters<Store['resources']['counts']>[0] & { within: Within }> = [
      { within: { clusterIds: ['c2'], namespaces: [ns('c1', 'ns-a'), ns('c2', 'ns-b')] } },
      { within: { clusterIds: [], namespaces: [ns('c1', 'ns-a'), ns('c1', 'ns-c'), ns('c1', '')] } },
      {
        within: { clusterIds: [], namespaces: [ns('c1', 'ns-a'), ns('c2', 'ns-a')] },
        clusterIds: ['c2'],
        types: [{ group: '', resource: 'pods' }, NODES],
      },
      { within: { clusterIds: [], namespaces: [] } },
      ...SECRET_CASES.map((c) => ({ within: c.within as Within })),
      { within: SECRET_CASES[3]?.within as Within, types: [SECRETS, NODES] },
    ];
    for (const filter of cases) {
      const want: Record<string, number> = {};
      for (const { clusterId, record } of rows) {
        if (!seesCounted(filter.within, clusterId, record)) continue;
        if (filter.clusterIds && !filter.clusterIds.includes(clusterId)) continue;
        if (
          filter.types &&
          !filter.types.some((t) => t.group === record.group && t.resource === record.resource)
        )
          continue;
        const key = `${clusterId} ${record.resource} ${record.phase}`;
        want[key] = (want[key] ?? 0) + 1;
      }
      assert.deepEqual(summarize(await store.resources.counts(filter)), want, JSON.stringify(filter));
    }
  });
}

export function pagingTests(withStore: (run: (store: Store) => Promise<void>) => Promise<void>): void {
  test('a continue token stays valid while rows are added and removed around it', () =>
    withStore(async (store) => {
      const name = (i: number) => `pod-${String(i).padStart(3, '0')}`;
      const initial = Array.from({ length: 100 }, (_, i) =>
        podRecord({ namespace: 'ns', name: name(i * 2) }),
      );
      await store.resources.applyChanges('c1', initial.map(upsert));
      const first = await store.resources.search({ kinds: ['Pod'], limit: 10 });
      assert.equal(first.items.at(-1)?.name, name(18));
      const removed = [name(4), name(40), name(100)];
      await store.resources.applyChanges('c1', [
        ...removed.map((n) => remove(podRecord({ namespace: 'ns', name: n }))),
        upsert(podRecord({ namespace: 'ns', name: name(3) })),
        upsert(podRecord({ namespace: 'ns', name: name(19) })),
        upsert(podRecord({ namespace: 'ns', name: name(151) })),
        upsert(podRecord({ namespace: 'ns', name: name(60), phase: 'Failed', resourceVersion: '9' })),
      ]);
      const rest = await collect(store, { kinds: ['Pod'], limit: 10, continue: first.continue as string });
      const seen = [...first.items, ...rest].map((r) => r.name);
      assert.equal(new Set(seen).size, seen.length, 'no row twice');
      const wantRest = initial
        .map((r) => r.name)
        .filter((n) => n > name(18) && !removed.includes(n))
        .concat(name(19), name(151))
        .sort();
      assert.deepEqual(
        rest.map((r) => r.name),
        wantRest,
      );
    }));

  test('a namespace search counts what follows from kept counts, through updates, deletes, relists and purges', () =>
    withStore(async (store) => {
      const pods = (namespace: string, n: number, phase: string, from = 0) =>
        Array.from({ length: n }, (_, i) => podRecord({ namespace, name: `p-${from + i}`, phase }));
      // Matches of a query: the page's rows and the exact count of those after it.
      const matches = async (query: SearchQuery) => {
        const page = await store.resources.search({ kinds: ['Pod'], limit: 1, ...query });
        assert.equal(page.estimated, false);
        return page.items.length + page.remaining;
      };
      await store.resources.applyChanges(
        'c1',
        [...pods('a', 5, 'Running'), ...pods('b', 3, 'Pending')].map(upsert),
      );
      await store.resources.applyChanges('c2', pods('a', 4, 'Running').map(upsert));
      assert.equal(await matches({ namespaces: ['a'] }), 9);
      assert.equal(await matches({ namespaces: ['a', 'b'], clusterIds: ['c1'] }), 8);
      // A phase change moves the row between counts; a delete takes it out.
      await store.resources.applyChanges('c1', [
        upsert(podRecord({ namespace: 'a', name: 'p-0', phase: 'Succeeded', resourceVersion: '2' })),
        remove(podRecord({ namespace: 'b', name: 'p-0' })),
      ]);
      assert.equal(await matches({ namespaces: ['a'], phases: ['Running'] }), 8);
      assert.equal(await matches({ namespaces: ['a'], phases: ['Succeeded'] }), 1);
      assert.equal(await matches({ namespaces: ['b'] }), 2);
      // A relist keeps only what it lists; a purge drops the cluster.
      await store.resources.replaceAll(
        'c1',
        PODS,
        [...pods('a', 2, 'Running'), ...pods('c', 2, 'Failed')],
        '3',
      );
      assert.equal(await matches({ namespaces: ['a'], clusterIds: ['c1'] }), 2);
      assert.equal(await matches({ namespaces: ['b', 'c'] }), 2);
      await store.resources.purgeCluster('c2');
      assert.equal(await matches({ namespaces: ['a'] }), 2);
      assert.equal(await matches({ namespaces: ['a'], clusterIds: ['c2'] }), 0);
    }));

  test('broad label selectors, tested row by row, find exactly the matching rows', () =>
    withStore(async (store) => {
      // Thousands of matches: too many to drive the query, so each row's labels are tested.
      const records = Array.from({ length: 4500 }, (_, i) => {
        const labels: Record<string, string> = { team: `t-${i % 5}` };
        if (i % 3 !== 2) labels.tier = i % 3 ? 'front' : 'back';
        if (i % 7 === 0) labels['app.kubernetes.io/name'] = 'web';
        return podRecord({ namespace: 'ns', name: `p-${i}`, labels });
      });
      await store.resources.replaceAll('c1', PODS, records, '1');
      for (const selector of [
        'tier',
        '!tier',
        'tier in (front,back)',
        'tier notin (front)',
        'tier!=back,team',
        'team in (t-1,t-2,t-3,t-4),tier',
        'app.kubernetes.io/name!=web,team!=t-0',
      ]) {
        const requirements = parseLabelSelector(selector);
        const want = records
          .filter((r) => matchesLabels(r.labels, requirements))
          .map((r) => r.name)
          .sort();
        const found = await collect(store, { kinds: ['Pod'], labelSelector: selector, limit: 1000 });
        assert.deepEqual(found.map((r) => r.name).sort(), want, selector);
      }
    }));

  test('name substrings, rare and common, find exactly the names that contain them', () =>
    withStore(async (store) => {
      // Names alike in most of their characters: a probe must not rely on trigrams every name has.
      const records = Array.from({ length: 3000 }, (_, i) =>
        podRecord({
          namespace: `ns-${i % 7}`,
          name: `app-${i % 300}-${(i * 7919).toString(36).padStart(5, '0')}`,
        }),
      );
      await store.resources.replaceAll('c1', PODS, records, '1');
      for (const text of [
        'app-7-',
        'app-123-',
        'app-1',
        '-12',
        'APP-2',
        'pp-',
        '00',
        'p-29',
        'zz-',
        'app-299-0',
      ]) {
        const want = records
          .filter((r) => r.name.toLowerCase().includes(text.toLowerCase()))
          .map((r) => `${r.namespace}/${r.name}`)
          .sort();
        const found = await collect(
          store,
          { kinds: ['Pod'], nameContains: text, limit: 1000 },
          (page, seen) => {
            if (want.length - seen <= EXACT_COUNT_LIMIT)
              assert.equal(page.remaining, want.length - seen, text);
          },
        );
        assert.deepEqual(found.map((r) => `${r.namespace}/${r.name}`).sort(), want, text);
      }
    }));

  test(`remaining is exact up to ${EXACT_COUNT_LIMIT} rows and an estimate beyond`, () =>
    withStore(async (store) => {
      const total = EXACT_COUNT_LIMIT + 60;
      const records = Array.from({ length: total }, (_, i) =>
        podRecord({ namespace: 'ns', name: `p-${i}`, labels: { all: 'yes', half: i % 2 ? 'odd' : 'even' } }),
      );
      await store.resources.replaceAll('c1', PODS, records, '1');
      const broad = await store.resources.search({ kinds: ['Pod'], limit: 10 });
      assert.equal(broad.estimated, true);
      assert.equal(broad.remaining, total - 10);
      const labelled = await store.resources.search({ labelSelector: 'all=yes', limit: 10 });
      assert.equal(labelled.estimated, true);
      assert.ok(Math.abs(labelled.remaining - (total - 10)) < total * 0.1, `estimate ${labelled.remaining}`);
      const half = await store.resources.search({ labelSelector: 'half=odd', limit: 10 });
      assert.deepEqual([half.remaining, half.estimated], [total / 2 - 10, false]);
      // A caller seeing the namespace through a grant: the rows are not counted one by one either.
      const scoped = await store.resources.search({
        kinds: ['Pod'],
        limit: 10,
        within: { clusterIds: [], namespaces: [{ clusterId: 'c1', namespace: 'ns' }] },
      });
      assert.deepEqual([scoped.remaining, scoped.estimated], [total - 10, true]);
      const elsewhere = await store.resources.search({
        kinds: ['Pod'],
        limit: 10,
        within: { clusterIds: [], namespaces: [{ clusterId: 'c1', namespace: 'other' }] },
      });
      assert.deepEqual([elsewhere.items.length, elsewhere.remaining], [0, 0]);
      const next = await store.resources.search({
        kinds: ['Pod'],
        limit: 100,
        continue: broad.continue as string,
      });
      assert.deepEqual([next.remaining, next.estimated], [total - 110, false]);
    }));
}

const ns = (clusterId: string, namespace: string) => ({ clusterId, namespace });

const SECRETS = { group: '', version: 'v1', resource: 'secrets' };
function secretRecord(namespace: string, name: string): ResourceRecord {
  return recordFromObject(SECRETS, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { namespace, name, uid: `uid-${namespace}-${name}`, resourceVersion: '1' },
    type: 'Opaque',
    data: { token: '<masked>' },
  });
}

const NO_SECRETS = { clusterIds: [], namespaces: [] };
/** Callers whose roles differ: some may list Secrets in fewer places than they see the rest. */
const SECRET_CASES: SearchQuery[] = [
  // A namespace, a cluster and a platform Viewer.
  { within: { clusterIds: [], namespaces: [ns('c1', 'ns-a')], secrets: NO_SECRETS } },
  { within: { clusterIds: ['c1'], namespaces: [], secrets: NO_SECRETS } },
  { within: { everyCluster: true, clusterIds: ['c1'], namespaces: [], secrets: NO_SECRETS } },
  // A platform Viewer who edits one namespace; a cluster Viewer who edits a namespace and another cluster.
  {
    within: {
      everyCluster: true,
      clusterIds: ['c1', 'c2'],
      namespaces: [],
      secrets: { clusterIds: [], namespaces: [ns('c2', 'ns-b')] },
    },
  },
  {
    within: {
      clusterIds: ['c1', 'c2'],
      namespaces: [],
      secrets: { clusterIds: ['c2'], namespaces: [ns('c1', 'ns-a')] },
    },
  },
  // Viewer of one namespace, Editor of another; and Secrets named beyond what the rest shows.
  {
    within: {
      clusterIds: [],
      namespaces: [ns('c1', 'ns-a'), ns('c1', 'ns-b')],
      secrets: { clusterIds: [], namespaces: [ns('c1', 'ns-b')] },
    },
  },
  {
    within: {
      clusterIds: [],
      namespaces: [ns('c1', 'ns-a')],
      secrets: { clusterIds: ['c1', 'c2'], namespaces: [] },
    },
  },
];

const isSecret = (r: ResourceRecord) => r.group === '' && r.resource === 'secrets';

/** In search, a namespace grant shows the Namespace object too. */
function seesInSearch(within: Within, clusterId: string, r: ResourceRecord): boolean {
  if (isSecret(r) && within.secrets && !sees(within.secrets, clusterId, r.namespace)) return false;
  if (within.everyCluster) return true;
  if (r.resource === 'namespaces' && r.group === '' && r.namespace === '')
    return sees(within, clusterId, r.name);
  return sees(within, clusterId, r.namespace);
}

/** Counts count what is in namespaces: a namespace grant does not count the Namespace object. */
function seesCounted(within: Within, clusterId: string, r: ResourceRecord): boolean {
  if (isSecret(r) && within.secrets && !sees(within.secrets, clusterId, r.namespace)) return false;
  return within.everyCluster === true || sees(within, clusterId, r.namespace);
}

/** Whether a caller sees a row of this cluster and namespace. */
function sees(within: WithinScopes, clusterId: string, namespace: string): boolean {
  return (
    within.clusterIds.includes(clusterId) ||
    (namespace !== '' &&
      within.namespaces.some((n) => n.clusterId === clusterId && n.namespace === namespace))
  );
}

const identity = (r: StoredResource | (ResourceRecord & { clusterId: string })) =>
  `${r.clusterId}/${r.group}/${r.resource}/${r.namespace}/${r.name}`;

function compare(a: Array<string | number>, b: Array<string | number>): number {
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i] as string | number, b[i] as string | number];
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

async function collect(
  store: Store,
  query: SearchQuery,
  check?: (page: Awaited<ReturnType<Store['resources']['search']>>, seen: number) => void,
): Promise<StoredResource[]> {
  const out: StoredResource[] = [];
  let page = await store.resources.search(query);
  for (;;) {
    out.push(...page.items);
    check?.(page, out.length);
    if (!page.continue) return out;
    assert.ok(out.length < 100_000, 'paging does not end');
    page = await store.resources.search({ ...query, continue: page.continue });
  }
}

export async function names(store: Store, query: SearchQuery): Promise<string[]> {
  return (await store.resources.search(query)).items.map((r) => r.name).sort();
}

export function summarize(counts: Awaited<ReturnType<Store['resources']['counts']>>): Record<string, number> {
  return Object.fromEntries(counts.map((c) => [`${c.clusterId} ${c.resource} ${c.phase}`, c.count]));
}

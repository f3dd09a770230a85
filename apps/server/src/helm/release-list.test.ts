import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { NewerChartVersion } from '@portolan/api';
import pg from 'pg';
import type { VisibleScopes } from '#server/iam/authorize.ts';
import { SearchError } from '#server/search/search-service.ts';
import { openPostgresStore } from '#server/store/postgres-store.ts';
import { recordFromObject } from '#server/store/resources/resource-record.ts';
import { openSqliteStore } from '#server/store/sqlite-store.ts';
import type { Cluster, Store } from '#server/store/store.ts';
import { upsert } from '#server/store/testing/store-fixtures.ts';
import { sanitizeObject } from '#server/sync/sanitize.ts';
import { type LatestVersions, listReleases, listRevisions, type ReleaseListParams } from './release-list.ts';
import { encodeReleasePayload } from './release-secret.ts';

const SECRETS = { group: '', version: 'v1', resource: 'secrets' };
const VALUE = 'top-secret-value-in-config';

interface Revision {
  namespace: string;
  name: string;
  revision: number;
  status: string;
  chart: string;
  version: string;
  deployed: string;
}

/** A release Secret as helm writes it, stored as the sync stores it (masked, metadata annotated). */
function releaseRecord(r: Revision) {
  const release = {
    name: r.name,
    namespace: r.namespace,
    version: r.revision,
    info: {
      status: r.status,
      first_deployed: '2026-01-01T00:00:00Z',
      last_deployed: r.deployed,
      notes: VALUE,
    },
    chart: { metadata: { name: r.chart, version: r.version, appVersion: '9.9' }, templates: [] },
    config: { password: VALUE },
    manifest: `kind: ConfigMap\ndata:\n  password: ${VALUE}\n`,
  };
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'helm.sh/release.v1',
    metadata: {
      name: `sh.helm.release.v1.${r.name}.v${r.revision}`,
      namespace: r.namespace,
      uid: `uid-${r.namespace}-${r.name}-${r.revision}`,
      resourceVersion: '1',
      creationTimestamp: r.deployed,
      labels: { owner: 'helm', name: r.name, status: r.status, version: String(r.revision) },
    },
    data: { release: encodeReleasePayload(release) },
  };
  return upsert(recordFromObject(SECRETS, sanitizeObject(SECRETS, secret)));
}

/** A release whose payload cannot be read: the labels still list it. */
const broken = upsert(
  recordFromObject(
    SECRETS,
    sanitizeObject(SECRETS, {
      kind: 'Secret',
      type: 'helm.sh/release.v1',
      metadata: {
        name: 'sh.helm.release.v1.shop.v1',
        namespace: 'team-b',
        uid: 'uid-shop',
        resourceVersion: '1',
        creationTimestamp: '2026-03-01T00:00:00Z',
        labels: { owner: 'helm', name: 'shop', status: 'pending-install', version: '1' },
      },
      data: { release: 'bm90IGEgcmVsZWFzZQ==' },
    }),
  ),
);

const opaque = upsert(
  recordFromObject(SECRETS, {
    kind: 'Secret',
    type: 'Opaque',
    metadata: {
      name: 'db',
      namespace: 'team-a',
      uid: 'uid-db',
      resourceVersion: '1',
      labels: { owner: 'helm' },
    },
    data: { password: '<masked>' },
  }),
);

const LATEST = new Map<string, NewerChartVersion>([
  ['nginx', { version: '1.1.0', repository: 'bitnami' }],
  ['postgres', { version: '12.1.0', repository: 'bitnami' }],
]);
const latest: LatestVersions = async (charts) =>
  new Map([...LATEST].filter(([chart]) => charts.includes(chart)));

const ALL: VisibleScopes = { all: true };
/** A Viewer of the dev cluster and of prod's team-a namespace: a role that may not list Secrets. */
const DEV_AND_TEAM_A: VisibleScopes = {
  all: false,
  clusters: ['dev'],
  namespaces: [{ cluster: 'prod', namespace: 'team-a' }],
  secrets: { clusters: [], namespaces: [] },
};

async function fill(store: Store): Promise<void> {
  const register = async (name: string) =>
    (await store.clusters.create({
      name,
      serverUrl: `https://${name}.invalid`,
      credentials: new Uint8Array(),
    })) as Cluster;
  const prod = await register('prod');
  const dev = await register('dev');
  const at = (day: number) => `2026-02-${String(day).padStart(2, '0')}T00:00:00Z`;
  await store.resources.applyChanges(prod.id, [
    releaseRecord({
      namespace: 'team-a',
      name: 'web',
      revision: 1,
      status: 'superseded',
      chart: 'nginx',
      version: '1.0.0',
      deployed: at(1),
    }),
    releaseRecord({
      namespace: 'team-a',
      name: 'web',
      revision: 2,
      status: 'deployed',
      chart: 'nginx',
      version: '1.0.0',
      deployed: at(5),
    }),
    releaseRecord({
      namespace: 'team-a',
      name: 'api',
      revision: 1,
      status: 'failed',
      chart: 'api',
      version: '2.0.0',
      deployed: at(3),
    }),
    releaseRecord({
      namespace: 'team-b',
      name: 'db',
      revision: 1,
      status: 'deployed',
      chart: 'postgres',
      version: '12.1.0',
      deployed: at(2),
    }),
    broken,
    opaque,
  ]);
  await store.resources.applyChanges(dev.id, [
    releaseRecord({
      namespace: 'team-a',
      name: 'web',
      revision: 1,
      status: 'deployed',
      chart: 'nginx',
      version: '1.1.0',
      deployed: at(4),
    }),
  ]);
}

function releaseListSuite(open: () => Promise<{ store: Store; close(): Promise<void> }>) {
  let store: Store;
  let close: () => Promise<void>;
  before(async () => {
    ({ store, close } = await open());
    await fill(store);
  });
  after(() => close?.());

  const where = (page: { items: Array<{ cluster: string; namespace: string; name: string }> }) =>
    page.items.map((item) => `${item.cluster}/${item.namespace}/${item.name}`);
  const list = (params: ReleaseListParams, visible = ALL) => listReleases(store, visible, params, latest);

  test('one row per release, its newest revision, with chart, version and status; other Secrets are not releases', async () => {
    const page = await list({});
    assert.deepEqual(where(page), [
      'prod/team-a/api',
      'prod/team-b/db',
      'prod/team-b/shop',
      'dev/team-a/web',
      'prod/team-a/web',
    ]);
    assert.equal(page.total, 5);
    assert.equal(page.continue, undefined);
    assert.equal(page.catalogue, 'checked');
    const web = page.items.find((item) => item.cluster === 'prod' && item.name === 'web');
    assert.deepEqual(
      [web?.revision, web?.status, web?.chart, web?.chartVersion, web?.appVersion, web?.updated],
      [2, 'deployed', 'nginx', '1.0.0', '9.9', '2026-02-05T00:00:00Z'],
    );
    const shop = page.items.find((item) => item.name === 'shop');
    assert.deepEqual([shop?.status, shop?.revision, shop?.decodeError], ['pending-install', 1, 'not-json']);
    assert.deepEqual(page.clusters.map((cluster) => cluster.name).sort(), ['dev', 'prod']);
    assert.ok(!JSON.stringify(page).includes(VALUE));
  });

  test('"newer version available" from the catalogue, and only the outdated on asking', async () => {
    const page = await list({});
    const newer = Object.fromEntries(
      page.items.map((item) => [`${item.cluster}/${item.name}`, item.newerVersion]),
    );
    assert.deepEqual(newer['prod/web'], { version: '1.1.0', repository: 'bitnami' });
    assert.equal(newer['dev/web'], null, 'already at the newest');
    assert.equal(newer['prod/db'], null);
    assert.equal(newer['prod/api'], null, 'a chart the catalogue does not know');
    const known = Object.fromEntries(
      page.items.map((item) => [`${item.cluster}/${item.name}`, item.catalogueVersion]),
    );
    assert.deepEqual(known['dev/web'], { version: '1.1.0', repository: 'bitnami' });
    assert.equal(known['prod/api'], null);
    assert.deepEqual(where(await list({ outdated: true })), ['prod/team-a/web']);
    const failing = await listReleases(store, ALL, {}, async () => {
      throw new Error('catalogue down');
    });
    assert.equal(failing.catalogue, 'unavailable');
    assert.equal(failing.total, 5, 'a failing catalogue never fails the list');
    assert.ok(failing.items.every((item) => item.newerVersion === null));
    assert.equal((await listReleases(store, ALL, {})).catalogue, 'unavailable');
  });

  test('filters: status, chart, a piece of name, namespace or chart, clusters and namespaces', async () => {
    assert.deepEqual(where(await list({ statuses: ['failed', 'pending-install'] })), [
      'prod/team-a/api',
      'prod/team-b/shop',
    ]);
    assert.deepEqual(where(await list({ statuses: ['superseded'] })), [], 'only newest revisions count');
    assert.deepEqual(where(await list({ charts: ['nginx'] })), ['dev/team-a/web', 'prod/team-a/web']);
    assert.deepEqual(where(await list({ q: 'POST' })), ['prod/team-b/db']);
    assert.deepEqual(where(await list({ q: 'team-b' })), ['prod/team-b/db', 'prod/team-b/shop']);
    assert.deepEqual(where(await list({ clusters: ['dev'] })), ['dev/team-a/web']);
    assert.deepEqual(where(await list({ namespaces: ['team-a'], clusters: ['prod'] })), [
      'prod/team-a/api',
      'prod/team-a/web',
    ]);
    await assert.rejects(list({ clusters: ['nowhere'] }), SearchError);
  });

  test('sorted by name, cluster, updated or status, either way; pages cover each release once', async () => {
    assert.deepEqual(where(await list({ sort: 'updated', order: 'desc' })), [
      'prod/team-b/shop',
      'prod/team-a/web',
      'dev/team-a/web',
      'prod/team-a/api',
      'prod/team-b/db',
    ]);
    assert.deepEqual(
      (await list({ sort: 'status' })).items.map((item) => item.status),
      ['deployed', 'deployed', 'deployed', 'failed', 'pending-install'],
    );
    assert.deepEqual(where(await list({ sort: 'cluster', limit: 1 })), ['dev/team-a/web']);
    const seen: string[] = [];
    let page = await list({ limit: 2 });
    for (;;) {
      assert.equal(page.total, 5);
      seen.push(...where(page));
      if (!page.continue) break;
      page = await list({ limit: 2, continue: page.continue });
    }
    assert.deepEqual(seen, where(await list({})));
    await assert.rejects(list({ continue: 'garbage' }), SearchError);
  });

  test('a caller sees the releases of the clusters and namespaces they may read, even without Secrets', async () => {
    const page = await list({}, DEV_AND_TEAM_A);
    assert.deepEqual(where(page), ['prod/team-a/api', 'dev/team-a/web', 'prod/team-a/web']);
    assert.deepEqual(where(await list({ namespaces: ['team-b'] }, DEV_AND_TEAM_A)), []);
    const nothing = await list({}, { all: false, clusters: [], namespaces: [] });
    assert.deepEqual([nothing.items, nothing.clusters], [[], []]);
  });

  test('the revisions of one release, newest first, with its cluster’s freshness', async () => {
    const prod = (await store.clusters.getByName('prod')) as Cluster;
    const answer = await listRevisions(store, prod, 'team-a', 'web');
    assert.deepEqual(
      answer.items.map((item) => [item.revision, item.status, item.chartVersion, item.updated]),
      [
        [2, 'deployed', '1.0.0', '2026-02-05T00:00:00Z'],
        [1, 'superseded', '1.0.0', '2026-02-01T00:00:00Z'],
      ],
    );
    assert.equal(answer.cluster.name, 'prod');
    assert.deepEqual((await listRevisions(store, prod, 'team-b', 'web')).items, []);
  });
}

describe('on SQLite', () => {
  releaseListSuite(async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'portolan-releases-'));
    const store = await openSqliteStore({ file: path.join(dir, 'portolan.db') });
    return {
      store,
      async close() {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  });
});

const url = process.env.PORTOLAN_TEST_POSTGRES_URL;
describe('on PostgreSQL', { skip: url ? false : 'PORTOLAN_TEST_POSTGRES_URL is not set' }, () => {
  releaseListSuite(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('create extension if not exists pg_trgm schema public');
    const schema = `portolan_releases_${randomBytes(6).toString('hex')}`;
    await admin.query(`create schema ${schema}`);
    const store = await openPostgresStore({ url: url ?? '', searchPath: `${schema},public`, poolSize: 2 });
    return {
      store,
      async close() {
        await store.close();
        await admin.query(`drop schema ${schema} cascade`);
        await admin.end();
      },
    };
  });
});

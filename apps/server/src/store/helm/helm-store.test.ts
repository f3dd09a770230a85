/** The catalogue's tables on both stores: versions replaced whole, search, ranks, removal. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { rankVersions, versionRowOf } from '#server/helm/chart-index.ts';
import { postgresTestDatabase, sqliteTestDatabase, type TestDatabase } from '../testing/database-fixtures.ts';
import { createSqlHelmStore, type HelmDatabase } from './helm-sql-store.ts';
import type { HelmStore } from './helm-store.ts';

const url = process.env.PORTOLAN_TEST_POSTGRES_URL;
const dialects = [
  { name: 'sqlite', open: sqliteTestDatabase },
  { name: 'postgres', open: url ? () => postgresTestDatabase(url) : undefined },
];

const settings = {
  type: 'http' as const,
  url: 'https://charts.example',
  username: '',
  sealedPassword: null,
  caPem: null,
  skipTlsVerify: false,
  intervalSeconds: 3600,
  charts: [],
};

const rows = (chart: string, versions: string[], extra: Record<string, unknown> = {}) =>
  versions
    .map((version) => versionRowOf(chart, { version, description: `${chart} chart`, ...extra }))
    .filter((r) => r !== undefined);

for (const dialect of dialects) {
  describe(`helm store on ${dialect.name}${dialect.open ? '' : ' (skipped: PORTOLAN_TEST_POSTGRES_URL is not set)'}`, {
    skip: !dialect.open,
  }, () => {
    let database: TestDatabase;
    let store: HelmStore;
    before(async () => {
      database = await (dialect.open as () => Promise<TestDatabase>)();
      store = createSqlHelmStore(database.db as unknown as Kysely<HelmDatabase>);
    });
    after(() => database?.destroy());

    test('versions are ranked, searched case-insensitively by name or keyword, and paged', async () => {
      await store.createRepository('one', settings);
      await store.createRepository('two', settings);
      await store.replaceVersions(
        'one',
        rankVersions([
          ...rows('Nginx_Ingress', ['1.0.0', '1.10.0', '1.9.0', '2.0.0-alpha.1'], {
            keywords: ['web', 'proxy'],
            annotations: { category: 'Networking' },
          }),
          ...rows('redis', ['7.0.0'], { keywords: ['cache'], created: '2026-01-02T00:00:00Z' }),
        ]),
      );
      await store.replaceVersions(
        'two',
        rankVersions(rows('redis', ['7.2.0'], { created: '2026-03-01T00:00:00Z' })),
      );
      const byName = await store.search({ q: 'nginx_', sort: 'name', limit: 10, offset: 0 });
      assert.deepEqual(
        byName.items.map((v) => v.version),
        ['1.10.0'],
      );
      const byKeyword = await store.search({ keyword: 'PROXY', sort: 'name', limit: 10, offset: 0 });
      assert.equal(byKeyword.total, 1);
      const newest = await store.search({ sort: 'newest', limit: 1, offset: 0 });
      assert.equal(newest.total, 3);
      assert.deepEqual(
        newest.items.map((v) => `${v.repository}/${v.chart}`),
        ['two/redis'],
      );
      const page2 = await store.search({ sort: 'name', limit: 2, offset: 2 });
      assert.deepEqual(
        page2.items.map((v) => `${v.repository}/${v.chart}`),
        ['two/redis'],
      );
      assert.deepEqual(await store.categories(), ['Networking']);
      const versions = await store.versionsOf('one', 'Nginx_Ingress');
      assert.deepEqual(
        versions.map((v) => v.version),
        ['2.0.0-alpha.1', '1.10.0', '1.9.0', '1.0.0'],
      );
      assert.deepEqual((await store.latestOf(['redis'])).map((v) => `${v.repository} ${v.version}`).sort(), [
        'one 7.0.0',
        'two 7.2.0',
      ]);
      const counts = await store.counts();
      assert.deepEqual(counts.get('one'), { charts: 2, versions: 5 });
    });

    test('removing a repository removes its versions', async () => {
      assert.equal(await store.deleteRepository('one'), true);
      assert.equal(await store.deleteRepository('one'), false);
      const left = await store.search({ sort: 'name', limit: 10, offset: 0 });
      assert.deepEqual(
        left.items.map((v) => v.repository),
        ['two'],
      );
    });
  });
}

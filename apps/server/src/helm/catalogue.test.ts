/**
 * The catalogue against real chart repositories: charts packaged and indexed by the sandbox build's
 * helm, served on loopback (plain, basic auth, TLS with a test CA), read through a real Portolan
 * server and its HTTP API.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ChartDetail, ChartList, ChartRepository, ChartVersionList } from '@portolan/api';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';
import { ChartSourceError } from './chart-source.ts';
import {
  buildRepository,
  helmOf,
  ICON_PNG,
  makeTestPki,
  type RepoServer,
  serveRepository,
} from './testing/repo-fixtures.ts';

const PASSWORD = 'hunter2-very-secret';
let harness: Harness;
let work: string;
let helmHome: string;
let publicRepo: RepoServer;
let privateRepo: RepoServer;
let tlsRepo: RepoServer;
let caPem: string;

const README =
  '# Demo\n\nA **demo** chart.\n\n<script>alert("x")</script>\n\n```yaml\nreplicaCount: 2\n```\n';
const SCHEMA = {
  $schema: 'https://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['replicaCount'],
  properties: { replicaCount: { type: 'integer', minimum: 1, description: 'How many pods' } },
};

before(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'portolan-catalogue-test-'));
  const { helm, home } = await helmOf();
  helmHome = home;
  const pki = await makeTestPki(path.join(work, 'pki'));
  caPem = pki.caPem;
  // The public repository serves the icon too, so its URL is known before the charts are packaged.
  publicRepo = await serveRepository(path.join(work, 'public'));
  await writeFile(path.join(work, 'public-icon.png'), ICON_PNG);
  const icon = `${publicRepo.url}/icon.png`;
  const demo = {
    name: 'demo',
    keywords: ['web', 'demo'],
    category: 'Integration and Delivery',
    icon,
    readme: README,
    schema: SCHEMA,
    values: '# How many pods\nreplicaCount: 1\nimage: nginx\n',
  };
  await buildRepository(helm, path.join(work, 'public'), [
    { ...demo, version: '1.0.0', appVersion: '1.0' },
    { ...demo, version: '1.1.0', appVersion: '1.1' },
    { ...demo, version: '2.0.0-rc.1', appVersion: '2.0' },
    {
      name: 'withdep',
      version: '0.1.0',
      keywords: ['bundle'],
      dependencies: [{ name: 'demo', version: '1.0.0', repository: `${publicRepo.url}` }],
    },
    { name: 'postgresish', version: '3.2.1', keywords: ['database', 'sql'], category: 'Database' },
  ]);
  await copyFile(path.join(work, 'public-icon.png'), path.join(work, 'public', 'icon.png'));
  privateRepo = await serveRepository(path.join(work, 'private'), {
    basicAuth: { username: 'ops', password: PASSWORD },
  });
  await buildRepository(helm, path.join(work, 'private'), [{ name: 'secret-app', version: '1.0.0' }]);
  tlsRepo = await serveRepository(path.join(work, 'tls'), { tls: { cert: pki.cert, key: pki.key } });
  await buildRepository(helm, path.join(work, 'tls'), [{ name: 'tls-app', version: '0.3.0' }]);
  harness = await startHarness({ args: ['--log-level', 'fatal'] });
});

after(async () => {
  await harness?.stop({ removeData: true });
  await Promise.all([publicRepo?.close(), privateRepo?.close(), tlsRepo?.close()]);
  await rm(work, { recursive: true, force: true });
  await rm(helmHome, { recursive: true, force: true });
});

type Refusal = { error: { code: string; message: string; field?: string } };

describe('chart catalogue over loopback repositories', () => {
  test('adding a repository reads it first, then search finds its charts by name, keyword and category', async () => {
    const added = await harness.call<ChartRepository>('POST', '/api/v1/helm/repositories', {
      name: 'public',
      url: publicRepo.url,
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.equal(added.body.status, 'ready');
    assert.equal(added.body.chartCount, 3);
    assert.equal(added.body.versionCount, 5);
    assert.equal(added.body.intervalSeconds, 3600);

    const byName = await harness.call<ChartList>('GET', '/api/v1/helm/charts?q=DEM');
    assert.equal(byName.status, 200);
    assert.deepEqual(
      byName.body.items.map((c) => `${c.chart} ${c.version}`),
      ['demo 1.1.0'],
      'one row per chart, its newest version that is not a pre-release',
    );
    assert.equal(byName.body.items[0]?.hasIcon, true);
    assert.equal(byName.body.items[0]?.category, 'Integration and Delivery');
    const byKeyword = await harness.call<ChartList>('GET', '/api/v1/helm/charts?keyword=sql');
    assert.deepEqual(
      byKeyword.body.items.map((c) => c.chart),
      ['postgresish'],
    );
    const byCategory = await harness.call<ChartList>('GET', '/api/v1/helm/charts?category=Database');
    assert.deepEqual(
      byCategory.body.items.map((c) => c.chart),
      ['postgresish'],
    );
    assert.deepEqual(byCategory.body.categories, ['Database', 'Integration and Delivery']);

    const first = await harness.call<ChartList>('GET', '/api/v1/helm/charts?limit=2');
    assert.equal(first.body.total, 3);
    assert.deepEqual(
      first.body.items.map((c) => c.chart),
      ['demo', 'postgresish'],
    );
    assert.ok(first.body.continue);
    const second = await harness.call<ChartList>(
      'GET',
      `/api/v1/helm/charts?limit=2&continue=${first.body.continue}`,
    );
    assert.deepEqual(
      second.body.items.map((c) => c.chart),
      ['withdep'],
    );
    assert.equal(second.body.continue, undefined);
    const bad = await harness.call<Refusal>('GET', '/api/v1/helm/charts?continue=bm9wZQ');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, 'continue');
  });

  test('a chart lists its versions newest first, and a version shows its README, values, schema and dependencies', async () => {
    const versions = await harness.call<ChartVersionList>('GET', '/api/v1/helm/charts/public/demo');
    assert.deepEqual(
      versions.body.items.map((v) => v.version),
      ['2.0.0-rc.1', '1.1.0', '1.0.0'],
    );
    assert.equal(versions.body.items[0]?.prerelease, true);

    const detail = await harness.call<ChartDetail>('GET', '/api/v1/helm/charts/public/demo/1.1.0');
    assert.equal(detail.status, 200, JSON.stringify(detail.body));
    assert.equal(detail.body.readme, README);
    assert.match(detail.body.values ?? '', /replicaCount: 1/);
    assert.deepEqual(detail.body.valuesSchema, SCHEMA);
    assert.match(detail.body.chartYaml, /name: demo/);
    assert.equal(detail.body.appVersion, '1.1');

    const withdep = await harness.call<ChartDetail>('GET', '/api/v1/helm/charts/public/withdep/0.1.0');
    assert.deepEqual(
      withdep.body.dependencies.map((d) => `${d.name} ${d.version}`),
      ['demo 1.0.0'],
    );
    assert.equal(withdep.body.valuesSchema, null);
    const missing = await harness.call<Refusal>('GET', '/api/v1/helm/charts/public/demo/9.9.9');
    assert.equal(missing.status, 404);
    assert.match(missing.body.error.message, /no chart "demo" version "9.9.9"/);
  });

  test('the icon is fetched by Portolan and served as an image under a strict CSP', async () => {
    const response = await fetch(`${harness.url}/api/v1/helm/charts/public/demo/1.1.0/icon`, {
      headers: harness.headers,
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/png');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'.*sandbox/);
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), ICON_PNG);
    const none = await harness.call<Refusal>('GET', '/api/v1/helm/charts/public/postgresish/3.2.1/icon');
    assert.equal(none.status, 404);
  });

  test('basic auth: a wrong password is refused as bad credentials; the right one is sealed and never shown', async () => {
    const checked = await harness.call<Refusal>('POST', '/api/v1/helm/repositories/check', {
      name: 'private',
      url: privateRepo.url,
      username: 'ops',
      password: 'wrong-password',
    });
    assert.equal(checked.status, 422);
    assert.equal(checked.body.error.code, 'bad-credentials');
    assert.equal(checked.body.error.field, 'password');
    assert.match(checked.body.error.message, /refused the credentials \(HTTP 401\)/);
    const wrong = await harness.call<Refusal>('POST', '/api/v1/helm/repositories', {
      name: 'private',
      url: privateRepo.url,
      username: 'ops',
      password: 'wrong-password',
    });
    assert.equal(wrong.status, 422);
    assert.equal(wrong.body.error.code, 'bad-credentials');

    const ok = await harness.call<ChartRepository>('POST', '/api/v1/helm/repositories', {
      name: 'private',
      url: privateRepo.url,
      username: 'ops',
      password: PASSWORD,
    });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.equal(ok.body.hasPassword, true);
    assert.equal(ok.body.chartCount, 1);
    // Testing an edit of a stored repository uses its stored password when none is given.
    const recheck = await harness.call<{ charts: number }>('POST', '/api/v1/helm/repositories/check', {
      name: 'private',
      url: privateRepo.url,
      username: 'ops',
    });
    assert.equal(recheck.status, 200, JSON.stringify(recheck.body));
    assert.equal(recheck.body.charts, 1);
    // The charts themselves come with the repository's credentials too.
    const detail = await harness.call<ChartDetail>('GET', '/api/v1/helm/charts/private/secret-app/1.0.0');
    assert.equal(detail.status, 200);

    const answers = [
      await harness.call('GET', '/api/v1/helm/repositories'),
      await harness.call('GET', '/api/v1/helm/repositories/private'),
      await harness.call('POST', '/api/v1/helm/repositories/private/refresh'),
      await harness.call('GET', '/api/v1/audit?limit=500'),
    ];
    for (const answer of answers) assert.doesNotMatch(JSON.stringify(answer.body), new RegExp(PASSWORD));
    const row = await harness.portolan.store.helm.getRepository('private');
    assert.ok(row?.sealedPassword?.startsWith('pc1.'));
    assert.ok(!row?.sealedPassword?.includes(PASSWORD));
    const audit =
      (answers[3]?.body as { items: Array<{ action: string; route: string }> } | undefined)?.items ?? [];
    assert.ok(audit.some((r) => r.action === 'charts:write' && r.route === '/api/v1/helm/repositories'));
  });

  test('a custom CA: refused as untrusted without it, read with it; skipping verification is warned', async () => {
    const untrusted = await harness.call<Refusal>('POST', '/api/v1/helm/repositories', {
      name: 'tls',
      url: tlsRepo.url,
    });
    assert.equal(untrusted.status, 422);
    assert.equal(untrusted.body.error.code, 'tls');
    assert.equal(untrusted.body.error.field, 'caPem');
    const skipped = await harness.call<{ warnings?: string[] }>('POST', '/api/v1/helm/repositories/check', {
      name: 'tls',
      url: tlsRepo.url,
      skipTlsVerify: true,
    });
    assert.equal(skipped.status, 200);
    assert.match(skipped.body.warnings?.[0] ?? '', /TLS verification is off/);
    const badCa = await harness.call<Refusal>('POST', '/api/v1/helm/repositories', {
      name: 'tls',
      url: tlsRepo.url,
      caPem: 'nope',
    });
    assert.equal(badCa.status, 400);
    assert.equal(badCa.body.error.field, 'caPem');
    const trusted = await harness.call<ChartRepository>('POST', '/api/v1/helm/repositories', {
      name: 'tls',
      url: tlsRepo.url,
      caPem,
    });
    assert.equal(trusted.status, 201, JSON.stringify(trusted.body));
    assert.equal(trusted.body.hasCa, true);
    assert.equal(trusted.body.chartCount, 1);
  });

  test('names and URLs are validated with the field at fault', async () => {
    const badName = await harness.call<Refusal>('POST', '/api/v1/helm/repositories', {
      name: 'Bad_Name',
      url: publicRepo.url,
    });
    assert.equal(badName.status, 400);
    const badUrl = await harness.call<Refusal>('POST', '/api/v1/helm/repositories', {
      name: 'x',
      url: 'ftp://example/charts',
    });
    assert.equal(badUrl.status, 400);
    assert.equal(badUrl.body.error.field, 'url');
    const ociWithout = await harness.call<Refusal>('POST', '/api/v1/helm/repositories', {
      name: 'x',
      url: 'oci://127.0.0.1:1/charts',
    });
    assert.equal(ociWithout.body.error.field, 'charts');
    const taken = await harness.call<Refusal>('POST', '/api/v1/helm/repositories', {
      name: 'public',
      url: publicRepo.url,
    });
    assert.equal(taken.status, 409);
  });

  test('an unchanged index costs a 304; a broken one fails with its line and keeps the last good charts', async () => {
    const before = publicRepo.requests.length;
    const refreshed = await harness.call<ChartRepository>('POST', '/api/v1/helm/repositories/public/refresh');
    assert.equal(refreshed.body.status, 'ready');
    assert.deepEqual(publicRepo.requests.slice(before), ['GET /index.yaml 304']);

    const index = path.join(work, 'public', 'index.yaml');
    const good = await readFile(index, 'utf8');
    await writeFile(index, 'apiVersion: v1\nentries:\n  demo:\n    - name: demo\n      version: [1.0\n');
    const broken = await harness.call<ChartRepository>('POST', '/api/v1/helm/repositories/public/refresh');
    assert.equal(broken.body.status, 'failed');
    assert.equal(broken.body.problem, 'bad-index');
    assert.match(broken.body.reason ?? '', /not valid YAML \(line \d+\)/);
    assert.ok(broken.body.lastGoodAt, 'the last good time stays');
    assert.equal(broken.body.chartCount, 3, 'the last good index stays');
    const still = await harness.call<ChartList>('GET', '/api/v1/helm/charts?q=demo');
    assert.deepEqual(
      still.body.items.map((c) => c.chart),
      ['demo'],
    );
    const freshness = still.body.repositories.find((r) => r.name === 'public');
    assert.equal(freshness?.status, 'failed');
    await writeFile(index, good);
    const back = await harness.call<ChartRepository>('POST', '/api/v1/helm/repositories/public/refresh');
    assert.equal(back.body.status, 'ready');
    assert.equal(back.body.reason, null);
  });

  test('an unreachable repository says so, naming the host, and keeps its charts', async () => {
    const host = new URL(tlsRepo.url).host;
    await tlsRepo.close();
    const refreshed = await harness.call<ChartRepository>('POST', '/api/v1/helm/repositories/tls/refresh');
    assert.equal(refreshed.body.status, 'failed');
    assert.equal(refreshed.body.problem, 'unreachable');
    assert.match(refreshed.body.reason ?? '', new RegExp(`${host} refused the connection`));
    assert.equal(refreshed.body.chartCount, 1);
  });

  test('the chart source hands Helm a private copy checked against the digest, and refuses a changed package', async () => {
    const source = harness.portolan.catalogue.chartSource;
    const fetched = await source.fetch({ repository: 'public', chart: 'demo' });
    try {
      assert.equal(fetched.version, '1.1.0');
      const data = await readFile(fetched.file);
      assert.equal(`${createHash('sha256').update(data).digest('hex')}`, fetched.digest);
      assert.equal((await stat(fetched.file)).mode & 0o777, 0o600);
      assert.equal((await stat(path.dirname(fetched.file))).mode & 0o777, 0o700);
    } finally {
      await fetched.release();
    }
    await assert.rejects(stat(fetched.file));

    // The repository swaps 1.0.0's package for another: its index's digest no longer matches.
    await copyFile(
      path.join(work, 'public', 'postgresish-3.2.1.tgz'),
      path.join(work, 'public', 'demo-1.0.0.tgz'),
    );
    await assert.rejects(
      source.fetch({ repository: 'public', chart: 'demo', version: '1.0.0' }),
      (error: unknown) => {
        assert.ok(error instanceof ChartSourceError);
        assert.equal(error.status, 502);
        assert.match(error.message, /does not match the digest/);
        return true;
      },
    );
    await assert.rejects(source.fetch({ repository: 'nope', chart: 'demo' }), /no chart repository "nope"/);
  });

  test('latestVersions gives the newest release of each chart across repositories', async () => {
    const latest = await harness.portolan.catalogue.latestVersions(['demo', 'secret-app', 'unknown']);
    assert.deepEqual(Object.fromEntries(latest), {
      demo: { version: '1.1.0', repository: 'public' },
      'secret-app': { version: '1.0.0', repository: 'private' },
    });
  });

  test('changing and removing a repository', async () => {
    const changed = await harness.call<ChartRepository>('PATCH', '/api/v1/helm/repositories/public', {
      intervalSeconds: 0,
    });
    assert.equal(changed.status, 200);
    assert.equal(changed.body.intervalSeconds, 0);
    const wrong = await harness.call<Refusal>('PATCH', '/api/v1/helm/repositories/private', {
      password: 'nope',
    });
    assert.equal(wrong.status, 422);
    assert.equal(wrong.body.error.code, 'bad-credentials');
    const removed = await harness.call('DELETE', '/api/v1/helm/repositories/private');
    assert.equal(removed.status, 204);
    const gone = await harness.call<ChartList>('GET', '/api/v1/helm/charts?q=secret');
    assert.equal(gone.body.total, 0);
    assert.equal((await harness.call('DELETE', '/api/v1/helm/repositories/private')).status, 404);
  });
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually, sharedSandboxes } from '@portolan/sandbox/testing';
import {
  FIXTURE_SECRET_VALUE,
  helm,
  secretValuesFile,
  writeTinyChart,
} from '#server/helm/release-list-fixtures.ts';
import {
  buildRepository,
  helmOf,
  type RepoServer,
  serveRepository,
} from '#server/helm/testing/repo-fixtures.ts';
import { addMember } from '#server/testing/members.ts';
import { testTempDir } from '#server/testing/temp-dir.ts';
import { type Loose, type RouteTest, setUpRouteTest } from '../../testing/route-server.ts';

// Releases installed by the real helm into a shared sandbox, synced by a real Portolan, listed
// through the API as an administrator and as a namespace Viewer.
let t: RouteTest;
let other: string;
let repository: RepoServer | undefined;
const { binDir, clusters } = sharedSandboxes();
const kubeconfig = clusters[0]?.kubeconfig ?? '';

before(async () => {
  t = await setUpRouteTest('hrel');
  other = `${t.namespace}-b`;
  await t.k('create', 'namespace', other);
  const chart = await writeTinyChart({ name: 'tiny', version: '0.1.0', appVersion: '1.2.3' });
  const values = await secretValuesFile();
  await helm(binDir, kubeconfig, ['install', 'web', chart, '-n', t.namespace, '-f', values]);
  await helm(binDir, kubeconfig, [
    'upgrade',
    'web',
    chart,
    '-n',
    t.namespace,
    '-f',
    values,
    '--description',
    'Second go',
  ]);
  const otherChart = await writeTinyChart({ name: 'keeper', version: '1.0.0', appVersion: '1.0' });
  await helm(binDir, kubeconfig, ['install', 'cache', otherChart, '-n', other]);
  // A chart repository with a newer tiny (and a newer pre-release, which does not count).
  const charts = await helmOf();
  const dir = await testTempDir('portolan-release-repo-');
  await buildRepository(charts.helm, dir, [
    { name: 'tiny', version: '0.2.0' },
    { name: 'tiny', version: '0.3.0-rc.1' },
  ]);
  repository = await serveRepository(dir);
  const added = await t.send('POST', '/api/v1/helm/repositories', { name: 'charts', url: repository.url });
  assert.equal(added.status, 201, JSON.stringify(added.body));
});
after(async () => {
  await repository?.close();
  await t?.k('delete', 'namespace', other, '--wait=false').catch(() => undefined);
  await t?.cleanup();
});

const inTest = (path: string) =>
  `${path}${path.includes('?') ? '&' : '?'}namespaces=${t.namespace},${other}&clusters=${t.cluster}`;

test('releases helm installed are listed from the store: newest revision, chart, version, status', async () => {
  const answer = await eventually('both releases in the store', async () => {
    const listed = await t.send('GET', inTest('/api/v1/helm/releases'));
    return listed.status === 200 &&
      listed.body.items.length === 2 &&
      listed.body.items.some((item: Loose) => item.revision === 2)
      ? listed
      : undefined;
  });
  const byName = Object.fromEntries(answer.body.items.map((item: Loose) => [item.name, item]));
  assert.deepEqual(
    [byName.web.namespace, byName.web.revision, byName.web.status, byName.web.chart, byName.web.chartVersion],
    [t.namespace, 2, 'deployed', 'tiny', '0.1.0'],
  );
  assert.equal(byName.web.appVersion, '1.2.3');
  assert.equal(byName.web.description, 'Second go');
  assert.equal(byName.web.decodeError, null);
  assert.ok(Date.parse(byName.web.updated) > Date.parse(byName.web.firstDeployed));
  assert.equal(byName.cache.namespace, other);
  assert.equal(answer.body.total, 2);
  assert.equal(answer.body.catalogue, 'checked');
  assert.deepEqual(byName.web.newerVersion, { version: '0.2.0', repository: 'charts' });
  assert.equal(byName.cache.newerVersion, null);
  assert.equal(byName.cache.catalogueVersion, null, 'keeper is in no repository');
  const outdated = await t.send('GET', inTest('/api/v1/helm/releases?outdated=true'));
  assert.deepEqual(
    outdated.body.items.map((item: Loose) => item.name),
    ['web'],
  );
  assert.deepEqual(
    answer.body.clusters.map((cluster: Loose) => [cluster.name, cluster.status]),
    [[t.cluster, 'fresh']],
  );
});

test('the stored release Secrets hold the metadata, never the values, the manifest or the notes', async () => {
  const stored = await t.send(
    'GET',
    `/api/v1/search?kinds=secrets&clusters=${t.cluster}&namespaces=${t.namespace}&labelSelector=owner%3Dhelm`,
  );
  assert.equal(stored.status, 200);
  assert.equal(stored.body.items.length, 2);
  const text = JSON.stringify(stored.body);
  for (const secret of [FIXTURE_SECRET_VALUE, '-settings', 'Installed web'])
    assert.ok(!text.includes(secret), `the store holds "${secret}"`);
  assert.match(text, /portolan\.dev\/helm-release/);
});

test('filters, sort and pages through HTTP; a bad query names its field', async () => {
  const failed = await t.send('GET', inTest('/api/v1/helm/releases?status=failed'));
  assert.deepEqual(failed.body.items, []);
  const q = await t.send('GET', inTest('/api/v1/helm/releases?q=CAC'));
  assert.deepEqual(
    q.body.items.map((item: Loose) => item.name),
    ['cache'],
  );
  const first = await t.send('GET', inTest('/api/v1/helm/releases?sort=updated&order=desc&limit=1'));
  assert.deepEqual([first.body.items[0].name, first.body.total], ['cache', 2]);
  assert.ok(first.body.continue);
  const second = await t.send(
    'GET',
    inTest(`/api/v1/helm/releases?sort=updated&order=desc&limit=1&continue=${first.body.continue}`),
  );
  assert.deepEqual([second.body.items[0].name, second.body.continue], ['web', undefined]);
  const bad = await t.send('GET', '/api/v1/helm/releases?sort=age');
  assert.equal(bad.status, 400);
  assert.match(JSON.stringify(bad.body.error), /sort/);
  const unknown = await t.send('GET', '/api/v1/helm/releases?clusters=nowhere');
  assert.equal(unknown.status, 400);
  assert.equal(unknown.body.error.field, 'clusters');
});

test('the revisions of a release, newest first; an unknown release is a 404 that says where to look', async () => {
  const answer = await t.send('GET', `${t.base}/helm/releases/${t.namespace}/web/revisions`);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.deepEqual(
    answer.body.items.map((item: Loose) => [item.revision, item.status, item.description]),
    [
      [2, 'deployed', 'Second go'],
      [1, 'superseded', 'Install complete'],
    ],
  );
  assert.equal(answer.body.cluster.name, t.cluster);
  const missing = await t.send('GET', `${t.base}/helm/releases/${t.namespace}/nothing/revisions`);
  assert.equal(missing.status, 404);
  assert.match(missing.body.error.message, /GET \/api\/v1\/helm\/releases/);
});

test('a namespace Viewer sees the releases of their namespace only, and no other’s revisions', async () => {
  const viewer = await addMember(t.harness, 'release-viewer', 'Viewer', {
    level: 'namespace',
    cluster: t.cluster,
    namespace: t.namespace,
  });
  const as = (path: string) => fetch(`${t.harness.url}${path}`, { headers: { cookie: viewer.cookie } });
  const listed = (await (await as('/api/v1/helm/releases')).json()) as Loose;
  assert.deepEqual(
    listed.items.map((item: Loose) => `${item.namespace}/${item.name}`),
    [`${t.namespace}/web`],
  );
  assert.equal((await as(`${t.base}/helm/releases/${t.namespace}/web/revisions`)).status, 200);
  assert.equal((await as(`${t.base}/helm/releases/${other}/cache/revisions`)).status, 403);
});

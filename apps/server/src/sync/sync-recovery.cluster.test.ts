import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createSandboxManager, type SandboxInfo } from '@portolan/sandbox';
import { eventually, kubectlOk, sharedSandboxes } from '@portolan/sandbox/testing';
import type { SearchResult } from '#server/search/search-service.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';

const { binDir } = sharedSandboxes();
const sandboxDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-recovery-'));
const sandboxes = createSandboxManager({ dataDir: sandboxDir, binDir: async () => binDir });

/** The server's log lines (pino JSON), kept across the harness restarts of this file. */
const logMessages: { level: number; msg: string; resource?: string; reason?: string }[] = [];
const logStream = {
  write(line: string) {
    for (const text of line.split('\n').filter(Boolean)) logMessages.push(JSON.parse(text));
  },
};
// Relists and recoveries are logged at info; failures at warn.
const start = (dataDir?: string) =>
  startHarness({ ...(dataDir ? { dataDir } : {}), logStream, args: ['--log-level', 'info'] });
const syncLines = (pattern: RegExp) => logMessages.filter((line) => pattern.test(line.msg));

/** The value of one series of /metrics, 0 when absent. */
async function metric(harness: Harness, series: string): Promise<number> {
  const text = await (await fetch(`${harness.url}/metrics`, { headers: harness.headers })).text();
  const line = text.split('\n').find((row) => row.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

interface ClusterView {
  status: string;
  reason: string | null;
}

async function etcdCall(
  info: SandboxInfo,
  route: string,
  body: unknown,
): Promise<{ header: { revision: string } }> {
  const dir = path.join(sandboxDir, 'sandboxes', info.name);
  const state = JSON.parse(await readFile(path.join(dir, 'sandbox.json'), 'utf8')) as {
    ports: { etcdClient: number };
  };
  // etcd takes only clients with a certificate from the sandbox's CA (the API server's serves).
  const pem = (name: string) => readFile(path.join(dir, 'pki', name));
  const [ca, cert, key] = await Promise.all([pem('ca.crt'), pem('apiserver.crt'), pem('apiserver.key')]);
  const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = https.request(
      { host: '127.0.0.1', port: state.ports.etcdClient, path: route, method: 'POST', ca, cert, key },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
  assert.equal(answer.status, 200, answer.text);
  return JSON.parse(answer.text) as { header: { revision: string } };
}

/** Compacts etcd up to now, so any watch from an older resourceVersion gets 410 Gone. */
async function compactEtcd(info: SandboxInfo): Promise<void> {
  const { header } = await etcdCall(info, '/v3/kv/range', { key: Buffer.from('/').toString('base64') });
  await etcdCall(info, '/v3/kv/compaction', { revision: header.revision, physical: true });
}

describe('sync through outages, compaction and restarts', () => {
  let info: SandboxInfo;
  let harness: Harness;
  const k = (args: string[]) => kubectlOk(binDir, info.kubeconfigPath, args);
  const names = async () =>
    (
      await harness.call<SearchResult>(
        'GET',
        '/api/v1/search?kinds=configmaps&namespaces=default&objects=false&limit=1000',
      )
    ).body.items
      .map((item) => item.name)
      .filter((name) => name.startsWith('rec-'))
      .sort();
  const liveNames = async () =>
    (await k(['get', 'configmaps', '-n', 'default', '-o', 'name']))
      .split('\n')
      .map((line) => line.replace('configmap/', ''))
      .filter((name) => name.startsWith('rec-'))
      .sort();
  const storeMatches = (what: string) =>
    eventually(
      what,
      async () => {
        const [want, have] = await Promise.all([liveNames(), names()]);
        return JSON.stringify(want) === JSON.stringify(have) ? have : undefined;
      },
      30_000,
      300,
    );

  before(async () => {
    info = (await sandboxes.create({ name: 'recovery', nodes: 1 })).sandbox;
    harness = await start();
    await harness.register('recovery', info.kubeconfigPath);
  });
  after(async () => {
    await harness?.stop({ removeData: true });
    await sandboxes.delete('recovery').catch(() => undefined);
    await rm(sandboxDir, { recursive: true, force: true });
  });

  test('a type is synced by its first list: search has its syncedAt before any change arrives', async () => {
    // A sandbox has no IngressClass, so no watch event ever comes for them; the list is the sync.
    const freshness = await eventually(
      'ingressclasses to be synced',
      async () => {
        const result = (
          await harness.call<SearchResult>('GET', '/api/v1/search?kinds=ingressclasses&clusters=recovery')
        ).body;
        return result.clusters[0]?.status === 'fresh' ? result.clusters[0] : undefined;
      },
      30_000,
      200,
    );
    assert.ok(freshness.syncedAt, `syncedAt is set after the list: ${JSON.stringify(freshness)}`);
    assert.ok(Date.now() - Date.parse(freshness.syncedAt) < 60_000);
  });

  test('losing the API server marks the cluster Offline within 30 s, Ready again on return, and the store converges', async () => {
    await k(['create', 'configmap', 'rec-before']);
    await storeMatches('rec-before in the store');
    const apiserver = info.components.find((component) => component.name === 'kube-apiserver');
    assert.ok(apiserver?.pid);
    const lost = Date.now();
    process.kill(apiserver.pid, 'SIGKILL');
    const offline = await eventually(
      'the cluster to be Offline',
      async () => {
        const cluster = (await harness.call<ClusterView>('GET', '/api/v1/clusters/recovery')).body;
        return cluster.status === 'Offline' ? cluster : undefined;
      },
      30_000,
      250,
    );
    assert.ok(Date.now() - lost < 30_000);
    assert.match(offline.reason ?? '', /127\.0\.0\.1:\d+/, 'the reason names the server');
    const stale = (
      await harness.call<SearchResult>('GET', '/api/v1/search?kinds=configmaps&clusters=recovery')
    ).body;
    assert.equal(
      stale.clusters[0]?.status,
      'stale',
      'an Offline cluster is stale in search, and its rows are still served',
    );
    assert.ok(stale.items.some((item) => item.name === 'rec-before'));

    info = (await sandboxes.start('recovery')).sandbox;
    const back = Date.now();
    await eventually(
      'the cluster to be Ready again',
      async () =>
        (await harness.call<ClusterView>('GET', '/api/v1/clusters/recovery')).body.status === 'Ready'
          ? true
          : undefined,
      15_000,
      250,
    );
    assert.ok(Date.now() - back < 5_000, 'Ready within about one probe interval (1 s here) of its return');
    await k(['create', 'configmap', 'rec-after-outage']);
    await k(['delete', 'configmap', 'rec-before']);
    assert.deepEqual(await storeMatches('the store to converge after the outage'), ['rec-after-outage']);

    // The server log tells the outage once for the cluster (not once per resource or retry), then its return.
    const cut = syncLines(/^cluster "recovery" cannot be reached/);
    assert.ok(cut.length >= 1, 'the outage is in the log');
    assert.ok(
      cut.some((line) => line.reason === 'unreachable'),
      cut.map((line) => line.msg).join('\n'),
    );
    assert.match(cut[0]?.msg ?? '', /127\.0\.0\.1:\d+/, 'the line names the server');
    const failedAttempts = await metric(
      harness,
      'portolan_sync_errors_total{cluster="recovery",resource="configmaps",reason="unreachable"}',
    );
    assert.ok(failedAttempts >= 2, `every failed attempt is counted (${failedAttempts})`);
    assert.ok(cut.length < failedAttempts, 'fewer lines than failed attempts');
    assert.deepEqual(
      syncLines(/^sync of \S+ from cluster "recovery" is failing \((unreachable|timeout)\)/).map(
        (l) => l.msg,
      ),
      [],
      'no line per resource for a cluster that cannot be reached',
    );
    await eventually(
      'the return in the log',
      async () => syncLines(/^cluster "recovery" answers again after/).length > 0 || undefined,
      15_000,
      200,
    );
  });

  test('a restarted Portolan resumes without relisting; a watch too old for etcd relists with no lost or duplicate rows', async () => {
    await harness.stop();
    harness = await start(harness.dataDir);
    await k(['create', 'configmap', 'rec-after-restart']);
    await storeMatches('changes after a restart');
    const sync = (
      await harness.call<{ engine: { resources: { resource: string; relists: number }[] } }>(
        'GET',
        '/api/v1/clusters/recovery/sync',
      )
    ).body;
    const configmaps = sync.engine.resources.find((resource) => resource.resource === 'configmaps');
    assert.equal(configmaps?.relists, 0, 'configmaps resumed from the stored resourceVersion');

    await harness.stop();
    for (let i = 0; i < 5; i++) await k(['create', 'configmap', `rec-while-down-${i}`]);
    await k(['delete', 'configmap', 'rec-after-outage']);
    await compactEtcd(info);
    // The API server answers watches from its own cache too; a restart empties it, so the old
    // resourceVersion must now be refused as too old.
    await sandboxes.stop('recovery');
    info = (await sandboxes.start('recovery')).sandbox;
    const relistLines = syncLines(/^sync of configmaps from cluster "recovery": the watch is too old/).length;
    harness = await start(harness.dataDir);
    const have = await storeMatches('the store after a relist');
    assert.ok(have.includes('rec-while-down-4') && !have.includes('rec-after-outage'));
    const after = (
      await harness.call<{ engine: { resources: { resource: string; relists: number }[] } }>(
        'GET',
        '/api/v1/clusters/recovery/sync',
      )
    ).body;
    assert.ok(
      (after.engine.resources.find((resource) => resource.resource === 'configmaps')?.relists ?? 0) >= 1,
      'configmaps were relisted',
    );
    assert.ok(
      syncLines(/^sync of configmaps from cluster "recovery": the watch is too old/).length > relistLines,
      'the relist is in the log',
    );
    assert.ok(
      (await metric(harness, 'portolan_sync_relists_total{cluster="recovery",resource="configmaps"}')) >= 1,
      'and counted in /metrics',
    );
    const freshness = (
      await harness.call<SearchResult>('GET', '/api/v1/search?kinds=configmaps&clusters=recovery&limit=1')
    ).body.clusters[0];
    assert.ok(freshness?.syncedAt, 'after a relist the type has a sync time');
  });

  test('bad kubeconfigs are refused with the reason, through the API', async () => {
    const garbage = await harness.call<{ error: { code: string; message: string; line?: number } }>(
      'POST',
      '/api/v1/clusters',
      {
        name: 'garbage',
        kubeconfig: 'apiVersion: v1\nclusters:\n  - name: x\n   cluster: {}\n',
      },
    );
    assert.equal(garbage.status, 400);
    assert.equal(garbage.body.error.code, 'invalid-kubeconfig');
    assert.ok(garbage.body.error.line, JSON.stringify(garbage.body));

    const kubeconfig = (await readFile(info.kubeconfigPath, 'utf8')).replace(
      /server: https:\/\/127\.0\.0\.1:\d+/,
      'server: https://127.0.0.1:1',
    );
    const unreachable = await harness.call<{ error: { code: string; message: string } }>(
      'POST',
      '/api/v1/clusters',
      { name: 'gone', kubeconfig },
    );
    assert.equal(unreachable.status, 422);
    assert.match(unreachable.body.error.message, /127\.0\.0\.1:1/);

    const context = await harness.call<{ error: { message: string } }>('POST', '/api/v1/clusters', {
      name: 'ctx',
      kubeconfig: await readFile(info.kubeconfigPath, 'utf8'),
      context: 'nope',
    });
    assert.equal(context.status, 400);
    assert.match(context.body.error.message, /nope/);
    const list = (
      await harness.call<{ items: { name: string }[] }>('GET', '/api/v1/clusters')
    ).body.items.map((c) => c.name);
    assert.deepEqual(list, ['recovery'], 'nothing refused was saved');
  });

  test('credentials are sealed at rest and never returned', async () => {
    const files = ['portolan.db', 'portolan.db-wal'].map((file) => path.join(harness.dataDir, file));
    const raw = Buffer.concat(
      await Promise.all(files.map((file) => readFile(file).catch(() => Buffer.alloc(0)))),
    );
    const kubeconfig = await readFile(info.kubeconfigPath, 'utf8');
    const keyData = /client-key-data: (\S+)/.exec(kubeconfig)?.[1] ?? '';
    assert.ok(keyData.length > 20);
    assert.ok(!raw.includes(Buffer.from(keyData)), 'the client key is not in the database file in the clear');
    const listed = JSON.stringify((await harness.call('GET', '/api/v1/clusters')).body);
    assert.ok(!listed.includes(keyData.slice(0, 40)) && !listed.includes('credentials'));
  });
});

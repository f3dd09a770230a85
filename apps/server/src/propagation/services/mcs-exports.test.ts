import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StoredExport } from '#server/store/multicluster-services/mcs-store.ts';
import type { Cluster, ResourceStore, StoredResource } from '#server/store/store.ts';
import { readExports } from './mcs-exports.ts';

const GRACE = 60_000;
const document = {
  apiVersion: 'portolan.dev/v1' as const,
  kind: 'MultiClusterService' as const,
  metadata: { namespace: 'shop', name: 'web' },
  spec: { importTo: { names: ['b'] } },
};

const cluster = (name: string, status: Cluster['status'], lastSeenAt: Date | null = null) =>
  ({ id: `id-${name}`, name, labels: {}, status, lastSeenAt }) as Cluster;

const readyPod = (name: string, ip: string) => ({
  metadata: { name },
  spec: {},
  status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: 'True' }] },
});

/** A fake of the synced store: the Service and its pods on the clusters given. */
function resourcesWith(byCluster: Record<string, { pods: object[] }>): ResourceStore {
  const service = {
    spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
  };
  return {
    get: async (clusterId: string) =>
      byCluster[clusterId] ? ({ object: service } as unknown as StoredResource) : undefined,
    search: async (query: { clusterIds?: string[] }) => ({
      items: (byCluster[query.clusterIds?.[0] ?? '']?.pods ?? []).map((object) => ({ object })),
      remaining: 0,
      estimated: false,
    }),
  } as unknown as ResourceStore;
}

const previousOfB: StoredExport = {
  cluster: 'b',
  endpoints: [{ address: '10.2.0.1', pod: 'web-1' }],
  ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  seenAt: new Date(1_000),
};

test('only clusters with the Service export by default; each offers its ready pods', async () => {
  const { exports, service } = await readExports({
    document,
    clusters: [cluster('c', 'Ready'), cluster('a', 'Ready')],
    resources: resourcesWith({ 'id-a': { pods: [readyPod('web-1', '10.1.0.1')] } }),
    previous: [],
    now: new Date(5_000),
    graceMs: GRACE,
  });
  assert.ok(service);
  assert.deepEqual(exports, [
    {
      cluster: 'a',
      endpoints: [{ address: '10.1.0.1', pod: 'web-1' }],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      seenAt: new Date(5_000),
    },
  ]);
});

test('an Offline exporting cluster keeps its last endpoints for the grace, then offers none, saying why', async () => {
  const offlineB = cluster('b', 'Offline', new Date(10_000));
  const read = (now: number) =>
    readExports({
      document,
      clusters: [offlineB],
      resources: resourcesWith({
        'id-b': { pods: [readyPod('web-1', '10.2.0.1'), readyPod('web-2', '10.2.0.2')] },
      }),
      previous: [previousOfB],
      now: new Date(now),
      graceMs: GRACE,
    });
  const reading = await read(10_000 + GRACE - 1);
  assert.deepEqual(reading.expiresAt, new Date(10_000 + GRACE), 'the next pass is due when the grace ends');
  const within = reading.exports[0];
  assert.deepEqual(
    within?.endpoints,
    previousOfB.endpoints,
    'what it last offered, not what the store has since',
  );
  assert.match(within?.reason ?? '', /offline since .*kept until/);
  assert.deepEqual(within?.reasonWording, {
    code: 'export.offline-kept',
    params: { since: new Date(10_000).toISOString(), until: new Date(10_000 + GRACE).toISOString() },
  });
  const after = await read(10_000 + GRACE);
  assert.equal(after.expiresAt, undefined);
  const past = after.exports[0];
  assert.deepEqual(past?.endpoints, []);
  assert.match(past?.reason ?? '', /dropped 60 s after it went away/);
  assert.equal(past?.reasonWording?.code, 'export.offline-dropped');
  assert.equal(past?.reasonWording?.params.seconds, 60);
});

test('named exporting clusters without the Service or without a ready pod say so', async () => {
  const { exports } = await readExports({
    document: { ...document, spec: { ...document.spec, exportFrom: { names: ['a', 'b'] } } },
    clusters: [cluster('a', 'Ready'), cluster('b', 'Ready')],
    resources: resourcesWith({ 'id-a': { pods: [] } }),
    previous: [],
    now: new Date(0),
    graceMs: GRACE,
  });
  assert.deepEqual(
    exports.map((entry) => [entry.cluster, entry.endpoints.length, entry.reason]),
    [
      ['a', 0, 'no ready pods'],
      ['b', 0, 'no Service shop/web there'],
    ],
  );
  assert.deepEqual(
    exports.map((entry) => entry.reasonWording),
    [
      { code: 'export.no-ready-pods', params: {} },
      { code: 'export.no-service', params: { namespace: 'shop', name: 'web' } },
    ],
  );
});

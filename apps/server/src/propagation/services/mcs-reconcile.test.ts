import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeClient } from '#server/kube/kube-client.ts';
import type { MultiClusterServiceStore } from '#server/store/multicluster-services/mcs-store.ts';
import { withMultiClusterServiceStore } from '#server/store/multicluster-services/mcs-store-suite.ts';
import type { Cluster, ResourceStore } from '#server/store/store.ts';
import { sqliteTestDatabase } from '#server/store/testing/database-fixtures.ts';
import { reconcileOne } from './mcs-reconcile.ts';

/** Offline clusters are never called: any request fails the test. */
const untouchable = new Proxy({} as KubeClient, {
  get: (_target, property) => () => assert.fail(`an Offline cluster was called (${String(property)})`),
});

const cluster = (name: string, status: Cluster['status']) =>
  ({ id: `id-${name}`, name, labels: {}, status, lastSeenAt: new Date(0) }) as Cluster;

/** The synced store has nothing: no cluster has the Service. */
const emptyResources = {
  get: async () => undefined,
  search: async () => ({ items: [], remaining: 0, estimated: false }),
} as unknown as ResourceStore;

const owned = [
  { kind: 'Service' as const, name: 'web-mcs', uid: 'u1' },
  { kind: 'EndpointSlice' as const, name: 'web-mcs-a', uid: 'u2' },
];

const withStore = (run: (store: MultiClusterServiceStore) => Promise<void>) =>
  withMultiClusterServiceStore(sqliteTestDatabase, run);

const deps = (store: MultiClusterServiceStore, clusters: Cluster[]) => ({
  store,
  resources: emptyResources,
  clusters: async () => clusters,
  clientOf: () => untouchable,
  now: () => new Date(100_000),
  offlineGraceMs: 60_000,
});

test('an Offline import cluster keeps what it has and says offline; one dropped from importTo while away keeps its record', () =>
  withStore(async (store) => {
    await store.put(
      {
        apiVersion: 'portolan.dev/v1',
        kind: 'MultiClusterService',
        metadata: { namespace: 'shop', name: 'web' },
        spec: { importTo: { names: ['b'] } },
      },
      'alice',
      new Date(0),
    );
    await store.putImport('shop', 'web', { cluster: 'b', state: 'applied', endpoints: 2, owned });
    await store.putImport('shop', 'web', { cluster: 'c', state: 'applied', endpoints: 2, owned });
    await reconcileOne(deps(store, [cluster('b', 'Offline'), cluster('c', 'Offline')]), 'shop', 'web');
    const imports = (await store.get('shop', 'web'))?.imports ?? [];
    assert.deepEqual(
      imports.map((entry) => [entry.cluster, entry.state, entry.owned.length]),
      [
        ['b', 'offline', 2],
        ['c', 'offline', 2],
      ],
    );
    assert.match(imports[0]?.reason ?? '', /cluster b cannot be reached/);
    // Kept with its code and values through the store.
    assert.deepEqual(imports[0]?.reasonWording, { code: 'import.offline', params: { cluster: 'b' } });
  }));

test('removal while an import cluster is away leaves the record (deleting) until its objects can go', () =>
  withStore(async (store) => {
    await store.put(
      {
        apiVersion: 'portolan.dev/v1',
        kind: 'MultiClusterService',
        metadata: { namespace: 'shop', name: 'web' },
        spec: { importTo: { names: ['b'] } },
      },
      'alice',
      new Date(0),
    );
    await store.putImport('shop', 'web', { cluster: 'b', state: 'applied', endpoints: 2, owned });
    // A cluster no longer registered took its objects with it: nothing to wait for there.
    await store.putImport('shop', 'web', { cluster: 'gone', state: 'applied', endpoints: 2, owned });
    await store.markDeleting('shop', 'web', 'bob', new Date(1));
    await reconcileOne(deps(store, [cluster('b', 'Offline')]), 'shop', 'web');
    const left = await store.get('shop', 'web');
    assert.equal(left?.deleting, true);
    assert.deepEqual(
      left?.imports.map((entry) => [entry.cluster, entry.owned.length]),
      [['b', 2]],
    );
  }));

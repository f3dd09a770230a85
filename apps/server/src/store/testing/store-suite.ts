import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ResourceRecord, Store } from '../store.ts';
import { StoreError } from '../store.ts';
import { eventReasonTests } from './event-reason-suite.ts';
import { maskedSecretsMigrationTests } from './masked-secrets-suite.ts';
import { podRequestTests } from './pod-requests-suite.ts';
import { names, pagingTests, searchTests, summarize } from './search-suite.ts';
import {
  type Backend,
  DEPLOYMENTS,
  NODES,
  nodeRecord,
  PODS,
  podRecord,
  remove,
  upsert,
} from './store-fixtures.ts';
import { workloadWordsMigrationTests } from './workload-words-suite.ts';

/** The one test suite every store implementation must pass. */
export function storeSuite(name: string, newBackend: () => Promise<Backend>): void {
  const withStore = async (run: (store: Store, backend: Backend) => Promise<void>, now?: () => number) => {
    const backend = await newBackend();
    let store: Store | undefined;
    try {
      store = await backend.open(now ? { now } : {});
      await run(store, backend);
    } finally {
      await store?.close();
      await backend.destroy();
    }
  };

  describe(`${name} store`, () => {
    test('clusters: create, read, update, health, name conflicts, delete', () =>
      withStore(async (store) => {
        const credentials = new Uint8Array([0, 1, 2, 250, 255]);
        const created = await store.clusters.create({
          name: 'prod-eu',
          labels: { env: 'prod' },
          serverUrl: 'https://10.0.0.1:6443',
          credentials,
        });
        assert.equal(created.displayName, 'prod-eu');
        assert.equal(created.status, 'Unknown');
        assert.deepEqual([...created.credentials], [...credentials]);
        assert.deepEqual((await store.clusters.getByName('prod-eu'))?.id, created.id);
        await assert.rejects(
          store.clusters.create({ name: 'prod-eu', serverUrl: 'https://x', credentials }),
          (e: unknown) =>
            e instanceof StoreError && e.code === 'conflict' && /prod-eu.*another name/.test(e.message),
        );
        const other = await store.clusters.create({ name: 'dev', serverUrl: 'https://y', credentials });
        await assert.rejects(store.clusters.update(other.id, { name: 'prod-eu' }), /already registered/);
        const updated = await store.clusters.update(created.id, {
          displayName: 'Prod EU',
          labels: { env: 'p' },
        });
        assert.equal(updated.displayName, 'Prod EU');
        assert.deepEqual(updated.labels, { env: 'p' });
        const seen = new Date('2025-02-03T04:05:06.789Z');
        await store.clusters.setHealth(created.id, {
          status: 'Ready',
          lastSeenAt: seen,
          probeLatencyMs: 12,
          version: 'v1.34.1',
          nodeCount: 3,
        });
        const healthy = await store.clusters.get(created.id);
        assert.equal(healthy?.status, 'Ready');
        assert.equal(healthy?.lastSeenAt?.toISOString(), seen.toISOString());
        assert.equal(healthy?.nodeCount, 3);
        assert.deepEqual(
          (await store.clusters.list()).map((c) => c.name),
          ['dev', 'prod-eu'],
        );
        await store.resources.applyChanges(created.id, [upsert(podRecord({ namespace: 'a', name: 'p' }))]);
        await store.clusters.delete(created.id);
        assert.equal(await store.clusters.get(created.id), undefined);
        assert.equal((await store.resources.search({})).items.length, 0, 'rows are purged with the cluster');
        await assert.rejects(
          store.clusters.setHealth(created.id, { status: 'Offline' }),
          /no cluster has id/,
        );
      }));

    test('applyChanges keeps rows, labels and counts together; the last change to a key wins', () =>
      withStore(async (store) => {
        const a = podRecord({ namespace: 'ns', name: 'a', labels: { app: 'web' }, phase: 'Pending' });
        const b = podRecord({ namespace: 'ns', name: 'b', labels: { app: 'web' } });
        await store.resources.applyChanges('c1', [upsert(a), upsert(b), upsert(nodeRecord('n1', true))]);
        await store.resources.applyChanges('c1', [
          upsert({ ...a, phase: 'Running', labels: { app: 'db' }, resourceVersion: '2' }),
          remove(b),
          upsert(nodeRecord('n2', false)),
          upsert(podRecord({ namespace: 'ns', name: 'c' })),
          remove(podRecord({ namespace: 'ns', name: 'c' })),
          remove(podRecord({ namespace: 'ns', name: 'never-stored' })),
        ]);
        const stored = await store.resources.get('c1', { ...PODS, namespace: 'ns', name: 'a' });
        assert.equal(stored?.phase, 'Running');
        assert.equal(stored?.kind, 'Pod');
        assert.equal(stored?.uid, 'uid-ns-a');
        const metadata = (stored?.object as { metadata?: Record<string, unknown> } | undefined)?.metadata;
        assert.equal(metadata?.name, 'a');
        assert.equal('managedFields' in (metadata ?? {}), false, 'managedFields are not kept');
        assert.equal(await store.resources.get('c1', { ...PODS, namespace: 'ns', name: 'b' }), undefined);
        assert.deepEqual(await names(store, { labelSelector: 'app=web' }), []);
        assert.deepEqual(await names(store, { labelSelector: 'app=db' }), ['a']);
        assert.deepEqual(summarize(await store.resources.counts()), {
          'c1 pods Running': 1,
          'c1 nodes Ready': 1,
          'c1 nodes NotReady': 1,
        });
      }));

    test('a failing batch changes nothing', () =>
      withStore(async (store) => {
        const good = podRecord({ namespace: 'ns', name: 'good' });
        const bad: ResourceRecord = { ...podRecord({ namespace: 'ns', name: 'bad' }), ...DEPLOYMENTS };
        bad.object = { unserializable: 10n };
        await assert.rejects(store.resources.applyChanges('c1', [upsert(good), upsert(bad)]), /BigInt/);
        assert.equal((await store.resources.search({})).items.length, 0);
        assert.deepEqual(await store.resources.counts(), []);
      }));

    test('replaceAll reconciles a relist: stale rows go, none duplicate, unchanged rows are not rewritten', () => {
      let clock = 1000;
      return withStore(
        async (store) => {
          const many = Array.from({ length: 5200 }, (_, i) =>
            podRecord({ namespace: `ns-${i % 3}`, name: `p-${i}` }),
          );
          await store.resources.applyChanges('c2', [upsert(podRecord({ namespace: 'ns-0', name: 'p-0' }))]);
          await store.resources.replaceAll('c1', PODS, many, '100');
          clock = 2000;
          async function* relist() {
            for (const record of many.slice(10, 5100)) {
              yield record.name === 'p-20' ? { ...record, resourceVersion: '2', phase: 'Failed' } : record;
            }
            yield podRecord({ namespace: 'ns-0', name: 'new' });
            yield podRecord({ namespace: 'ns-0', name: 'new' });
          }
          await store.resources.replaceAll('c1', PODS, relist(), '200');
          const state = await store.syncStates.get('c1', PODS);
          assert.equal(state?.resourceVersion, '200');
          assert.equal(state?.objectCount, 5091);
          const counts = summarize(await store.resources.counts());
          assert.deepEqual(counts, { 'c1 pods Running': 5090, 'c1 pods Failed': 1, 'c2 pods Running': 1 });
          const get = (name: string) =>
            store.resources.get('c1', { ...PODS, namespace: `ns-${Number(name.slice(2)) % 3}`, name });
          assert.equal(await get('p-5'), undefined);
          assert.equal(await get('p-5150'), undefined);
          assert.equal((await get('p-30'))?.syncedAt.getTime(), 1000, 'unchanged rows keep their sync time');
          assert.equal((await get('p-20'))?.syncedAt.getTime(), 2000);
          assert.equal((await store.resources.search({ name: 'new' })).items.length, 1);
          assert.equal((await store.resources.search({ clusterIds: ['c2'] })).items.length, 1);
          await store.resources.replaceAll('c1', PODS, [], '300');
          assert.equal((await store.syncStates.get('c1', PODS))?.objectCount, 0);
          assert.equal(
            (await store.resources.search({ clusterIds: ['c1'], nameContains: 'new' })).items.length,
            0,
          );
        },
        () => clock,
      );
    });

    test('replaceAll that fails part way keeps the batches written before, whole, and leaves nothing running', () =>
      withStore(async (store) => {
        const records = Array.from({ length: 2500 }, (_, i) =>
          podRecord({ namespace: 'ns', name: `p-${String(i).padStart(4, '0')}` }),
        );
        const broken = records[1500] as ResourceRecord;
        broken.object = { unserializable: 10n };
        await assert.rejects(store.resources.replaceAll('c1', PODS, records, '1'), /BigInt/);
        // A list that ends in an error while a batch is being written.
        async function* failing() {
          yield* records.slice(0, 1200).map((record) => ({ ...record, namespace: 'other' }));
          throw new Error('the list broke off');
        }
        await assert.rejects(store.resources.replaceAll('c2', PODS, failing(), '1'), /the list broke off/);
        const counts = summarize(await store.resources.counts());
        assert.deepEqual(counts, { 'c1 pods Running': 1000, 'c2 pods Running': 1000 });
        assert.equal((await store.resources.search({ clusterIds: ['c1'], limit: 1000 })).items.length, 1000);
        // Records of the batch that never went are written as they are now, not as they were then.
        for (const record of [broken, records[1200] as ResourceRecord]) {
          record.object = { fixed: true };
          await store.resources.applyChanges('c1', [upsert(record)]);
          const [stored] = (await store.resources.search({ clusterIds: ['c1'], name: record.name })).items;
          assert.deepEqual(stored?.object, { fixed: true });
        }
      }));

    test('purgeCluster removes one cluster entirely and leaves the others', () =>
      withStore(async (store) => {
        for (const cluster of ['c1', 'c2']) {
          await store.resources.applyChanges(cluster, [
            upsert(podRecord({ namespace: 'a', name: 'web-1', labels: { app: 'web' } })),
            upsert(nodeRecord('node-1', true)),
          ]);
          await store.syncStates.put(cluster, PODS, { resourceVersion: '5' });
        }
        await store.resources.purgeCluster('c1');
        const left = await store.resources.search({ labelSelector: 'app=web', nameContains: 'web' });
        assert.deepEqual(
          left.items.map((r) => r.clusterId),
          ['c2'],
        );
        assert.deepEqual(summarize(await store.resources.counts()), {
          'c2 pods Running': 1,
          'c2 nodes Ready': 1,
        });
        assert.equal(await store.syncStates.get('c1', PODS), undefined);
        assert.equal((await store.syncStates.get('c2', PODS))?.resourceVersion, '5');
      }));

    test('sync states: put merges fields, get and list report counts from the rows', () =>
      withStore(async (store) => {
        const at = new Date('2025-05-05T00:00:00Z');
        await store.syncStates.put('c1', NODES, { resourceVersion: '7', lastEventAt: at, lagMs: 40 });
        const forbidden = { verb: 'watch', resource: 'nodes', kind: 'Node', status: 403 };
        await store.syncStates.put('c1', NODES, {
          error: 'watch: 403 forbidden',
          reasonCode: 'forbidden',
          reasonParams: forbidden,
        });
        await store.resources.applyChanges('c1', [
          upsert(nodeRecord('a', true)),
          upsert(nodeRecord('b', true)),
        ]);
        assert.deepEqual(await store.syncStates.get('c1', NODES), {
          resourceVersion: '7',
          objectCount: 2,
          lastEventAt: at,
          lagMs: 40,
          error: 'watch: 403 forbidden',
          reasonCode: 'forbidden',
          reasonParams: forbidden,
        });
        await assert.rejects(
          // @ts-expect-error words without a code do not type-check: an error needs reasonCode and reasonParams
          store.syncStates.put('c1', NODES, { error: 'words alone' }),
          /needs its reasonCode/,
        );
        assert.equal((await store.syncStates.get('c1', NODES))?.reasonCode, 'forbidden', 'refused, kept');
        assert.equal(await store.syncStates.get('c1', DEPLOYMENTS), undefined);
        const listed = await store.syncStates.list('c1');
        assert.equal(listed.length, 1);
        assert.equal(listed[0]?.resource, 'nodes');
        assert.equal(listed[0]?.clusterId, 'c1');
        assert.deepEqual(listed[0]?.reasonParams, forbidden);
        await store.syncStates.put('c1', NODES, { error: null });
        const cleared = await store.syncStates.get('c1', NODES);
        assert.deepEqual([cleared?.error, cleared?.reasonCode, cleared?.reasonParams], [null, null, null]);
      }));

    test("sync states: a list of some types holds only those types' states, of every cluster", () =>
      withStore(async (store) => {
        for (const cluster of ['c1', 'c2']) {
          for (const type of [NODES, PODS, DEPLOYMENTS])
            await store.syncStates.put(cluster, type, { resourceVersion: '3' });
        }
        const of = async (types: Array<{ group: string; resource: string }>) =>
          (await store.syncStates.list(undefined, types))
            .map((state) => `${state.clusterId}/${state.group}/${state.resource}`)
            .sort();
        assert.deepEqual(await of([{ group: '', resource: 'pods' }]), ['c1//pods', 'c2//pods']);
        assert.deepEqual(
          await of([
            { group: 'apps', resource: 'deployments' },
            { group: '', resource: 'nodes' },
          ]),
          ['c1//nodes', 'c1/apps/deployments', 'c2//nodes', 'c2/apps/deployments'],
        );
        assert.deepEqual(await of([{ group: 'apps', resource: 'pods' }]), [], 'a group is part of a type');
        assert.deepEqual(await of([]), []);
        assert.equal((await store.syncStates.list('c2', [{ group: '', resource: 'nodes' }])).length, 1);
        assert.equal((await store.syncStates.list()).length, 6);
      }));

    test('the schema migrates once: reopening keeps the data', () =>
      withStore(async (store, backend) => {
        await store.resources.applyChanges('c1', [upsert(podRecord({ namespace: 'a', name: 'kept' }))]);
        const again = await backend.open();
        try {
          assert.deepEqual(await names(again, {}), ['kept']);
        } finally {
          await again.close();
        }
      }));

    searchTests(newBackend);
    pagingTests(withStore);
    eventReasonTests(withStore);
    podRequestTests(withStore, newBackend);
    maskedSecretsMigrationTests(newBackend);
    workloadWordsMigrationTests(newBackend);
  });
}

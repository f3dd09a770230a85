import assert from 'node:assert/strict';
import { test } from 'node:test';
import { holdsRequests, podRequest } from '../resources/pod-requests.ts';
import type { PodRequestSum, Store, StoredResource, Within } from '../store.ts';
import {
  type Backend,
  NODES,
  nodeRecord,
  PODS,
  type PodSpec,
  podRecord,
  remove,
  UNDO_AFTER_0006,
  upsert,
} from './store-fixtures.ts';

type Sums = Record<string, { pods: number; cpu: number; memory: number }>;

/** The kept sums as `cluster/namespace` → totals. */
const keyed = (sums: PodRequestSum[]): Sums =>
  Object.fromEntries(
    sums.map((s) => [
      `${s.clusterId}/${s.namespace}`,
      { pods: s.pods, cpu: s.cpuMillicores, memory: s.memoryBytes },
    ]),
  );

/** The same sums recomputed from every stored pod row: what the kept sums must always equal. */
async function fromRows(store: Store, within?: Within): Promise<Sums> {
  const rows: StoredResource[] = [];
  let token: string | undefined;
  do {
    const page = await store.resources.search({
      types: [{ group: '', resource: 'pods' }],
      limit: 1000,
      ...(within && { within }),
      ...(token && { continue: token }),
    });
    rows.push(...page.items);
    token = page.continue;
  } while (token);
  const sums: Sums = {};
  for (const row of rows) {
    if (!holdsRequests(row.phase)) continue;
    const request = podRequest(row.object);
    const key = `${row.clusterId}/${row.namespace}`;
    const sum = sums[key] ?? { pods: 0, cpu: 0, memory: 0 };
    sum.pods += 1;
    sum.cpu += request.cpuMillicores;
    sum.memory += request.memoryBytes;
    sums[key] = sum;
  }
  return sums;
}

const Mi = 2 ** 20;
const pod = (spec: PodSpec) => podRecord(spec);

/** Pod request sums: kept per (cluster, namespace) as pods change, and counted only while pods run. */
export function podRequestTests(
  withStore: (run: (store: Store, backend: Backend) => Promise<void>) => Promise<void>,
  newBackend: () => Promise<Backend>,
): void {
  test('pod requests: sums follow creates, updates, phase changes and deletes', () =>
    withStore(async (store) => {
      const web = pod({ namespace: 'a', name: 'web', requests: [{ cpu: '100m', memory: '128Mi' }] });
      const api = pod({
        namespace: 'a',
        name: 'api',
        requests: [{ cpu: '250m' }, { cpu: '0.5', memory: '1Gi' }],
        phase: 'Pending',
      });
      const done = pod({ namespace: 'a', name: 'done', requests: [{ cpu: '1' }], phase: 'Succeeded' });
      const batch = pod({ namespace: 'b', name: 'batch', requests: [{ cpu: '1', memory: '1G' }] });
      const idle = pod({ namespace: 'c', name: 'idle' });
      await store.resources.applyChanges('c1', [web, api, done, batch, idle].map(upsert));
      await store.resources.applyChanges('c2', [
        upsert(pod({ namespace: 'a', name: 'web', requests: [{ cpu: '200m' }] })),
        upsert(nodeRecord('node-1', true)),
      ]);
      assert.deepEqual(keyed(await store.resources.podRequests()), {
        'c1/a': { pods: 2, cpu: 850, memory: 128 * Mi + 1024 * Mi },
        'c1/b': { pods: 1, cpu: 1000, memory: 1e9 },
        'c1/c': { pods: 1, cpu: 0, memory: 0 },
        'c2/a': { pods: 1, cpu: 200, memory: 0 },
      });
      assert.deepEqual(keyed(await store.resources.podRequests()), await fromRows(store));

      await store.resources.applyChanges('c1', [
        // A new request (resized), a pod that finishes, one that finished coming back (a re-created
        // pod of the same name), a pod deleted, and an unchanged resourceVersion that is not rewritten.
        upsert(pod({ namespace: 'a', name: 'web', requests: [{ cpu: '300m' }], resourceVersion: '2' })),
        upsert({ ...api, phase: 'Failed', resourceVersion: '2' }),
        upsert({ ...done, phase: 'Running', resourceVersion: '2' }),
        remove(batch),
        upsert(pod({ namespace: 'c', name: 'idle', requests: [{ cpu: '9' }] })),
        // Several changes to one key in a batch: the last one counts.
        upsert(pod({ namespace: 'd', name: 'x', requests: [{ cpu: '1' }] })),
        upsert(pod({ namespace: 'd', name: 'x', requests: [{ cpu: '2' }], resourceVersion: '2' })),
      ]);
      assert.deepEqual(keyed(await store.resources.podRequests({ clusterIds: ['c1'] })), {
        'c1/a': { pods: 2, cpu: 1300, memory: 0 },
        'c1/c': { pods: 1, cpu: 0, memory: 0 },
        'c1/d': { pods: 1, cpu: 2000, memory: 0 },
      });
      assert.deepEqual(keyed(await store.resources.podRequests()), await fromRows(store));

      // Other kinds never count, even with a pod-like object.
      await store.resources.applyChanges('c1', [
        upsert({ ...pod({ namespace: 'a', name: 'job', requests: [{ cpu: '5' }] }), ...NODES, kind: 'Node' }),
      ]);
      assert.equal((await store.resources.podRequests({ clusterIds: ['c1'] }))[0]?.cpuMillicores, 1300);
      await store.resources.applyChanges('c1', [remove(web), remove(done), remove(idle)]);
      assert.deepEqual(
        keyed(await store.resources.podRequests({ clusterIds: ['c1'] })),
        { 'c1/d': { pods: 1, cpu: 2000, memory: 0 } },
        'a namespace without pods holding requests has no row',
      );
    }));

  test('pod requests: a relist reconciles them, purging a type or a cluster drops them', () =>
    withStore(async (store) => {
      const many = Array.from({ length: 2500 }, (_, i) =>
        pod({
          namespace: `ns-${i % 4}`,
          name: `p-${i}`,
          requests: [{ cpu: `${(i % 7) * 50}m`, memory: `${i % 5}Mi` }],
          phase: i % 10 === 0 ? 'Succeeded' : 'Running',
        }),
      );
      await store.resources.replaceAll('c1', PODS, many, '1');
      await store.resources.applyChanges('c2', many.slice(0, 10).map(upsert));
      assert.deepEqual(keyed(await store.resources.podRequests()), await fromRows(store));
      assert.equal((await store.resources.podRequests({ clusterIds: ['c1'] })).length, 4);

      async function* relist() {
        for (const record of many.slice(100, 2400)) {
          const i = Number(record.name.slice(2));
          if (i % 3 === 0) {
            yield pod({
              namespace: record.namespace,
              name: record.name,
              requests: [{ cpu: '1', memory: '1Gi' }],
              phase: i % 2 ? 'Failed' : 'Running',
              resourceVersion: '2',
            });
          } else yield record;
        }
        yield pod({ namespace: 'ns-new', name: 'fresh', requests: [{ cpu: '3' }] });
      }
      await store.resources.replaceAll('c1', PODS, relist(), '2');
      const after = keyed(await store.resources.podRequests());
      assert.deepEqual(after, await fromRows(store));
      assert.deepEqual(after['c1/ns-new'], { pods: 1, cpu: 3000, memory: 0 });

      // A type no longer served is purged by an empty relist; a removed cluster by purgeCluster.
      await store.resources.replaceAll('c1', PODS, [], '');
      assert.deepEqual(
        Object.keys(keyed(await store.resources.podRequests())).filter((k) => k.startsWith('c1/')),
        [],
      );
      await store.resources.applyChanges('c1', many.slice(0, 3).map(upsert));
      await store.resources.purgeCluster('c2');
      assert.deepEqual(keyed(await store.resources.podRequests()), await fromRows(store));
      assert.deepEqual([...new Set((await store.resources.podRequests()).map((s) => s.clusterId))], ['c1']);
      const cluster = await store.clusters.create({
        name: 'gone',
        serverUrl: 'https://x',
        credentials: new Uint8Array(),
      });
      await store.resources.applyChanges(cluster.id, many.slice(0, 3).map(upsert));
      await store.clusters.delete(cluster.id);
      assert.deepEqual(await store.resources.podRequests({ clusterIds: [cluster.id] }), []);
    }));

  test('pod requests: within a caller’s clusters and namespaces', () =>
    withStore(async (store) => {
      for (const cluster of ['c1', 'c2', 'c3']) {
        await store.resources.applyChanges(
          cluster,
          ['a', 'b', 'c'].map((namespace) =>
            upsert(pod({ namespace, name: 'p', requests: [{ cpu: '100m', memory: '1Mi' }] })),
          ),
        );
      }
      const within: Within = {
        clusterIds: ['c1'],
        namespaces: [
          { clusterId: 'c2', namespace: 'b' },
          { clusterId: 'c2', namespace: 'c' },
          { clusterId: 'c1', namespace: 'a' },
          { clusterId: 'c3', namespace: '' },
        ],
      };
      const keys = async (filter: Parameters<Store['resources']['podRequests']>[0]) =>
        Object.keys(keyed(await store.resources.podRequests(filter)));
      assert.deepEqual(await keys({ within }), ['c1/a', 'c1/b', 'c1/c', 'c2/b', 'c2/c']);
      assert.deepEqual(await keys({ within, clusterIds: ['c2', 'c3'] }), ['c2/b', 'c2/c']);
      assert.deepEqual(await keys({ within, clusterIds: ['c3'] }), []);
      assert.deepEqual(await keys({ within: { clusterIds: [], namespaces: [] } }), []);
      assert.deepEqual(keyed(await store.resources.podRequests({ within })), await fromRows(store, within));
    }));

  test('pod requests: migration 0003 fills them in for pods stored before it', async () => {
    const backend = await newBackend();
    try {
      let store = await backend.open();
      try {
        await store.resources.applyChanges('c1', [
          upsert(pod({ namespace: 'a', name: 'web', requests: [{ cpu: '100m', memory: '128Mi' }] })),
          upsert(pod({ namespace: 'a', name: 'done', requests: [{ cpu: '1' }], phase: 'Succeeded' })),
          upsert(pod({ namespace: 'b', name: 'init', initContainers: [{ requests: { cpu: '2' } }] })),
          upsert(nodeRecord('node-1', true)),
        ]);
        await store.resources.applyChanges('c2', [upsert(pod({ namespace: 'a', name: 'web' }))]);
      } finally {
        await store.close();
      }
      // Back to the schema before 0003, with the rows still there (0004 to 0006, after it, go too).
      await backend.exec(
        ...UNDO_AFTER_0006,
        `delete from kysely_migration where name = '0006-masked-secrets'`,
        'alter table resources add column object text',
        'update resources set object = (select cast(o.object as text) from resource_objects o where o.id = resources.id)',
        'drop table resource_objects',
        `delete from kysely_migration where name = '0005-resource-objects'`,
        'drop table resource_namespace_counts',
        `delete from kysely_migration where name = '0004-namespace-counts'`,
        'drop table pod_requests',
        'alter table resources drop column cpu_request',
        'alter table resources drop column memory_request',
        `delete from kysely_migration where name = '0003-pod-requests'`,
      );
      store = await backend.open();
      try {
        assert.deepEqual(keyed(await store.resources.podRequests()), {
          'c1/a': { pods: 1, cpu: 100, memory: 128 * Mi },
          'c1/b': { pods: 1, cpu: 2000, memory: 0 },
          'c2/a': { pods: 1, cpu: 0, memory: 0 },
        });
        // The rows carry their requests too, so later changes subtract the right amounts.
        await store.resources.applyChanges('c1', [
          remove(pod({ namespace: 'a', name: 'web' })),
          upsert(pod({ namespace: 'a', name: 'done', requests: [{ cpu: '1' }], resourceVersion: '2' })),
        ]);
        assert.deepEqual(keyed(await store.resources.podRequests()), await fromRows(store));
      } finally {
        await store.close();
      }
    } finally {
      await backend.destroy();
    }
  });
}

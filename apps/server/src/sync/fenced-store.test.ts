import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openStore } from '#server/store/open-store.ts';
import { nodeRecord, PODS, podRecord, upsert } from '#server/store/testing/store-fixtures.ts';
import { FencedWriteError, fencedStore } from './fenced-store.ts';

test('a fenced store reads and writes like the store while the lease holds, and refuses writes once it is lost', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fenced-store-'));
  const store = await openStore({ dataDir: dir });
  try {
    let holds = true;
    let refusals = 0;
    const fenced = fencedStore(
      store,
      'c1',
      async () => holds,
      () => refusals++,
    );
    await fenced.resources.applyChanges('c1', [upsert(nodeRecord('n1', true))]);
    await fenced.syncStates.put('c1', PODS, { resourceVersion: '3' });
    // Reads go through the real tables, methods on their prototypes included.
    assert.equal((await fenced.syncStates.get('c1', PODS))?.resourceVersion, '3');
    assert.equal((await fenced.syncStates.list('c1')).length, 1);
    assert.deepEqual(
      (await fenced.resources.counts()).map((c) => [c.clusterId, c.resource, c.count]),
      [['c1', 'nodes', 1]],
    );

    holds = false;
    await assert.rejects(
      fenced.resources.applyChanges('c1', [upsert(podRecord({ namespace: 'a', name: 'p' }))]),
      FencedWriteError,
    );
    await assert.rejects(fenced.syncStates.put('c1', PODS, { resourceVersion: '4' }), FencedWriteError);
    assert.equal(refusals, 2);
    assert.equal(
      (await store.syncStates.get('c1', PODS))?.resourceVersion,
      '3',
      'nothing written once fenced',
    );
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});

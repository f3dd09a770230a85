import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Cluster } from '#server/store/store.ts';
import { clusterChanges } from './registry-refresh.ts';

const cluster = (id: string, sealed: string) =>
  ({ id, name: id, credentials: new TextEncoder().encode(sealed) }) as Cluster;

test('a replica opens clusters registered elsewhere and those whose kubeconfig was replaced, and closes removed ones', () => {
  const opened = new Map([
    ['kept', 'v1:same'],
    ['rekeyed', 'v1:old'],
    ['removed', 'v1:gone'],
  ]);
  const changes = clusterChanges(
    [cluster('kept', 'v1:same'), cluster('rekeyed', 'v1:new'), cluster('new', 'v1:fresh')],
    opened,
  );
  assert.deepEqual(
    changes.open.map((c) => c.id),
    ['rekeyed', 'new'],
  );
  assert.deepEqual(changes.close, ['removed']);
});

test('a cluster still being registered (no credentials sealed yet) is left alone', () => {
  const changes = clusterChanges([cluster('half', '')], new Map());
  assert.deepEqual(changes, { open: [], close: [] });
});

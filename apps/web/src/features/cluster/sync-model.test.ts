import assert from 'node:assert/strict';
import test from 'node:test';
import type { SyncAnswer } from './cluster-api.ts';
import { syncFreshness } from './sync-model.ts';

const UNREACHABLE = 'the API server at 10.0.0.1:6443 is unreachable: connect ECONNREFUSED';
const resource = (name: string, error: string | null, lastEventAt: string | null = null) => ({
  group: '',
  version: 'v1',
  resource: name,
  objectCount: 2,
  lastEventAt,
  lagMs: null,
  error,
});

test('one line per distinct error, with the kinds it stops, the most widespread first', () => {
  const answer: SyncAnswer = {
    cluster: 'far',
    engine: { state: 'syncing', error: UNREACHABLE, lastDiscoveryAt: null, resources: [] },
    resources: [
      resource('pods', UNREACHABLE, '2026-01-01T00:00:00Z'),
      resource('configmaps', UNREACHABLE, '2026-01-02T00:00:00Z'),
      resource('secrets', 'forbidden: cannot list secrets'),
      resource('services', UNREACHABLE),
      resource('nodes', null),
    ],
  };
  const freshness = syncFreshness(answer);
  assert.deepEqual(freshness.errors, [
    { message: UNREACHABLE, kinds: ['configmaps', 'pods', 'services'] },
    { message: 'forbidden: cannot list secrets', kinds: ['secrets'] },
  ]);
  assert.equal(freshness.latestEventAt, '2026-01-02T00:00:00Z');
  assert.equal(freshness.objects, 10);
});

test('the engine’s own error, when no kind shares it, comes first with no kinds', () => {
  const answer: SyncAnswer = {
    cluster: 'a',
    engine: { state: 'backoff', error: 'discovery failed', lastDiscoveryAt: null, resources: [] },
    resources: [resource('pods', null)],
  };
  assert.deepEqual(syncFreshness(answer).errors, [{ message: 'discovery failed', kinds: [] }]);
});

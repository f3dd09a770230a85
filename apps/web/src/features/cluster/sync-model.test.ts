import assert from 'node:assert/strict';
import test from 'node:test';
import type { SyncReasonCode } from '@portolan/api';
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
  assert.deepEqual(
    freshness.errors.map(({ message, kinds }) => ({ message, kinds })),
    [
      { message: UNREACHABLE, kinds: ['configmaps', 'pods', 'services'] },
      { message: 'forbidden: cannot list secrets', kinds: ['secrets'] },
    ],
  );
  assert.equal(freshness.latestEventAt, '2026-01-02T00:00:00Z');
  assert.equal(freshness.objects, 10);
});

test('the engine’s own error, when no kind shares it, comes first with no kinds', () => {
  const answer: SyncAnswer = {
    cluster: 'a',
    engine: { state: 'backoff', error: 'discovery failed', lastDiscoveryAt: null, resources: [] },
    resources: [resource('pods', null)],
  };
  assert.deepEqual(syncFreshness(answer).errors, [
    {
      key: 'engine:text:discovery failed',
      message: 'discovery failed',
      reasonCode: null,
      reasonParams: null,
      kinds: [],
    },
  ]);
});

const coded = (
  name: string,
  error: string,
  reasonCode: SyncReasonCode,
  reasonParams: Record<string, string | number>,
) => ({
  ...resource(name, error),
  reasonCode,
  reasonParams,
});

test('errors group by code and values, not by English: kinds refused alike share one line', () => {
  const forbidden = (name: string, verb = 'list') =>
    coded(name, `${name} is forbidden: cannot ${verb} resource "${name}"`, 'forbidden', {
      verb,
      resource: name,
      kind: name,
      status: 403,
      detail: `${name} is forbidden`,
    });
  const answer: SyncAnswer = {
    cluster: 'a',
    engine: { state: 'syncing', error: null, lastDiscoveryAt: null, resources: [] },
    resources: [
      forbidden('secrets'),
      forbidden('nodes'),
      forbidden('roles', 'watch'),
      resource('pods', null),
    ],
  };
  const errors = syncFreshness(answer).errors;
  assert.deepEqual(
    errors.map((group) => [group.reasonCode, group.reasonParams?.verb, group.kinds]),
    [
      ['forbidden', 'list', ['nodes', 'secrets']],
      ['forbidden', 'watch', ['roles']],
    ],
  );
});

test("the engine's failure met by every kind (an unreachable cluster) is one line with the kinds", () => {
  const params = { address: '10.0.0.1:6443', systemCode: 'ECONNREFUSED' };
  const answer: SyncAnswer = {
    cluster: 'far',
    engine: {
      state: 'backoff',
      error: 'discovery: unreachable',
      reasonCode: 'unreachable',
      reasonParams: params,
      lastDiscoveryAt: null,
      resources: [],
    },
    resources: [
      coded('pods', 'list: unreachable', 'unreachable', params),
      coded('nodes', 'watch: unreachable', 'unreachable', params),
    ],
  };
  const errors = syncFreshness(answer).errors;
  assert.equal(errors.length, 1);
  assert.deepEqual(errors[0]?.kinds, ['nodes', 'pods']);
  assert.equal(errors[0]?.reasonCode, 'unreachable');
});

/**
 * A cluster cut off from Portolan says why with a code and values beside the English, for the console
 * to word in the reader's language: GET /api/v1/clusters/NAME and a search's freshness both carry
 * `unreachable` with the address Portolan could not reach and the system's code.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Cluster, SearchAnswer } from '@portolan/api';
import { eventually, sharedSandboxes } from '@portolan/sandbox/testing';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';
import { type CutOffRelay, startCutOffRelay } from './testing/cut-off-relay.ts';

const sandbox = sharedSandboxes().clusters[0];
const name = `far-${randomBytes(3).toString('hex')}`;
let harness: Harness;
let relay: CutOffRelay;
let address: string;

before(async () => {
  assert.ok(sandbox, 'the test runner starts shared sandboxes');
  harness = await startHarness();
  relay = await startCutOffRelay(sandbox.kubeconfig);
  address = /server: https:\/\/([^\s]+)/.exec(relay.kubeconfig)?.[1] ?? '';
  const registered = await harness.call('POST', '/api/v1/clusters', { name, kubeconfig: relay.kubeconfig });
  assert.equal(registered.status, 201, JSON.stringify(registered.body));
  const ready = (await harness.call<Cluster>('GET', `/api/v1/clusters/${name}`)).body;
  assert.deepEqual(
    [ready.status, ready.reason, ready.reasonCode, ready.reasonParams],
    ['Ready', null, null, null],
  );
  relay.cut();
});

after(async () => {
  relay?.cut();
  await harness?.stop({ removeData: true });
});

test('the cut-off cluster is Offline with reasonCode unreachable, its address and the system code', async () => {
  const cluster = await eventually('the cluster to go Offline', async () => {
    const got = (await harness.call<Cluster>('GET', `/api/v1/clusters/${name}`)).body;
    // A probe in flight as the relay cut it meets a reset; the next ones find nothing listening.
    return got.status === 'Offline' && got.reasonParams?.systemCode !== 'ECONNRESET' ? got : undefined;
  });
  assert.equal(cluster.reasonCode, 'unreachable', cluster.reason ?? '');
  assert.deepEqual(cluster.reasonParams, { address, systemCode: 'ECONNREFUSED' });
  assert.match(
    cluster.reason ?? '',
    new RegExp(`the API server at ${address} is unreachable: connection refused`),
  );

  // The list says the same.
  const listed = await harness.call<{ items: Cluster[] }>('GET', `/api/v1/clusters?q=${name}`);
  assert.equal(listed.body.items.find((item) => item.name === name)?.reasonCode, 'unreachable');
});

test("a search's freshness of the cluster is stale, with the cluster's code and values", async () => {
  const answer = await harness.call<SearchAnswer>(
    'GET',
    `/api/v1/search?kinds=pods&clusters=${name}&limit=1`,
  );
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  const freshness = answer.body.clusters.find((entry) => entry.name === name);
  assert.equal(freshness?.status, 'stale');
  assert.match(freshness?.error ?? '', /^cluster is Offline: the API server at /);
  assert.equal(freshness?.reasonCode, 'unreachable');
  assert.deepEqual(freshness?.reasonParams, { address, systemCode: 'ECONNREFUSED' });
});

/**
 * Every sync failure gets a code and values beside its English: the API server's answers by status
 * (with the verb the request was, and the type), connection failures with the cluster reason's code,
 * and the store's failures as `store-failed`, even when the store's write is what carried a list's
 * failure up (then it is the cluster's, as it came).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KubeConnectionError } from '#server/kube/kube-connection-errors.ts';
import { KubeError } from '#server/kube/kube-errors.ts';
import { readInto, SyncStoreError, stored, syncReasonOfError } from './sync-reasons.ts';

const secrets = { verb: 'list', resource: 'secrets', kind: 'Secret', group: '' } as const;
const answer = (code: number, method = 'GET', reason?: string) =>
  new KubeError(
    { kind: 'Status', code, message: `secrets is refused (${code})`, ...(reason && { reason }) },
    { method, path: '/api/v1/secrets?limit=500', server: 'https://10.0.0.1:6443' },
  );

test('a 403 is forbidden with the verb, type and kind; a refused watch says watch', () => {
  assert.deepEqual(syncReasonOfError(answer(403), secrets), {
    error: 'secrets is refused (403)',
    reasonCode: 'forbidden',
    reasonParams: {
      verb: 'list',
      resource: 'secrets',
      kind: 'Secret',
      status: 403,
      detail: 'secrets is refused (403)',
    },
  });
  assert.equal(syncReasonOfError(answer(403, 'WATCH'), secrets).reasonParams.verb, 'watch');
});

test('401, 404 and any other status have codes of their own', () => {
  assert.equal(syncReasonOfError(answer(401), secrets).reasonCode, 'unauthorized');
  assert.equal(syncReasonOfError(answer(404), secrets).reasonCode, 'not-found');
  const busy = syncReasonOfError(answer(429, 'GET', 'TooManyRequests'), secrets);
  assert.equal(busy.reasonCode, 'api-error');
  assert.deepEqual([busy.reasonParams.status, busy.reasonParams.reason], [429, 'TooManyRequests']);
});

test("a connection failure keeps the cluster reason's code and values", () => {
  const refused = new KubeConnectionError('unreachable', '10.0.0.1:6443', 'refused', 'ECONNREFUSED');
  const reason = syncReasonOfError(refused, secrets);
  assert.equal(reason.reasonCode, 'unreachable');
  assert.deepEqual(reason.reasonParams, { address: '10.0.0.1:6443', systemCode: 'ECONNREFUSED' });
});

test("the store's failure is store-failed; a list page's failure met in the store's write stays the cluster's", async () => {
  const disk = new Error('disk I/O error');
  const caught = await stored(() => Promise.reject(disk)).catch((error: unknown) => error);
  assert.ok(caught instanceof SyncStoreError);
  assert.deepEqual(syncReasonOfError(caught, secrets).reasonParams, {
    resource: 'secrets',
    detail: 'disk I/O error',
  });

  async function* pages() {
    yield 1;
    throw answer(403);
  }
  const drain = async (items: AsyncIterable<number>) => {
    for await (const _ of items);
  };
  const listed = await readInto(pages(), drain).catch((error: unknown) => error);
  assert.equal(syncReasonOfError(listed, secrets).reasonCode, 'forbidden');
  const written = await readInto(
    (async function* () {
      yield 1;
    })(),
    () => Promise.reject(disk),
  ).catch((error: unknown) => error);
  assert.equal(syncReasonOfError(written, secrets).reasonCode, 'store-failed');
});

test('anything else is error with its words', () => {
  assert.deepEqual(syncReasonOfError(new Error('odd'), secrets), {
    error: 'odd',
    reasonCode: 'error',
    reasonParams: { detail: 'odd' },
  });
});

/**
 * Sessions on several replicas: a row names the replica running its shell, so a request that lands on
 * another replica is told where it runs (409, close 4009), and the rows of a replica that died are
 * ended as replica-lost. A real server and store; the other replica is a row, as it would be seen.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';
import { attachTerminal } from './testing/terminal-client.ts';

let harness: Harness;
let adminId: string;
before(async () => {
  harness = await startHarness();
  const admin = await harness.portolan.store.iam.users.getByUsername('admin');
  adminId = admin?.id ?? '';
});
after(() => harness?.stop({ removeData: true }));

const elsewhere = (id: string, startedAt = new Date()) =>
  harness.portolan.store.terminals.start({
    id,
    user: { id: adminId, name: 'admin' },
    cluster: 'c1',
    replica: 'replica-elsewhere',
    startedAt,
  });

test('a terminal running on another replica answers 409 naming it, and its WebSocket closes with 4009', async () => {
  await elsewhere('on-another-replica');
  const answer = await harness.call<{
    error: { code: string; message: string; replica: string; messageCode?: string; params?: object };
  }>('GET', '/api/v1/terminals/on-another-replica');
  assert.equal(answer.status, 409);
  assert.equal(answer.body.error.code, 'other-replica');
  assert.equal(answer.body.error.replica, 'replica-elsewhere');
  assert.match(answer.body.error.message, /runs on Portolan replica replica-elsewhere/);
  // The console words it from its code and values (issue #10).
  assert.equal(answer.body.error.messageCode, 'other-replica');
  assert.deepEqual(Object.keys(answer.body.error.params ?? {}).sort(), ['here', 'id', 'replica']);
  const files = await harness.call('GET', '/api/v1/terminals/on-another-replica/files');
  assert.equal(files.status, 409);
  const socket = await attachTerminal(harness, 'on-another-replica', harness.headers);
  const closed = await socket.closed;
  assert.equal(closed.code, 4009);
  assert.match(closed.reason, /replica-elsewhere/);
  // An id nobody has is 404, over HTTP and WebSocket alike.
  assert.equal((await harness.call('GET', '/api/v1/terminals/nobody-has-this')).status, 404);
  assert.equal((await (await attachTerminal(harness, 'nobody-has-this', harness.headers)).closed).code, 4004);
});

test('the sweep ends the open terminals of a replica that stopped heartbeating as replica-lost, and audits each', async () => {
  await elsewhere('of-a-dead-replica', new Date(Date.now() - 60_000));
  // Too young to judge: its replica may not have joined yet.
  await elsewhere('just-started');
  const ended = await harness.portolan.terminals.sweep();
  assert.equal(ended, 1, 'the rows started just now (here and above) are left alone');
  const row = await harness.portolan.store.terminals.get('of-a-dead-replica');
  assert.equal(row?.endReason, 'replica-lost');
  assert.equal((await harness.portolan.store.terminals.get('just-started'))?.endedAt, null);
  const audit = await harness.call<{ items: Array<{ resourceName: string | null; outcome: string }> }>(
    'GET',
    '/api/v1/audit?action=terminal.ended',
  );
  const record = audit.body.items.find((item) => item.resourceName === 'of-a-dead-replica');
  assert.equal(record?.outcome, 'failed');
});

/**
 * What a terminal's user may do, and when a terminal ends by itself, on a real sandbox cluster with
 * the real local sandbox runner: a namespace Viewer's kubectl is held to their namespace by the member
 * cluster's RBAC; losing access closes an open terminal (1008) and ends one nobody watches; the idle
 * timeout warns, then ends it; limits answer 429; a transcript is kept for Admins when it is on.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually } from '@portolan/sandbox/testing';
import { addMember, type Member } from '#server/testing/members.ts';
import type { Harness } from '#server/testing/portolan-harness.ts';
import { attachTerminal, openTerminal } from './testing/terminal-client.ts';
import { setUpTerminalTest, type TerminalTest } from './testing/terminal-cluster.ts';

let t: TerminalTest;
let harness: Harness;
let namespace: string;
const CLUSTER = 'term-access';

before(async () => {
  t = await setUpTerminalTest(CLUSTER, [
    '--terminal-idle-timeout',
    '6',
    '--terminal-transcripts',
    'true',
    '--terminal-max-per-user',
    '2',
    '--access-recheck-seconds',
    '1',
  ]);
  ({ harness, namespace } = t);
  await t.k('create', 'configmap', 'keep-me', '-n', namespace);
  await t.k('run', 'viewer-pod', '-n', namespace, '--image=busybox', '--restart=Never');
});
after(() => t?.cleanup());
const k = (...args: string[]) => t.k(...args);

const sessionOf = (member: Member) => ({ cookie: member.cookie, 'x-csrf-token': member.csrf });

/** Keeps a terminal from going idle while a slow command runs (the idle timeout is seconds here). */
function keepAwake(terminal: { send(control: object): void }): () => void {
  const timer = setInterval(() => terminal.send({ type: 'activity' }), 1000);
  return () => clearInterval(timer);
}

test('a namespace Viewer opens a terminal: kubectl reads their namespace, and the member cluster refuses a delete', async () => {
  const viewer = await addMember(harness, 'term-ns-viewer', 'Viewer', {
    level: 'namespace',
    cluster: CLUSTER,
    namespace,
  });
  const headers = sessionOf(viewer);
  const session = await openTerminal(harness, CLUSTER, headers);
  const terminal = await attachTerminal(harness, session.id, headers);
  const awake = keepAwake(terminal);
  try {
    await terminal.waitFor(/\$ $/m);
    terminal.type(`kubectl get pods -n ${namespace}; echo "get=$?"\n`);
    await terminal.waitFor(/get=\d/, { ms: 20_000 });
    assert.match(terminal.output, /viewer-pod/);
    assert.match(terminal.output, /get=0/);
    const from = terminal.output.length;
    terminal.type(`kubectl delete configmap keep-me -n ${namespace}; echo "delete=$?"\n`);
    await terminal.waitFor(/delete=\d/, { from, ms: 20_000 });
    const said = terminal.output.slice(from);
    assert.match(said, /Forbidden|forbidden/);
    assert.match(said, /portolan:term-ns-viewer/, 'refused by the member cluster, to the user themselves');
    assert.match(said, /delete=1/);
    await k('get', 'configmap', 'keep-me', '-n', namespace);
  } finally {
    awake();
    await terminal.close();
  }
});

test('disabling the user closes their open terminal with 1008 revoked, and ends one nobody is attached to', async () => {
  const member = await addMember(harness, 'term-disabled', 'Viewer', { level: 'cluster', cluster: CLUSTER });
  const headers = sessionOf(member);
  const watched = await openTerminal(harness, CLUSTER, headers);
  const unwatched = await openTerminal(harness, CLUSTER, headers);
  const terminal = await attachTerminal(harness, watched.id, headers);
  const awake = keepAwake(terminal);
  try {
    await terminal.waitForControl('attached');
    assert.equal(
      (await harness.call('PATCH', '/api/v1/users/term-disabled', { disabled: true })).status,
      200,
    );
    const closed = await Promise.race([
      terminal.closed,
      new Promise<never>((_resolve, reject) =>
        setTimeout(() => reject(new Error('still open 5 s later')), 5000),
      ),
    ]);
    assert.equal(closed.code, 1008);
    const ended = terminal.controls.find((control) => control.type === 'ended');
    assert.equal(ended?.type === 'ended' && ended.reason, 'revoked');
  } finally {
    awake();
  }
  // The other one has no browser: the periodic check of its token ends it.
  await eventually(
    'the unattached terminal to end',
    async () =>
      (await harness.portolan.store.terminals.get(unwatched.id))?.endReason === 'revoked' ? true : undefined,
    20_000,
  );
  const record = await harness.portolan.store.terminals.get(watched.id);
  assert.equal(record?.endReason, 'revoked');
  const audit = await harness.call<{
    items: Array<{ action: string; resourceName: string | null; detail: string | null }>;
  }>('GET', `/api/v1/audit?action=terminal.ended&limit=50`);
  const mine = audit.body.items.filter((item) => item.resourceName === unwatched.id);
  assert.equal(mine.length, 1, JSON.stringify(audit.body.items.slice(0, 3)));
  assert.match(mine[0]?.detail ?? '', /^revoked: .*bytes in, \d+ bytes out$/);
});

test('the idle timeout warns, then ends the terminal as idle; activity puts it off', async () => {
  const session = await openTerminal(harness, CLUSTER, harness.headers);
  const terminal = await attachTerminal(harness, session.id, harness.headers);
  const started = Date.now();
  // Activity at about 2 s starts the 6 s clock again.
  setTimeout(() => terminal.send({ type: 'activity' }), 2000);
  const warning = await terminal.waitForControl('idle-warning', 10_000);
  assert.equal(warning.secondsLeft, 3);
  const closed = await terminal.closed;
  const lasted = Date.now() - started;
  assert.equal(closed.code, 1000);
  const ended = terminal.controls.find((control) => control.type === 'ended');
  assert.ok(ended?.type === 'ended');
  assert.equal(ended.reason, 'idle');
  assert.match(ended.message, /no input for 6 s/);
  assert.ok(lasted >= 7500 && lasted < 12_000, `ended ${lasted} ms after opening`);
});

test('a user past the limit gets 429 saying which limit and how to end one; an Admin reads the transcript of an ended terminal', async () => {
  const member = await addMember(harness, 'term-limited', 'Viewer', { level: 'cluster', cluster: CLUSTER });
  const headers = sessionOf(member);
  const first = await openTerminal(harness, CLUSTER, headers);
  await openTerminal(harness, CLUSTER, headers);
  const third = await fetch(`${harness.url}/api/v1/clusters/${CLUSTER}/terminals`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: '{}',
  });
  assert.equal(third.status, 429);
  const { error } = (await third.json()) as { error: { code: string; message: string } };
  assert.equal(error.code, 'too-many-terminals');
  assert.match(error.message, /--terminal-max-per-user/);
  assert.match(error.message, /DELETE \/api\/v1\/terminals/);

  const terminal = await attachTerminal(harness, first.id, headers);
  terminal.type('echo transcript-$((40+2)); exit\n');
  const closed = await terminal.closed;
  assert.equal(closed.code, 1000);
  const ended = terminal.controls.find((control) => control.type === 'ended');
  assert.equal(ended?.type === 'ended' && ended.reason, 'exit');
  const transcript = await fetch(`${harness.url}/api/v1/terminals/${first.id}/transcript`, {
    headers: harness.headers,
  });
  assert.equal(transcript.status, 200);
  assert.match(transcript.headers.get('content-type') ?? '', /text\/plain/);
  assert.match(await transcript.text(), /transcript-42/);
  const refused = await fetch(`${harness.url}/api/v1/terminals/${first.id}/transcript`, { headers });
  assert.equal(refused.status, 403);
});

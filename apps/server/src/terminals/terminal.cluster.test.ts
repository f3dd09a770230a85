/**
 * Web terminals end to end on a real sandbox cluster, through the real local sandbox runner: kubectl
 * in the shell reaches the cluster through Portolan's proxy as the user; re-attaching finds the same
 * shell with its scrollback; files go in and out; the session's own token dies with it.
 */
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { TERMINAL_UPLOAD_LIMIT } from '@portolan/api';
import { eventually, sharedSandboxes } from '@portolan/sandbox/testing';
import { openStore } from '#server/store/open-store.ts';
import { addMember, type Member } from '#server/testing/members.ts';
import { startHarness } from '#server/testing/portolan-harness.ts';
import { attachTerminal, openTerminal } from './testing/terminal-client.ts';
import { setUpTerminalTest, type TerminalTest } from './testing/terminal-cluster.ts';

let t: TerminalTest;
let viewer: Member;
before(async () => {
  t = await setUpTerminalTest('terminal');
  await t.k('run', 'web-terminal-pod', '-n', t.namespace, '--image=busybox', '--restart=Never');
  viewer = await addMember(t.harness, 'term-viewer', 'Viewer', { level: 'cluster', cluster: t.cluster });
});
after(async () => {
  await t?.cleanup();
});

const admin = () => t.harness.headers;
const cookieOf = (member: Member) => ({ cookie: member.cookie, 'x-csrf-token': member.csrf });

test('an admin opens a terminal and kubectl get pods -A lists a real pod of the cluster', async () => {
  const session = await openTerminal(t.harness, t.cluster, admin());
  assert.equal(session.cluster, t.cluster);
  const terminal = await attachTerminal(t.harness, session.id, admin());
  try {
    await terminal.waitForControl('attached');
    await terminal.waitFor(/\$ $/m);
    terminal.type('kubectl get pods -A\n');
    await terminal.waitFor(/web-terminal-pod/, { ms: 20_000 });
    assert.match(terminal.output, new RegExp(t.namespace));
  } finally {
    await terminal.close();
    assert.equal((await t.send('DELETE', `/api/v1/terminals/${session.id}`)).status, 204);
  }
});

test('attaching again finds the same shell, with the scrollback; a newer browser replaces the older one (4001)', async () => {
  const session = await openTerminal(t.harness, t.cluster, admin());
  const first = await attachTerminal(t.harness, session.id, admin());
  first.type('export PORTOLAN_MARK=still-here-42; echo set-$((6*7))\n');
  await first.waitFor(/set-42/);
  const second = await attachTerminal(t.harness, session.id, admin());
  assert.equal((await first.closed).code, 4001, 'the older browser is told it was replaced');
  const attached = await second.waitForControl('attached');
  assert.ok(attached.scrollbackBytes > 0);
  await second.waitFor(/set-42/);
  const from = second.output.length;
  second.type('echo "mark=$PORTOLAN_MARK"\n');
  await second.waitFor(/mark=still-here-42/, { from });
  await second.close();
  const listed = await t.send('GET', '/api/v1/terminals');
  assert.equal(listed.status, 200);
  const item = listed.body.items.find((one: { id: string }) => one.id === session.id);
  assert.equal(item?.attached, false, 'detached, not ended');
  // A third attach after the socket closed: still the same shell.
  const third = await attachTerminal(t.harness, session.id, admin());
  const again = third.output.length;
  third.type('echo "again=$PORTOLAN_MARK"\n');
  await third.waitFor(/again=still-here-42/, { from: again });
  await third.close();
  assert.equal((await t.send('DELETE', `/api/v1/terminals/${session.id}`)).status, 204);
});

test('a file uploaded into the home is there for cat; a file the shell wrote downloads by name; paths out of the home are refused', async () => {
  const session = await openTerminal(t.harness, t.cluster, admin());
  const terminal = await attachTerminal(t.harness, session.id, admin());
  const files = `/api/v1/terminals/${session.id}/files`;
  try {
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: uploaded-by-test\n';
    const put = await t.send(
      'PUT',
      `${files}/content?path=manifests/cm.yaml`,
      manifest,
      'application/octet-stream',
    );
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.path, 'manifests/cm.yaml');
    assert.equal(put.body.size, manifest.length);
    await terminal.waitFor(/\$ $/m);
    terminal.type('cat manifests/cm.yaml; echo "hello from the shell" > out.txt; echo written\n');
    await terminal.waitFor(/name: uploaded-by-test/);
    await terminal.waitFor(/^written/m);
    const json = '{ "kind": "List",\n  "items": [] }\n';
    const asJson = await t.send('PUT', `${files}/content?path=list.json`, json, 'application/json');
    assert.equal(asJson.status, 200, JSON.stringify(asJson.body));
    assert.equal(asJson.body.size, json.length, 'a JSON file is stored as its bytes');
    const listed = await t.send('GET', files);
    assert.equal(listed.status, 200);
    const paths = listed.body.items.map((file: { path: string }) => file.path);
    assert.ok(paths.includes('out.txt') && paths.includes('manifests/cm.yaml'), paths.join(', '));
    const download = await fetch(`${t.harness.url}${files}/content?path=out.txt`, { headers: admin() });
    assert.equal(download.status, 200);
    assert.match(download.headers.get('content-disposition') ?? '', /filename="out\.txt"/);
    assert.equal(await download.text(), 'hello from the shell\n');
    for (const bad of ['../escape.txt', '/etc/passwd', 'a/../../b']) {
      const refused = await t.send(
        'PUT',
        `${files}/content?path=${encodeURIComponent(bad)}`,
        'x',
        'text/plain',
      );
      assert.equal(refused.status, 400, `${bad}: ${JSON.stringify(refused.body)}`);
      assert.equal(refused.body.error.field, 'path');
    }
    const tooBig = await t.send(
      'PUT',
      `${files}/content?path=big.bin`,
      'x'.repeat(TERMINAL_UPLOAD_LIMIT + 1),
      'application/octet-stream',
    );
    assert.equal(tooBig.status, 413);
    assert.match(tooBig.body.error.message, /larger than 10 MiB, the most a terminal takes in one upload/);
    const missing = await t.send('GET', `${files}/content?path=not-there.txt`);
    assert.equal(missing.status, 404);
    const audit = await t.send('GET', `/api/v1/audit?cluster=${t.cluster}&limit=100`);
    const details = audit.body.items
      .filter((item: { resourceName: string | null }) => item.resourceName === session.id)
      .map((item: { detail: string | null }) => item.detail);
    assert.ok(details.includes(`uploaded manifests/cm.yaml (${manifest.length} bytes)`), details.join('; '));
    assert.ok(details.includes('downloaded out.txt (21 bytes)'), details.join('; '));
  } finally {
    await terminal.close();
    await t.send('DELETE', `/api/v1/terminals/${session.id}`);
  }
});

test('someone else’s terminal is 404 to them; history and transcripts are for Admins only; open and end are audited; the token dies with the session', async () => {
  const session = await openTerminal(t.harness, t.cluster, admin());
  const terminal = await attachTerminal(t.harness, session.id, admin());
  terminal.type(`awk '/token:/ { print "TOKEN=" $2 }' ~/.kube/config\n`);
  const line = await terminal.waitFor(/TOKEN=ptl_[\w-]+/);
  const token = line.replace('TOKEN=', '');
  assert.ok(
    await t.harness.portolan.iam.tokens.validate(token),
    'the session’s token works while it is open',
  );
  await terminal.close();

  const other = cookieOf(viewer);
  const call = (method: string, path: string) => fetch(`${t.harness.url}${path}`, { method, headers: other });
  assert.equal((await call('GET', `/api/v1/terminals/${session.id}`)).status, 404);
  assert.equal((await call('DELETE', `/api/v1/terminals/${session.id}`)).status, 404);
  assert.equal((await call('GET', `/api/v1/terminals/${session.id}/files`)).status, 404);
  const theirs = await attachTerminal(t.harness, session.id, other);
  assert.equal((await theirs.closed).code, 4004);
  assert.equal((await call('GET', '/api/v1/terminals/history')).status, 403);
  assert.equal((await call('GET', `/api/v1/terminals/${session.id}/transcript`)).status, 403);

  assert.equal((await t.send('DELETE', `/api/v1/terminals/${session.id}`)).status, 204);
  assert.equal(
    await t.harness.portolan.iam.tokens.validate(token),
    undefined,
    'revoked when the session ended',
  );
  assert.equal((await t.send('GET', `/api/v1/terminals/${session.id}`)).status, 404, 'ended');

  const history = await t.send('GET', '/api/v1/terminals/history?limit=10');
  assert.equal(history.status, 200);
  const record = history.body.items.find((item: { id: string }) => item.id === session.id);
  assert.equal(record?.endReason, 'closed');
  assert.equal(record?.user.name, 'admin');
  assert.ok(record.bytesIn > 20, `bytes in ${record.bytesIn}`);
  assert.ok(record.bytesOut > 100, `bytes out ${record.bytesOut}`);
  assert.equal(record.hasTranscript, false, 'transcripts are off by default');

  await eventually('the audit records of open and end', async () => {
    const audit = await t.send('GET', `/api/v1/audit?cluster=${t.cluster}&limit=200`);
    const mine = audit.body.items.filter(
      (item: { resourceName?: string }) => item.resourceName === session.id,
    );
    const verbs = mine.map((item: { verb: string }) => item.verb).sort();
    return verbs.includes('POST') && verbs.includes('DELETE') ? true : undefined;
  });
});

test('a server that stops ends its terminals as server-stopping, telling the attached browser', async () => {
  const { clusters } = sharedSandboxes();
  // SQLite, so the store can be read again once the server has stopped.
  const other = await startHarness({ store: 'sqlite' });
  let stopped = false;
  try {
    await other.register('term-stopping', clusters[0]?.kubeconfig ?? '');
    const session = await openTerminal(other, 'term-stopping', other.headers);
    const terminal = await attachTerminal(other, session.id, other.headers);
    await terminal.waitForControl('attached');
    await other.stop({ removeData: false });
    stopped = true;
    const closed = await terminal.closed;
    assert.equal(closed.code, 1000);
    const ended = terminal.controls.find((control) => control.type === 'ended');
    assert.equal(ended?.type === 'ended' && ended.reason, 'server-stopping');
    const store = await openStore({ dataDir: other.dataDir, databaseUrl: undefined });
    try {
      assert.equal(
        (await store.terminals.get(session.id))?.endReason,
        'server-stopping',
        'recorded before the store closed',
      );
    } finally {
      await store.close();
    }
  } finally {
    if (!stopped) await other.stop({ removeData: true });
    else await rm(other.dataDir, { recursive: true, force: true });
  }
});

/**
 * Long-lived answers that reach a cluster end when their caller loses access, and a session cookie
 * opens an exec only from Portolan's own origin. Real sandbox, real kwok exec and logs.
 */
import assert from 'node:assert/strict';
import { access, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eventually } from '@portolan/sandbox/testing';
import WebSocket from 'ws';
import { addMember, type Member, revokeToken } from '#server/testing/members.ts';
import { type RouteTest, setUpRouteTest } from '../../testing/route-server.ts';

let t: RouteTest;
/** A platform Admin: acts on the cluster with Portolan's credentials, so no RBAC to wait for. */
let ada: Member;
before(async () => {
  t = await setUpRouteTest('live-access');
  await t.k('run', 'shell', '-n', t.namespace, '--image=busybox', '--restart=Never');
  await eventually('the pod to run', async () =>
    (await t.k('get', 'pod', 'shell', '-n', t.namespace, '-o', 'jsonpath={.status.phase}')) === 'Running'
      ? true
      : undefined,
  );
  ada = await addMember(t.harness, 'live-admin', 'Admin', { level: 'platform' });
});
after(async () => {
  await t?.cleanup();
});

const podPath = () => `${t.base}/pods/${t.namespace}/shell`;
const execUrl = (command: string[]) => {
  const query = new URLSearchParams(command.map((part): [string, string] => ['command', part]));
  return `${t.harness.url.replace(/^http/, 'ws')}${podPath()}/exec?${query}`;
};
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/** Waits for `promise`, failing (rather than hanging) when it takes longer than `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: still open ${ms} ms later`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** An exec run to its end: the handshake's refusal status, or what it printed and its status frame. */
function runExec(
  command: string[],
  headers: Record<string, string>,
): Promise<{ refused?: number; stdout: string; status?: { status: string } }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(execUrl(command), ['v5.channel.k8s.io'], { headers });
    let stdout = '';
    let status: { status: string } | undefined;
    socket.on('unexpected-response', (_request, response) => {
      resolve({ refused: response.statusCode ?? 0, stdout });
      response.resume();
    });
    socket.on('message', (data: Buffer) => {
      if (data[0] === 1) stdout += data.subarray(1).toString('utf8');
      if (data[0] === 3) status = JSON.parse(data.subarray(1).toString('utf8'));
    });
    socket.on('close', () => resolve({ stdout, ...(status ? { status } : {}) }));
    socket.on('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

test('a cross-origin exec upgrade with the session cookie is refused with 403 and runs nothing; the own origin and bearer tokens work', async () => {
  const marker = path.join(os.tmpdir(), `portolan-cross-origin-${process.pid}-${Date.now()}`);
  const touch = ['touch', marker];
  const crossSite = await runExec(touch, { cookie: ada.cookie, origin: 'http://evil.example' });
  assert.equal(crossSite.refused, 403);
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(await exists(marker), false, 'the command did not run');

  const own = await runExec(touch, { cookie: ada.cookie, origin: new URL(t.harness.url).origin });
  assert.equal(own.refused, undefined);
  assert.equal(own.status?.status, 'Success');
  assert.equal(await exists(marker), true, 'the same command runs from Portolan’s own page');
  await rm(marker, { force: true });

  const cli = await runExec(['echo', 'hi'], { ...t.harness.headers, origin: 'http://evil.example' });
  assert.equal(cli.stdout, 'hi\n', 'a bearer token is not a browser session');
});

test('an open exec ends with a 401 status frame once its token is revoked', async () => {
  const token = await ada.newToken();
  const socket = new WebSocket(execUrl(['cat']), ['v5.channel.k8s.io'], { headers: bearer(token.token) });
  let stdout = '';
  let status: { code?: number; message?: string } | undefined;
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  socket.on('message', (data: Buffer) => {
    if (data[0] === 1) stdout += data.subarray(1).toString('utf8');
    if (data[0] === 3) status = JSON.parse(data.subarray(1).toString('utf8'));
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send('ping\n');
  await eventually('the command to echo', async () => (stdout.includes('ping') ? true : undefined));

  await revokeToken(t.harness, token);
  const code = await within(closed, 3000, 'the exec after its token was revoked');
  assert.equal(code, 1008);
  assert.equal(status?.code, 401);
  assert.match(status?.message ?? '', /revoked/);
});

test('a followed log ends once its token is revoked', async () => {
  const token = await ada.newToken();
  const response = await fetch(`${t.harness.url}${podPath()}/logs?follow=true`, {
    headers: bearer(token.token),
  });
  assert.equal(response.status, 200);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const first = await reader.read();
  assert.equal(first.done, false, 'the log started');
  const ended = (async () => {
    for (;;) if ((await reader.read()).done) return;
  })().catch(() => undefined);
  const stillOpen = await Promise.race([
    ended.then(() => false),
    new Promise((resolve) => setTimeout(() => resolve(true), 1000)),
  ]);
  assert.equal(stillOpen, true, 'the followed log holds open by itself');

  await revokeToken(t.harness, token);
  await within(ended, 3000, 'the followed log after its token was revoked');
});

/** A watch of the namespace's ConfigMaps through the proxy, open and holding. */
async function proxiedWatch(token: string): Promise<IncomingMessage> {
  const url = `${t.harness.portolan.proxyUrl}/k8s/clusters/${t.cluster}/api/v1/namespaces/${t.namespace}/configmaps?watch=true`;
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    https.get(url, { headers: bearer(token), rejectUnauthorized: false }, resolve).once('error', reject);
  });
  assert.equal(response.statusCode, 200);
  response.resume();
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(response.complete, false, 'the watch is open');
  return response;
}

test('a watch through the Kubernetes API proxy ends once its token is revoked', async () => {
  const token = await ada.newToken();
  const response = await proxiedWatch(token.token);
  const ended = new Promise<void>((resolve) => response.once('close', () => resolve()));

  await revokeToken(t.harness, token);
  await within(ended, 3000, 'the proxied watch after its token was revoked');
});

test('a watch through the proxy ends when a binding of its caller in that cluster is deleted', async () => {
  const bea = await addMember(t.harness, 'live-bea', 'Admin', { level: 'platform' });
  const extra = await t.harness.call<{ id: string }>('POST', '/api/v1/rolebindings', {
    subject: { kind: 'user', name: 'live-bea' },
    role: 'Viewer',
    scope: { level: 'namespace', cluster: t.cluster, namespace: t.namespace },
  });
  assert.equal(extra.status, 201, JSON.stringify(extra.body));
  const token = await bea.newToken();
  const response = await proxiedWatch(token.token);
  const ended = new Promise<void>((resolve) => response.once('close', () => resolve()));
  assert.equal((await t.harness.call('DELETE', `/api/v1/rolebindings/${extra.body.id}`)).status, 204);
  // The member cluster authorized the watch once; it must be asked again with the access as it is now.
  await within(ended, 3000, 'the proxied watch after a binding was deleted');
});

test('the proxy refuses a cross-origin upgrade that carries the session cookie', async () => {
  const url = `${t.harness.portolan.proxyUrl}/k8s/clusters/${t.cluster}/api/v1/namespaces/${t.namespace}/pods/shell/exec?command=true&stdout=true`;
  const status = await new Promise<number>((resolve, reject) => {
    const request = https.get(url, {
      rejectUnauthorized: false,
      headers: {
        cookie: ada.cookie,
        origin: 'http://evil.example',
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        'sec-websocket-protocol': 'v5.channel.k8s.io',
      },
    });
    request.once('upgrade', () => reject(new Error('upgraded')));
    request.once('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.once('error', reject);
  });
  assert.equal(status, 403);
});

test('an open change stream stops delivering a namespace once the binding to it is deleted, and goes on with the rest', async () => {
  const other = `${t.namespace}-b`;
  await t.k('create', 'namespace', other);
  const cleo = await addMember(t.harness, 'live-cleo', 'Viewer', {
    level: 'namespace',
    cluster: t.cluster,
    namespace: t.namespace,
  });
  const second = await t.harness.call('POST', '/api/v1/rolebindings', {
    subject: { kind: 'user', name: 'live-cleo' },
    role: 'Viewer',
    scope: { level: 'namespace', cluster: t.cluster, namespace: other },
  });
  assert.equal(second.status, 201, JSON.stringify(second.body));
  const token = await cleo.newToken();
  const abort = new AbortController();
  const response = await fetch(`${t.harness.url}/api/v1/changes?kinds=configmaps`, {
    headers: bearer(token.token),
    signal: abort.signal,
  });
  assert.equal(response.status, 200);
  let text = '';
  const reading = (async () => {
    for await (const chunk of response.body as ReadableStream<Uint8Array>)
      text += Buffer.from(chunk).toString();
  })().catch(() => undefined);
  try {
    await t.k('create', 'configmap', 'before', '-n', t.namespace);
    await eventually('the first namespace’s change', async () =>
      text.includes('"before"') ? true : undefined,
    );

    assert.equal((await t.harness.call('DELETE', `/api/v1/rolebindings/${cleo.bindingId}`)).status, 204);
    await t.k('create', 'configmap', 'hidden', '-n', t.namespace);
    await t.k('create', 'configmap', 'shown', '-n', other);
    await eventually('the other namespace’s change', async () =>
      text.includes('"shown"') ? true : undefined,
    );
    // Changes arrive in the order the syncs write them; give the hidden one time to arrive if it were sent.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.doesNotMatch(text, /"hidden"/, 'nothing from the namespace no longer bound');
    assert.doesNotMatch(text, /event: ended/, 'the stream goes on');
  } finally {
    abort.abort();
    await reading;
    await t.k('delete', 'namespace', other, '--wait=false');
  }
});

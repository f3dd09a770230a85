import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually } from '@portolan/sandbox/testing';
import WebSocket from 'ws';
import { type RouteTest, setUpRouteTest } from '../../testing/route-server.ts';

let t: RouteTest;
let pod: string;
before(async () => {
  t = await setUpRouteTest('pods');
  await t.k('create', 'deployment', 'app', '--image=nginx:1.27', '-n', t.namespace);
  pod = await eventually('a Running pod', async () => {
    const list = JSON.parse(await t.k('get', 'pods', '-l', 'app=app', '-n', t.namespace, '-o', 'json')).items;
    const running = list.find((entry: { status: { phase: string } }) => entry.status.phase === 'Running');
    return running?.metadata.name;
  });
});
after(async () => {
  await t?.cleanup();
});

const podPath = () => `${t.base}/pods/${t.namespace}/${pod}`;

test('logs: tail, timestamps, and a followed stream read then left', async () => {
  const all = await t.send('GET', `${podPath()}/logs`);
  assert.equal(all.status, 200, String(all.body));
  assert.match(all.headers.get('content-type') ?? '', /^text\/plain/);
  assert.equal(all.body.trim().split('\n').length, 3);
  const tail = await t.send('GET', `${podPath()}/logs?tailLines=1`);
  assert.equal(tail.body.trim(), 'ready to serve requests');
  const stamped = await t.send('GET', `${podPath()}/logs?tailLines=1&timestamps=true`);
  assert.match(stamped.body, /^\d{4}-\d\d-\d\dT[\d:.]+Z ready to serve requests/);
  const wrong = await t.send('GET', `${podPath()}/logs?container=nope`);
  assert.equal(wrong.status, 400, JSON.stringify(wrong.body));

  const abort = new AbortController();
  const response = await fetch(`${t.harness.url}${podPath()}/logs?follow=true`, {
    signal: abort.signal,
    headers: t.harness.headers,
  });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('transfer-encoding'), 'chunked');
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  let text = '';
  while (!text.includes('ready to serve requests')) {
    const { value, done } = await reader.read();
    if (done) break;
    text += Buffer.from(value).toString('utf8');
  }
  assert.match(text, /container started/);
  abort.abort();
  await reader.cancel().catch(() => undefined);
  // The server is still well after the client left.
  assert.equal((await t.send('GET', `${podPath()}/logs?tailLines=1`)).status, 200);
});

interface ExecResult {
  stdout: string;
  stderr: string;
  status: { status: string; message?: string } | undefined;
  protocol: string;
}

function exec(command: string[], protocols: string[], stdin: boolean, input?: string): Promise<ExecResult> {
  const query = new URLSearchParams(command.map((part): [string, string] => ['command', part]));
  query.set('stdin', String(stdin));
  const url = `${t.harness.url.replace(/^http/, 'ws')}${podPath()}/exec?${query}`;
  const socket = new WebSocket(url, protocols, { headers: t.harness.headers });
  const result: ExecResult = { stdout: '', stderr: '', status: undefined, protocol: '' };
  return new Promise((resolve, reject) => {
    socket.on('open', () => {
      result.protocol = socket.protocol;
      if (input === undefined) return;
      socket.send(input);
      socket.send(Buffer.from([255, 0]));
    });
    socket.on('message', (data: Buffer) => {
      const body = data.subarray(1).toString('utf8');
      if (data[0] === 1) result.stdout += body;
      if (data[0] === 2) result.stderr += body;
      if (data[0] === 3) result.status = JSON.parse(body);
    });
    socket.on('close', () => resolve(result));
    socket.on('error', reject);
  });
}

test('exec over WebSocket prints, reports failures with their exit status, and refuses plain GET', async () => {
  const hi = await exec(['echo', 'hi'], ['v5.channel.k8s.io'], true);
  assert.equal(hi.stdout, 'hi\n');
  assert.equal(hi.protocol, 'v5.channel.k8s.io');
  assert.equal(hi.status?.status, 'Success');
  // kwok does not pass a closed stdin on to the command, so the command reads one line and ends.
  const echoed = await exec(
    ['sh', '-c', 'read line; echo "got $line"'],
    ['v5.channel.k8s.io'],
    true,
    'typed\n',
  );
  assert.equal(echoed.stdout, 'got typed\n', 'stdin typed as text reaches the command');

  const failing = await exec(['sh', '-c', 'echo oops >&2; exit 3'], ['v4.channel.k8s.io'], false);
  assert.equal(failing.stderr, 'oops\n');
  assert.equal(failing.status?.status, 'Failure');
  assert.match(failing.status?.message ?? '', /exit status 3/);

  const noPod = await new Promise<ExecResult>((resolve, reject) => {
    const socket = new WebSocket(
      `${t.harness.url.replace(/^http/, 'ws')}${t.base}/pods/${t.namespace}/ghost/exec?command=true`,
      { headers: t.harness.headers },
    );
    const result: ExecResult = { stdout: '', stderr: '', status: undefined, protocol: '' };
    socket.on('message', (data: Buffer) => {
      if (data[0] === 3) result.status = JSON.parse(data.subarray(1).toString('utf8'));
    });
    socket.on('close', () => resolve(result));
    socket.on('error', reject);
  });
  assert.equal(noPod.status?.status, 'Failure');
  assert.match(noPod.status?.message ?? '', /ghost/);

  const plain = await t.send('GET', `${podPath()}/exec?command=true`);
  assert.equal(plain.status, 426);
  const invalid = await t.send('GET', `${podPath()}/exec`);
  assert.equal(invalid.status, 400);
});

test('events, the owner chain up to the workload, and delete', async () => {
  const events = await eventually('the Scheduled event', async () => {
    const answer = await t.send('GET', `${podPath()}/events`);
    return answer.body.items.some((event: { reason: string }) => event.reason === 'Scheduled')
      ? answer.body
      : undefined;
  });
  assert.ok(events.items.every((event: { type: string }) => event.type));

  const owners = await t.send('GET', `${podPath()}/owners`);
  assert.deepEqual(
    owners.body.owners.map((owner: { kind: string }) => owner.kind),
    ['ReplicaSet', 'Deployment'],
  );
  assert.equal(owners.body.workload.name, 'app');

  await t.k('create', 'cronjob', 'tick', '--image=busybox:1.36', '--schedule=0 0 * * *', '-n', t.namespace);
  await t.k('create', 'job', 'tick-now', '--from=cronjob/tick', '-n', t.namespace);
  const jobPod = await eventually('the job pod', async () => {
    const list = JSON.parse(
      await t.k('get', 'pods', '-l', 'job-name=tick-now', '-n', t.namespace, '-o', 'json'),
    ).items;
    return list[0]?.metadata.name as string | undefined;
  });
  const jobOwners = await t.send('GET', `${t.base}/pods/${t.namespace}/${jobPod}/owners`);
  assert.deepEqual(
    jobOwners.body.owners.map((owner: { kind: string; name: string }) => `${owner.kind}/${owner.name}`),
    ['Job/tick-now', 'CronJob/tick'],
  );
  assert.equal(jobOwners.body.workload.kind, 'CronJob');

  const deleted = await t.send('DELETE', podPath());
  assert.equal(deleted.status, 200, JSON.stringify(deleted.body));
  await eventually('the pod gone', async () =>
    (await t.send('GET', `${t.base}/resources/pods/${pod}?namespace=${t.namespace}`)).status === 404
      ? true
      : undefined,
  );
});

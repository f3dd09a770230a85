import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import YAML from 'yaml';
import {
  type SilentServer,
  type SilentStep,
  startSilentServer,
} from '#server/kube/testing/silent-servers.ts';
import { selectResources } from '#server/sync/resource-selection.ts';
import { type ConnectionCheck, type ConnectionCheckDeps, checkKubeconfig } from './connection-check.ts';

let dir = '';
let plugin = '';
const servers: SilentServer[] = [];

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'connection-deadline-'));
  plugin = path.join(dir, 'login-plugin.sh');
  // Waits for a login that never comes, as a plugin run without a terminal may.
  await writeFile(plugin, '#!/bin/sh\nsleep 600\n');
  await chmod(plugin, 0o755);
});
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await rm(dir, { recursive: true, force: true });
});

async function silent(step: SilentStep): Promise<string> {
  const server = await startSilentServer(step);
  servers.push(server);
  return server.address;
}

function kubeconfig(
  cluster: Record<string, unknown>,
  user: Record<string, unknown> = { token: 't' },
): string {
  return YAML.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster: { 'insecure-skip-tls-verify': true, ...cluster } }],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u' } }],
    'current-context': 'ctx',
  });
}

/** The four ways a registration used to hang: a silent server, TLS peer, proxy and plugin. */
async function hangingKubeconfigs(): Promise<{ name: string; text: string }[]> {
  return [
    { name: 'server accepts TCP only', text: kubeconfig({ server: `https://${await silent('tcp')}` }) },
    { name: 'server never answers', text: kubeconfig({ server: `https://${await silent('tls')}` }) },
    {
      name: 'silent proxy-url',
      text: kubeconfig({ server: 'https://127.0.0.1:6443', 'proxy-url': `http://${await silent('tcp')}` }),
    },
    {
      name: 'exec plugin never returns',
      text: kubeconfig(
        { server: `https://${await silent('tls')}` },
        { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin } },
      ),
    },
  ];
}

const deps: ConnectionCheckDeps = {
  clock: () => new Date(),
  env: process.env,
  allowExec: true,
  allowFiles: false,
  syncedResources: (served) => selectResources(served, { include: 'default' }),
};

async function timed(text: string, extra: Partial<ConnectionCheckDeps> = {}) {
  const started = performance.now();
  const result = await checkKubeconfig({ kubeconfig: { text } }, { ...deps, ...extra });
  return { result, elapsed: performance.now() - started };
}

const refused = (result: ConnectionCheck) => {
  assert.equal(result.ok, false, JSON.stringify(result));
  if (result.ok) throw new Error('accepted');
  return result;
};

test('with the default settings, a check that cannot finish is refused within 10 s, naming the step and field', async () => {
  const cases = await hangingKubeconfigs();
  const results = await Promise.all(cases.map((entry) => timed(entry.text)));
  const expected = [
    ['tls', 'clusters[c].cluster.server', /during the TLS handshake/],
    ['first-byte', 'clusters[c].cluster.server', /waiting for the first byte/],
    ['proxy', 'clusters[c].cluster.proxy-url', /proxy \(proxy-url\) opened a tunnel/],
    [
      'credentials',
      'users[u].user.exec',
      /credential plugin ".*login-plugin\.sh" \(users\[u\]\.user\.exec\) did not return in time/,
    ],
  ] as const;
  results.forEach(({ result, elapsed }, index) => {
    const [step, field, pattern] = expected[index] ?? [];
    const name = cases[index]?.name;
    const refusal = refused(result);
    assert.equal(refusal.problem, 'timeout', `${name}: ${refusal.message}`);
    assert.equal(refusal.step, step, name);
    assert.equal(refusal.field, field, name);
    assert.match(refusal.message, pattern ?? /./, name);
    assert.match(refusal.message, /took longer than 10 s/, name);
    // The budget is 10 s; a second more for timers that fire late while tests share two cores.
    assert.ok(elapsed < 11_000, `${name}: answered after ${Math.round(elapsed)} ms`);
  });
});

test('the check and exec plugin time limits are settings', async () => {
  const [, silentServer, , plugin] = await hangingKubeconfigs();
  const quick = await timed(silentServer?.text ?? '', { timeoutMs: 1_000 });
  assert.equal(refused(quick.result).step, 'first-byte');
  assert.match(refused(quick.result).message, /took longer than 1 s/);
  assert.ok(quick.elapsed < 1_500, `answered after ${Math.round(quick.elapsed)} ms`);

  const execLimit = await timed(plugin?.text ?? '', { execTimeoutMs: 500 });
  const refusal = refused(execLimit.result);
  assert.equal(refusal.problem, 'exec-plugin-failed');
  assert.equal(refusal.field, 'users[u].user.exec');
  assert.match(refusal.message, /did not finish within 0\.5 s \(the exec plugin time limit\)/);
  assert.ok(execLimit.elapsed < 1_500, `answered after ${Math.round(execLimit.elapsed)} ms`);
});

/**
 * A terminal that outlives its token gets a new one before the old ends: the kubeconfig in its home
 * is rewritten, the old token is revoked at once, and kubectl goes on working. Real sandbox cluster,
 * real server and runner; only the token's lifetime is made seconds instead of an hour.
 */
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sharedSandboxes } from '@portolan/sandbox/testing';
import { createLocalSandboxRunner } from './local-sandbox-runner.ts';
import { findPtyBridge } from './runner/pty-bridge-binary.ts';
import { createTerminalSessions, type TerminalSessions } from './terminal-sessions.ts';
import { setUpTerminalTest, type TerminalTest } from './testing/terminal-cluster.ts';

let t: TerminalTest;
let sessions: TerminalSessions;
const workDir = path.join(os.tmpdir(), `portolan-terminals-token-test-${process.pid}`);
before(async () => {
  t = await setUpTerminalTest('term-token');
  const { portolan } = t.harness;
  const { iam } = portolan;
  sessions = createTerminalSessions({
    runner: createLocalSandboxRunner({
      ptyBridge: findPtyBridge(process.env),
      toolsDir: async () => sharedSandboxes().binDir,
      workDir,
    }),
    store: portolan.store.terminals,
    audit: iam.audit,
    credentials: { tokens: iam.tokens, forget: () => iam.authenticate.forget() },
    authenticateToken: (token) => iam.authenticate({ headers: { authorization: `Bearer ${token}` } }),
    proxy: {
      url: () => portolan.proxyUrl,
      certificateAuthority: await readFile(path.join(t.harness.dataDir, 'tls', 'server.crt'), 'utf8'),
    },
    replicas: portolan.store.replicas,
    replica: { id: 'token-test' },
    settings: {
      idleTimeoutMs: 60_000,
      detachGraceMs: 60_000,
      maxPerUser: 5,
      maxPerReplica: 5,
      transcripts: false,
    },
    replicaTtlMs: 20_000,
    clock: () => new Date(),
    log: { warn: () => undefined },
    tokenLifetimeMs: 3000,
  });
});
after(async () => {
  await sessions?.stop();
  await rm(workDir, { recursive: true, force: true });
  await t?.cleanup();
});

test('the token is renewed before it ends: the old one is revoked, kubectl keeps working with the new one', async () => {
  const caller = await t.harness.portolan.iam.authenticate({ headers: t.harness.headers });
  assert.ok(caller);
  const view = await sessions.open(caller, t.cluster, { cols: 120, rows: 30 });
  const terminal = await sessions.find(caller.userId, view.id);
  const tokenOf = async () => {
    const home = await terminal.process.home.read('.kube/config', 1 << 20);
    return /token: (ptl_[\w-]+)/.exec(home.toString())?.[1] ?? '';
  };
  const first = await tokenOf();
  assert.ok(await t.harness.portolan.iam.tokens.validate(first));
  // Renewed at 80 % of 3 s.
  await new Promise((resolve) => setTimeout(resolve, 3500));
  const second = await tokenOf();
  assert.notEqual(second, first, 'the kubeconfig holds a new token');
  assert.equal(await t.harness.portolan.iam.tokens.validate(first), undefined, 'the old one is revoked');
  assert.ok(await t.harness.portolan.iam.tokens.validate(second));
  let output = '';
  terminal.process.onData((chunk) => {
    output += chunk.toString();
  });
  terminal.input(Buffer.from('kubectl get namespace default -o name; echo "code=$?"\n'));
  const deadline = Date.now() + 15_000;
  while (!/code=\d/.test(output) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
  assert.match(output, /namespace\/default/);
  assert.match(output, /code=0/);
  await sessions.end(view.id, 'closed');
  assert.equal(await t.harness.portolan.iam.tokens.validate(second), undefined, 'revoked at the end');
});

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { AuditPage, ClusterList, ConnectionFacts } from '@portolan/api';
import { sharedSandboxes } from '@portolan/sandbox/testing';
import YAML from 'yaml';
import { type SilentServer, startSilentServer } from '#server/kube/testing/silent-servers.ts';
import { addMember } from '#server/testing/members.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';

// POST /api/v1/kubeconfig/check against a real sandbox: the facts registration would record, with
// nothing saved; and each way it refuses (an unreachable or silent server, a broken kubeconfig, a
// caller who may not register clusters).
const sandbox = sharedSandboxes().clusters[0];
let harness: Harness;
let kubeconfig = '';
let silent: SilentServer | undefined;

interface Refusal {
  error: { code: string; message: string; field?: string; line?: number; column?: number; problem?: string };
}

const check = (body: unknown) =>
  harness.call<ConnectionFacts & Refusal>('POST', '/api/v1/kubeconfig/check', body);

/** The sandbox's kubeconfig with its cluster's server pointed elsewhere. */
function withServer(server: string): string {
  const config = YAML.parse(kubeconfig) as { clusters: { cluster: Record<string, unknown> }[] };
  for (const entry of config.clusters) entry.cluster.server = server;
  return YAML.stringify(config);
}

before(async () => {
  assert.ok(sandbox, 'the test runner starts shared sandboxes');
  // A short connection budget, so the silent server below is given up on quickly.
  harness = await startHarness({ args: ['--connect-timeout', '2'] });
  kubeconfig = await readFile(sandbox.kubeconfig, 'utf8');
  await harness.register('known', sandbox.kubeconfig);
});

after(async () => {
  await silent?.close();
  await harness?.stop({ removeData: true });
});

test('a good kubeconfig answers the facts registration records, and registers nothing', async () => {
  const before = (await harness.call<ClusterList>('GET', '/api/v1/clusters')).body;
  const answer = await check({ kubeconfig });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  const facts = answer.body;
  assert.equal(facts.server, sandbox?.server);
  assert.match(facts.version.gitVersion, /^v1\.\d+\.\d+/);
  assert.equal(facts.platform, 'kwok');
  assert.equal(facts.nodeCount, 3);
  assert.ok(facts.identity?.username, 'the server says who the credentials are');
  assert.ok(facts.identity.groups.includes('system:masters') || facts.identity.groups.length > 0);
  assert.deepEqual(facts.missingPermissions, [], 'the sandbox administrator may sync everything');
  const certificate = facts.credentialExpiry.find((item) => item.kind === 'client-certificate');
  assert.ok(certificate?.expiresAt && Date.parse(certificate.expiresAt) > Date.now(), 'a future expiry');
  assert.ok(facts.context.name && facts.context.cluster && facts.context.user);

  // Registration, for the same kubeconfig, records what the check answered.
  const known = (await harness.call<{ version: string; nodeCount: number }>('GET', '/api/v1/clusters/known'))
    .body;
  assert.equal(known.version, facts.version.gitVersion);
  assert.equal(known.nodeCount, facts.nodeCount);

  const after = (await harness.call<ClusterList>('GET', '/api/v1/clusters')).body;
  assert.deepEqual(
    after.items.map((cluster) => cluster.name),
    before.items.map((cluster) => cluster.name),
  );
  assert.equal(after.total, 1);
  assert.equal((await harness.portolan.store.clusters.list()).length, 1, 'nothing stored');

  // Nothing changed, so the audit trail has no change to record.
  const trail = await harness.call<AuditPage>('GET', '/api/v1/audit?action=clusters:write');
  assert.equal(trail.status, 200);
  assert.ok(!trail.body.items.some((record) => record.route === '/api/v1/kubeconfig/check'));
});

test('a context by name; one the kubeconfig lacks is refused on the context field', async () => {
  const name = (await check({ kubeconfig })).body.context.name;
  const chosen = await check({ kubeconfig, context: name });
  assert.equal(chosen.status, 200);
  assert.equal(chosen.body.context.name, name);
  const missing = await check({ kubeconfig, context: 'nowhere' });
  assert.equal(missing.status, 400);
  assert.equal(missing.body.error.code, 'invalid-kubeconfig');
  assert.equal(missing.body.error.field, 'context');
  assert.match(missing.body.error.message, /no context "nowhere"; its contexts are: /);
});

test('an unreachable server answers the connection failure; a silent one names the step that ran out', async () => {
  // Nothing listens on port 1.
  const refused = await check({ kubeconfig: withServer('https://127.0.0.1:1') });
  assert.equal(refused.status, 422, JSON.stringify(refused.body));
  assert.equal(refused.body.error.code, 'connection-failed');
  assert.equal(refused.body.error.problem, 'unreachable');
  assert.match(refused.body.error.message, /127\.0\.0\.1:1.*connection refused/);

  silent = await startSilentServer('tcp');
  const started = Date.now();
  const hung = await check({ kubeconfig: withServer(`https://${silent.address}`) });
  assert.ok(Date.now() - started < 8_000, `given up within the budget: ${Date.now() - started} ms`);
  assert.equal(hung.status, 422, JSON.stringify(hung.body));
  assert.equal(hung.body.error.problem, 'timeout');
  assert.match(hung.body.error.message, /took longer than 2 s: the time ran out during the TLS handshake/);
  assert.match(hung.body.error.field ?? '', /^clusters\[.+\]\.cluster\.server$/);
  assert.equal((await harness.portolan.store.clusters.list()).length, 1, 'nothing stored');
});

test('a broken kubeconfig is a 400 with the line and column', async () => {
  const broken = await check({ kubeconfig: 'apiVersion: v1\nclusters: [ {name: a\n' });
  assert.equal(broken.status, 400, JSON.stringify(broken.body));
  assert.equal(broken.body.error.code, 'invalid-kubeconfig');
  assert.equal(typeof broken.body.error.line, 'number');
  assert.equal(typeof broken.body.error.column, 'number');
  assert.match(broken.body.error.message, /line \d+, column \d+/);
  const empty = await check({ kubeconfig: '' });
  assert.equal(empty.status, 400);
  assert.equal(empty.body.error.field, 'kubeconfig');
});

test('a cluster Viewer may not test kubeconfigs (no probing the network through Portolan): 403', async () => {
  const viewer = await addMember(harness, 'known-viewer', 'Viewer', { level: 'cluster', cluster: 'known' });
  const response = await fetch(`${harness.url}/api/v1/kubeconfig/check`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${(await viewer.newToken()).token}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ kubeconfig: withServer('https://127.0.0.1:1') }),
  });
  assert.equal(response.status, 403);
  const body = (await response.json()) as Refusal;
  assert.equal(body.error.code, 'forbidden');
  assert.match(body.error.message, /clusters:write/);
  // The refused attempt is in the trail, as every denial is.
  const trail = await harness.call<AuditPage>('GET', '/api/v1/audit?actor=known-viewer&outcome=denied');
  assert.ok(
    trail.body.items.some((record) => record.route === '/api/v1/kubeconfig/check'),
    JSON.stringify(trail.body.items.map((record) => record.route)),
  );
});

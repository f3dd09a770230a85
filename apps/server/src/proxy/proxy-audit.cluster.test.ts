/**
 * kubectl through Portolan's Kubernetes API proxy leaves an audit trail: changes, exec sessions and
 * denials (Portolan's and the member cluster's) appear in GET /api/v1/audit, with who, from where,
 * what, on which cluster and namespace, and the outcome.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createSandboxManager } from '@portolan/sandbox';
import { eventually, kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import type { AuditRecord } from '#server/store/audit/audit-store.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';
import { statusOf } from './testing/kube-tools.ts';

const { binDir } = sharedSandboxes();
// A sandbox of its own: this test binds a Viewer, and another server registering a shared sandbox
// would reconcile the member's RBAC to its own bindings meanwhile.
const sandboxDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-proxy-audit-sandbox-'));
const sandboxes = createSandboxManager({ dataDir: sandboxDir, binDir: async () => binDir });
const cluster = { name: 'audited', kubeconfig: '' };
const ns = uniqueNamespace('proxy-audit');
let harness: Harness;
let dir = '';
const kubeconfigs = { admin: '', viewer: '' };
let nobodyToken = '';

/** A record as the API answers it. */
type Row = Omit<AuditRecord, 'at'> & { at: string };

/** Issues the caller's kubeconfig (the proxy's address, its certificate, a token) into a file. */
async function issueKubeconfig(authorization: string, name: string): Promise<string> {
  const response = await fetch(`${harness.url}/api/v1/kubeconfig`, { headers: { authorization } });
  assert.equal(response.status, 200, await response.clone().text());
  const file = path.join(dir, `${name}.kubeconfig`);
  await writeFile(file, await response.text());
  return file;
}

async function records(): Promise<Row[]> {
  const query = new URLSearchParams({ action: 'clusters:proxy', cluster: cluster.name, limit: '1000' });
  const response = await harness.call<{ items: Row[] }>('GET', `/api/v1/audit?${query}`);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body.items;
}

/** Waits for the record matching `match` (records are written just after the answer). */
function recordOf(what: string, match: (row: Row) => boolean): Promise<Row> {
  return eventually(what, async () => (await records()).find(match), 10_000, 100);
}

/** A plain https request to the proxy (its certificate is self-signed). */
function proxyRequest(method: string, route: string, headers: Record<string, string>): Promise<number> {
  return statusOf(
    https.request(`${harness.portolan.proxyUrl}${route}`, {
      method,
      headers,
      rejectUnauthorized: false,
    }),
  );
}

before(async () => {
  cluster.kubeconfig = (await sandboxes.create({ name: 'proxy-audit', nodes: 1 })).sandbox.kubeconfigPath;
  harness = await startHarness();
  dir = await mkdtemp(path.join(os.tmpdir(), 'portolan-proxy-audit-'));
  await harness.register(cluster.name, cluster.kubeconfig);
  await kubectlOk(binDir, cluster.kubeconfig, ['create', 'namespace', ns]);
  kubeconfigs.admin = await issueKubeconfig(harness.headers.authorization, 'admin');

  const { iam } = harness.portolan;
  const vic = await iam.users.createLocal({ username: 'vic', password: 'vic-password-123' });
  const binding = await harness.call('POST', '/api/v1/rolebindings', {
    subject: { kind: 'user', name: 'vic' },
    role: 'Viewer',
    scope: { level: 'cluster', cluster: cluster.name },
  });
  assert.equal(binding.status, 201, JSON.stringify(binding.body));
  const vicToken = (await iam.tokens.create(vic.id, { name: 'test', scopes: 'all', expiresInDays: 1 })).token;
  kubeconfigs.viewer = await issueKubeconfig(`Bearer ${vicToken}`, 'vic');
  const nobody = await iam.users.createLocal({ username: 'nobody', password: 'nobody-password-123' });
  nobodyToken = (await iam.tokens.create(nobody.id, { name: 'test', scopes: 'all', expiresInDays: 1 })).token;
});

after(async () => {
  await harness?.stop({ removeData: true });
  await rm(dir, { recursive: true, force: true });
  await sandboxes.delete('proxy-audit').catch(() => undefined);
  await rm(sandboxDir, { recursive: true, force: true });
});

test('kubectl changes through the proxy are recorded with who, from where, what and where; reads are not', async () => {
  const admin = (args: string[]) => kubectlOk(binDir, kubeconfigs.admin, args);
  await admin(['create', 'configmap', 'audited-cm', '-n', ns, '--from-literal=a=b']);
  await admin(['get', 'configmaps', '-n', ns]);
  await admin(['create', 'deployment', 'web', '--image=registry.invalid/web:1', '-n', ns]);
  await admin(['scale', 'deployment', 'web', '--replicas=2', '-n', ns]);
  await admin(['delete', 'configmap', 'audited-cm', '-n', ns]);

  const created = await recordOf(
    'the ConfigMap create',
    (r) => r.verb === 'create' && r.resourceKind === 'configmaps',
  );
  assert.equal(created.actor, 'admin');
  assert.match(created.credential ?? '', /^token:/);
  assert.match(created.sourceIp ?? '', /127\.0\.0\.1/);
  assert.match(created.userAgent ?? '', /^kubectl\//);
  assert.equal(created.cluster, cluster.name);
  assert.equal(created.namespace, ns);
  assert.equal(created.route, `/k8s/clusters/${cluster.name}/api/v1/namespaces/${ns}/configmaps`);
  assert.equal(created.status, 201);
  assert.equal(created.outcome, 'allowed');

  const scaled = await recordOf('the scale', (r) => r.resourceKind === 'deployments/scale');
  assert.equal(scaled.resourceName, 'web');
  assert.equal(scaled.namespace, ns);
  assert.equal(scaled.verb, 'patch');
  assert.equal(scaled.outcome, 'allowed');

  const deleted = await recordOf('the delete', (r) => r.verb === 'delete' && r.resourceName === 'audited-cm');
  assert.equal(deleted.resourceKind, 'configmaps');
  assert.equal(deleted.status, 200);

  const all = await records();
  assert.ok(
    !all.some(
      (r) => ['get', 'list', 'watch'].includes(r.verb) && r.actor === 'admin' && r.outcome === 'allowed',
    ),
    'successful reads (discovery, get) are not recorded',
  );
});

test('denials are recorded: by the member cluster, and by Portolan (no credentials, a cluster not granted)', async () => {
  const viewer = await kubectl(binDir, kubeconfigs.viewer, ['create', 'configmap', 'by-vic', '-n', ns]);
  assert.notEqual(viewer.code, 0);
  assert.match(viewer.stderr, /forbidden/i);
  const byMember = await recordOf(
    "the member cluster's refusal",
    (r) => r.actor === 'vic' && r.verb === 'create',
  );
  assert.equal(byMember.outcome, 'denied');
  assert.equal(byMember.status, 403);
  assert.equal(byMember.namespace, ns);
  assert.equal(byMember.resourceKind, 'configmaps');
  assert.equal(byMember.detail, 'refused by the member cluster');

  const anonymous = await kubectl(binDir, kubeconfigs.admin, [
    '--token',
    'not-a-token',
    'get',
    'pods',
    '-n',
    ns,
  ]);
  assert.notEqual(anonymous.code, 0);
  const unauthenticated = await recordOf("Portolan's 401", (r) => r.actor === null && r.status === 401);
  assert.equal(unauthenticated.outcome, 'denied');
  assert.equal(unauthenticated.cluster, cluster.name);
  assert.match(unauthenticated.detail ?? '', /^refused by Portolan/);

  const route = `/k8s/clusters/${cluster.name}/api/v1/namespaces/${ns}/secrets`;
  assert.equal(await proxyRequest('GET', route, { authorization: `Bearer ${nobodyToken}` }), 404);
  const notGranted = await recordOf(
    'the refusal of a caller without clusters:proxy',
    (r) => r.actor === 'nobody',
  );
  assert.equal(notGranted.outcome, 'denied');
  assert.equal(notGranted.status, 404);
  assert.equal(notGranted.verb, 'list');
  assert.equal(notGranted.resourceKind, 'secrets');
});

test('an exec upgrade is recorded with its command, whatever the member cluster answers', async () => {
  const route = `/k8s/clusters/${cluster.name}/api/v1/namespaces/${ns}/pods/no-such-pod/exec?command=id&container=app&stdout=true`;
  const status = await proxyRequest('POST', route, {
    authorization: harness.headers.authorization,
    connection: 'Upgrade',
    upgrade: 'SPDY/3.1',
    'x-stream-protocol-version': 'v4.channel.k8s.io',
  });
  const exec = await recordOf('the exec', (r) => r.resourceKind === 'pods/exec');
  assert.equal(exec.status, status);
  assert.equal(exec.actor, 'admin');
  assert.equal(exec.resourceName, 'no-such-pod');
  assert.equal(exec.namespace, ns);
  assert.match(exec.detail ?? '', /command: id; container: app/);
});

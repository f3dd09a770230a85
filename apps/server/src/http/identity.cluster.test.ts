import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createSandboxManager } from '@portolan/sandbox';
import { eventually, kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import { addMember } from '#server/testing/members.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';

const { binDir } = sharedSandboxes();
// A sandbox of its own: another server registering a shared one would reconcile its RBAC to other bindings.
const sandboxDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-identity-sandbox-'));
const sandboxes = createSandboxManager({ dataDir: sandboxDir, binDir: async () => binDir });
const cluster = { name: 'identity', kubeconfig: '' };
const ns = uniqueNamespace('identity');
let harness: Harness;
let dir: string;

/** A namespace on the member cluster holding a ConfigMap `cm`. */
async function namespaceWithConfigMap(namespace: string): Promise<void> {
  await kubectlOk(binDir, cluster.kubeconfig, ['create', 'namespace', namespace]);
  await kubectlOk(binDir, cluster.kubeconfig, [
    'create',
    'configmap',
    'cm',
    '-n',
    namespace,
    '--from-literal=a=b',
  ]);
}

/** The kubeconfig Portolan issues to the token's user, written to a file for kubectl. */
async function issuedKubeconfig(token: string, name: string): Promise<string> {
  const issued = await as(token, 'GET', '/api/v1/kubeconfig');
  assert.equal(issued.status, 200, await issued.clone().text());
  const file = path.join(dir, `${name}.kubeconfig`);
  await writeFile(file, await issued.text());
  return file;
}

/** A new user with one role binding, and an API token of theirs. */
async function member(
  username: string,
  role: 'Admin' | 'Editor' | 'Viewer',
  scope: Record<string, string>,
): Promise<{ token: string; bindingId: string }> {
  const added = await addMember(harness, username, role, scope);
  return { token: (await added.newToken()).token, bindingId: added.bindingId };
}

const as = (token: string, method: string, route: string) =>
  fetch(`${harness.url}${route}`, { method, headers: { authorization: `Bearer ${token}` } });

before(async () => {
  cluster.kubeconfig = (await sandboxes.create({ name: 'identity', nodes: 1 })).sandbox.kubeconfigPath;
  harness = await startHarness();
  dir = await mkdtemp(path.join(os.tmpdir(), 'portolan-identity-'));
  await harness.register(cluster.name, cluster.kubeconfig);
  await namespaceWithConfigMap(ns);
});
after(async () => {
  await harness?.stop({ removeData: true });
  await rm(dir, { recursive: true, force: true });
  await sandboxes.delete('identity').catch(() => undefined);
  await rm(sandboxDir, { recursive: true, force: true });
});

test('without a credential every non-public route answers 401; health stays public', async () => {
  assert.equal((await fetch(`${harness.url}/api/v1/clusters`)).status, 401);
  assert.equal((await fetch(`${harness.url}/api/v1/search?kinds=pods`)).status, 401);
  assert.equal((await fetch(`${harness.url}/healthz`)).status, 200);
  assert.equal((await as('ptl_not-a-token', 'GET', '/api/v1/clusters')).status, 401);
});

test('a cluster Viewer reads but may not write, through the REST API and through kubectl on the proxy', async () => {
  const { token, bindingId } = await member('vera', 'Viewer', { level: 'cluster', cluster: cluster.name });

  const object = `/api/v1/clusters/${cluster.name}/resources/configmaps/cm?namespace=${ns}`;
  assert.equal((await as(token, 'GET', object)).status, 200);
  const denied = await as(token, 'DELETE', object);
  assert.equal(denied.status, 403);
  assert.match(((await denied.json()) as { error: { message: string } }).error.message, /resources:write/);
  assert.equal(
    (await as(token, 'POST', '/api/v1/users')).status,
    403,
    'no user management for a cluster Viewer',
  );

  const kubeconfig = await issuedKubeconfig(token, 'vera');
  // The member cluster's RBAC follows the binding shortly after it is made.
  await eventually('vera to read through the proxy', async () => {
    const got = await kubectl(binDir, kubeconfig, ['get', 'configmap', 'cm', '-n', ns, '-o', 'name']);
    return got.code === 0 ? got : undefined;
  });
  const deleted = await kubectl(binDir, kubeconfig, ['delete', 'configmap', 'cm', '-n', ns]);
  assert.notEqual(deleted.code, 0);
  assert.match(deleted.stderr, /forbidden/i);
  assert.match(deleted.stderr, /portolan:vera/, 'the member cluster refused the impersonated user');
  const secrets = await kubectl(binDir, kubeconfig, ['get', 'secrets', '-n', ns]);
  assert.notEqual(secrets.code, 0, 'view does not read Secrets on the member cluster');

  const removed = await harness.call('DELETE', `/api/v1/rolebindings/${bindingId}`);
  assert.equal(removed.status, 204);
  assert.equal((await as(token, 'GET', object)).status, 403, 'Portolan refuses at once');
  await eventually('the binding to leave the member cluster', async () => {
    const bindings = await kubectlOk(binDir, cluster.kubeconfig, [
      'get',
      'clusterrolebindings',
      '-l',
      'portolan.dev/managed=true',
      '-o',
      'json',
    ]);
    return bindings.includes('portolan:vera') ? undefined : true;
  });
});

test('a namespace Editor acts as itself in its namespace; Portolan refuses other namespaces, the cluster refuses the rest', async () => {
  const other = uniqueNamespace('identity-other');
  await namespaceWithConfigMap(other);
  const { token } = await member('nina', 'Editor', {
    level: 'namespace',
    cluster: cluster.name,
    namespace: ns,
  });
  const send = (method: string, route: string, body: unknown) =>
    fetch(`${harness.url}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const base = `/api/v1/clusters/${cluster.name}/resources`;

  // The binding is on the member cluster when the binding call answers: no wait needed.
  assert.equal((await as(token, 'GET', `${base}/configmaps/cm?namespace=${ns}`)).status, 200);
  const elsewhere = await as(token, 'GET', `${base}/configmaps/cm?namespace=${other}`);
  assert.equal(elsewhere.status, 403);
  assert.match(await elsewhere.text(), new RegExp(`namespace ${other}`));
  const created = await send('POST', `${base}/configmaps?namespace=${ns}`, {
    metadata: { name: 'by-nina' },
    data: { x: '1' },
  });
  assert.equal(created.status, 201, await created.clone().text());

  // Portolan lets an Editor write any kind in the namespace; the member's `edit` role has no RBAC
  // writes, and it refuses because the request comes as portolan:nina, not as Portolan.
  const rbac = await send('POST', `${base}/rolebindings?namespace=${ns}`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    metadata: { name: 'by-nina' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' },
    subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'nina' }],
  });
  assert.equal(rbac.status, 403);
  assert.match(await rbac.text(), /portolan:nina/);

  // One document in a namespace of someone else's refuses the whole apply: nothing is sent.
  const apply = await send('POST', `/api/v1/clusters/${cluster.name}/apply`, {
    manifests: [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied', namespace: ns } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied', namespace: other } },
    ],
  });
  assert.equal(apply.status, 403, await apply.clone().text());
  const applied = await kubectl(binDir, cluster.kubeconfig, ['get', 'configmap', 'applied', '-n', ns]);
  assert.notEqual(applied.code, 0, 'the allowed document was not applied either');
  const alone = await send('POST', `/api/v1/clusters/${cluster.name}/apply`, {
    namespace: ns,
    manifests: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied' } }],
  });
  assert.equal(alone.status, 200, await alone.clone().text());

  // kubectl through the proxy: the same namespace, and nothing beyond it.
  const kubeconfig = await issuedKubeconfig(token, 'nina');
  const made = await kubectl(binDir, kubeconfig, ['create', 'configmap', 'by-kubectl', '-n', ns]);
  assert.equal(made.code, 0, made.stderr);
  const refused = await kubectl(binDir, kubeconfig, ['create', 'configmap', 'by-kubectl', '-n', other]);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /forbidden/i);
});

test('a workspace Viewer reads the namespaces bound to its workspace, through REST and kubectl, and nothing else', async () => {
  const shop = uniqueNamespace('identity-shop');
  await namespaceWithConfigMap(shop);
  assert.equal((await harness.call('POST', '/api/v1/workspaces', { name: 'shop' })).status, 201);
  const bound = await harness.call('PUT', `/api/v1/workspaces/shop/namespaces/${cluster.name}/${shop}`);
  assert.ok(bound.status < 300, JSON.stringify(bound.body));
  const { token } = await member('wes', 'Viewer', { level: 'workspace', workspace: 'shop' });
  const base = `/api/v1/clusters/${cluster.name}/resources/configmaps/cm`;

  const read = await as(token, 'GET', `${base}?namespace=${shop}`);
  assert.equal(read.status, 200, await read.text());
  assert.equal((await as(token, 'GET', `${base}?namespace=${ns}`)).status, 403, 'not bound to the workspace');
  assert.equal(
    (await as(token, 'DELETE', `${base}?namespace=${shop}`)).status,
    403,
    'a Viewer writes nothing',
  );
  const clusters = (await (await as(token, 'GET', '/api/v1/clusters')).json()) as {
    items: { name: string }[];
  };
  assert.deepEqual(
    clusters.items.map((c) => c.name),
    [cluster.name],
    'the cluster of a bound namespace is listed',
  );

  const kubeconfig = await issuedKubeconfig(token, 'wes');
  const got = await kubectl(binDir, kubeconfig, ['get', 'configmap', 'cm', '-n', shop, '-o', 'name']);
  assert.equal(got.code, 0, got.stderr);
  const other = await kubectl(binDir, kubeconfig, ['get', 'configmap', 'cm', '-n', ns, '-o', 'name']);
  assert.notEqual(other.code, 0);
  const write = await kubectl(binDir, kubeconfig, ['delete', 'configmap', 'cm', '-n', shop]);
  assert.notEqual(write.code, 0);
  assert.match(write.stderr, /forbidden/i);
});

test('a platform Editor writes in every namespace but manages no one', async () => {
  const { token } = await member('pete', 'Editor', { level: 'platform' });
  const created = await fetch(
    `${harness.url}/api/v1/clusters/${cluster.name}/resources/configmaps?namespace=${ns}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ metadata: { name: 'by-pete' }, data: { a: 'b' } }),
    },
  );
  assert.equal(created.status, 201, await created.clone().text());
  const object = (await created.json()) as { metadata: { managedFields?: unknown } };
  assert.ok(object.metadata, 'the created object comes back');
  assert.equal((await as(token, 'POST', '/api/v1/users')).status, 403, 'no user management');
  assert.equal(
    (await as(token, 'DELETE', `/api/v1/clusters/${cluster.name}`)).status,
    403,
    'no cluster removal',
  );
  assert.equal((await as(token, 'GET', '/api/v1/audit')).status, 403, 'no audit trail');
});

test('a namespace Viewer sees only its namespace in search, summaries and the cluster list, and reveals no Secret', async () => {
  const hidden = uniqueNamespace('identity-hidden');
  await namespaceWithConfigMap(hidden);
  await kubectlOk(binDir, cluster.kubeconfig, [
    'create',
    'secret',
    'generic',
    'pw',
    '-n',
    ns,
    '--from-literal=p=s3cret',
  ]);
  const { token } = await member('nico', 'Viewer', {
    level: 'namespace',
    cluster: cluster.name,
    namespace: ns,
  });
  type Page = { items: Array<{ namespace: string; name: string }> };
  const search = async (query: string) =>
    (await (await as(token, 'GET', `/api/v1/search?${query}`)).json()) as Page;

  // The admin sees both namespaces once synced; the Viewer sees only its own.
  await eventually('both config maps in the store', async () => {
    const all = (await harness.call<Page>('GET', '/api/v1/search?kinds=configmaps&objects=false')).body;
    const names = new Set(all.items.map((item) => item.namespace));
    return names.has(ns) && names.has(hidden) ? true : undefined;
  });
  const mine = await search('kinds=configmaps&objects=false');
  assert.ok(mine.items.length > 0);
  assert.deepEqual([...new Set(mine.items.map((item) => item.namespace))], [ns]);
  assert.deepEqual((await search(`kinds=configmaps&namespaces=${hidden}`)).items, [], 'asking does not help');
  assert.deepEqual((await search('kinds=nodes')).items, [], 'no cluster-scoped rows');
  const namespaces = await search('kinds=namespaces&objects=false');
  assert.deepEqual(
    namespaces.items.map((item) => item.name),
    [ns],
    'its own Namespace object only, so its namespace list is not empty',
  );

  const summary = (await (await as(token, 'GET', '/api/v1/summary')).json()) as {
    clusters: Array<{ name: string; visibility: string; nodes?: { total: number } }>;
  };
  assert.equal(summary.clusters.length, 1);
  assert.equal(summary.clusters[0]?.visibility, 'namespaces');

  const secret = `/api/v1/clusters/${cluster.name}/secrets/${ns}/pw`;
  assert.equal((await as(token, 'GET', `${secret}/reveal`)).status, 403, 'no Secret values');
  const stored = await search('kinds=secrets');
  assert.ok(
    !JSON.stringify(stored).includes(Buffer.from('s3cret').toString('base64')),
    'no values in search',
  );
  // Kubernetes' view role lists no Secrets (checked on the member above); the store follows it.
  await eventually('the Secret in the store', async () => {
    const all = (await harness.call<Page>('GET', `/api/v1/search?kinds=secrets&namespaces=${ns}`)).body;
    return all.items.some((item) => item.name === 'pw') ? true : undefined;
  });
  assert.deepEqual((await search('kinds=secrets')).items, [], 'no Secret names for a Viewer');
  assert.equal(
    (await as(token, 'DELETE', `/api/v1/clusters/${cluster.name}/resources/pods/any?namespace=${ns}`)).status,
    403,
    'a Viewer deletes no pod',
  );
});

test('removing the cluster from Portolan takes its RBAC bindings off the cluster', async () => {
  const managed = async () =>
    (
      await kubectlOk(binDir, cluster.kubeconfig, [
        'get',
        'clusterrolebindings,rolebindings',
        '-A',
        '-l',
        'portolan.dev/managed=true',
        '-o',
        'name',
      ])
    ).trim();
  assert.notEqual(await managed(), '', 'the bindings of the earlier tests are there');
  assert.equal((await harness.call('DELETE', `/api/v1/clusters/${cluster.name}`)).status, 204);
  assert.equal(await managed(), '');
});

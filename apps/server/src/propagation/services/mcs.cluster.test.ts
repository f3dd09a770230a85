/**
 * Multi-cluster Services end to end on the two shared sandboxes: a Deployment and its Service on
 * cluster A, imported into cluster B as a selector-less Service with an EndpointSlice of A's ready
 * pod IPs; the slice follows a scale-up within seconds; removing the import deletes only what it made.
 * And who may do it: a namespace Editor of one cluster cannot import into another, and readers see
 * only their clusters.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { MultiClusterServiceView } from '@portolan/api';
import { eventually, kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import { addMember } from '#server/testing/members.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';

const { binDir, clusters } = sharedSandboxes();
const twoSandboxes = () => {
  throw new Error('this test needs two shared sandboxes');
};
const sandboxA = clusters[0] ?? twoSandboxes();
const sandboxB = clusters[1] ?? twoSandboxes();
const A = 'mcs-a';
const B = 'mcs-b';
const ns = uniqueNamespace('mcs');
const onA = (...args: string[]) => kubectlOk(binDir, sandboxA.kubeconfig, args);
const onB = (...args: string[]) => kubectlOk(binDir, sandboxB.kubeconfig, args);
const json = async <T>(run: Promise<string>) => JSON.parse(await run) as T;

interface Slice {
  metadata: { name: string; labels: Record<string, string> };
  endpoints?: Array<{ addresses: string[]; conditions: { ready: boolean } }>;
  ports?: Array<{ name: string; port: number; protocol: string }>;
}

let harness: Harness;

before(async () => {
  harness = await startHarness();
  await harness.register(A, sandboxA.kubeconfig, { region: 'eu' });
  await harness.register(B, sandboxB.kubeconfig, { region: 'us' });
  await onA('create', 'namespace', ns);
  await onB('create', 'namespace', ns);
  await onA('create', 'deployment', 'web', '--image=nginx', '--replicas=1', '--port=8080', '-n', ns);
  await onA('expose', 'deployment', 'web', '--name=web', '--port=80', '--target-port=8080', '-n', ns);
  // Something in B the import must never touch.
  await onB('create', 'service', 'clusterip', 'keep', '--tcp=80:80', '-n', ns);
});

after(async () => {
  await harness?.stop({ removeData: true });
  await kubectl(binDir, sandboxA.kubeconfig, ['delete', 'namespace', ns, '--wait=false']);
  await kubectl(binDir, sandboxB.kubeconfig, ['delete', 'namespace', ns, '--wait=false']);
});

/** A's ready pod IPs, sorted, as kubectl sees them. */
async function readyIpsOnA(): Promise<string[]> {
  const pods = await json<{
    items: Array<{ status: { podIP?: string; conditions?: Array<{ type: string; status: string }> } }>;
  }>(onA('get', 'pods', '-n', ns, '-l', 'app=web', '-o', 'json'));
  return pods.items
    .filter((pod) => pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
    .map((pod) => pod.status.podIP ?? '')
    .filter(Boolean)
    .sort();
}

async function sliceAddressesOnB(): Promise<string[] | undefined> {
  const found = await kubectl(binDir, sandboxB.kubeconfig, [
    'get',
    'endpointslice',
    `web-mcs-${A}`,
    '-n',
    ns,
    '-o',
    'json',
  ]);
  if (found.code !== 0) return undefined;
  const slice = JSON.parse(found.stdout) as Slice;
  return (slice.endpoints ?? []).flatMap((endpoint) => endpoint.addresses).sort();
}

test('a Service on A is imported into B with A’s ready pods; the slice follows a scale-up; removal takes only the import', async () => {
  const first = await eventually('one ready pod of web on A', async () => {
    const ips = await readyIpsOnA();
    return ips.length === 1 ? ips : undefined;
  });
  const keepUid = (await onB('get', 'service', 'keep', '-n', ns, '-o', 'jsonpath={.metadata.uid}')).trim();

  const saved = await harness.call<MultiClusterServiceView>(
    'PUT',
    `/api/v1/multicluster-services/${ns}/web`,
    {
      apiVersion: 'portolan.dev/v1',
      kind: 'MultiClusterService',
      metadata: { namespace: ns, name: 'web' },
      spec: { importTo: { names: [B] } },
    },
  );
  assert.equal(saved.status, 201, JSON.stringify(saved.body));
  assert.equal(saved.body.document.metadata.generation, 1);

  // B: the selector-less Service with the exported ports, and the slice with A's pod IPs.
  const slice = await eventually(
    'the import on B',
    async () => ((await sliceAddressesOnB())?.length ? true : undefined),
    30_000,
  );
  assert.ok(slice);
  assert.deepEqual(await sliceAddressesOnB(), first);
  const service = await json<{
    metadata: { labels: Record<string, string>; managedFields: Array<{ manager: string }> };
    spec: { selector?: unknown; type: string; ports: Array<{ port: number; protocol: string }> };
  }>(onB('get', 'service', 'web-mcs', '-n', ns, '-o', 'json', '--show-managed-fields'));
  assert.equal(service.spec.selector, undefined, 'no selector: the EndpointSlices are its endpoints');
  assert.equal(service.spec.type, 'ClusterIP');
  assert.deepEqual(
    service.spec.ports.map((port) => [port.port, port.protocol]),
    [[80, 'TCP']],
  );
  assert.equal(service.metadata.labels['portolan.dev/multicluster-service'], 'web');
  assert.ok(service.metadata.managedFields.some((field) => field.manager === 'portolan-mcs'));
  const labels = (await json<Slice>(onB('get', 'endpointslice', `web-mcs-${A}`, '-n', ns, '-o', 'json')))
    .metadata.labels;
  assert.equal(labels['kubernetes.io/service-name'], 'web-mcs');
  assert.equal(labels['endpointslice.kubernetes.io/managed-by'], 'portolan.dev');
  assert.equal(labels['multicluster.kubernetes.io/source-cluster'], A);
  const ports = (await json<Slice>(onB('get', 'endpointslice', `web-mcs-${A}`, '-n', ns, '-o', 'json')))
    .ports;
  assert.deepEqual(ports, [{ name: '', port: 8080, protocol: 'TCP' }], 'the pods’ port, not the Service’s');

  // Scale A up: the slice follows within a few seconds.
  await onA('scale', 'deployment', 'web', '--replicas=3', '-n', ns);
  const three = await eventually('three ready pods on A', async () => {
    const ips = await readyIpsOnA();
    return ips.length === 3 ? ips : undefined;
  });
  const readyAt = Date.now();
  await eventually(
    'B’s slice with all three',
    async () => (JSON.stringify(await sliceAddressesOnB()) === JSON.stringify(three) ? true : undefined),
    10_000,
    100,
  );
  const followMs = Date.now() - readyAt;
  process.stderr.write(
    `multi-cluster Service: B's slice followed A's scale-up ${followMs} ms after kubectl saw the pods Ready\n`,
  );
  assert.ok(followMs < 5_000, `${followMs} ms`);

  const view = await eventually('the view with three endpoints', async () => {
    const answer = await harness.call<MultiClusterServiceView>(
      'GET',
      `/api/v1/multicluster-services/${ns}/web`,
    );
    return answer.body.imports[0]?.endpoints === 3 ? answer.body : undefined;
  });
  assert.deepEqual(view.exports, [{ cluster: A, readyEndpoints: 3 }]);
  assert.equal(view.imports[0]?.cluster, B);
  assert.equal(view.imports[0]?.state, 'applied');
  const list = await harness.call<{ items: MultiClusterServiceView[] }>(
    'GET',
    '/api/v1/multicluster-services',
  );
  assert.deepEqual(
    list.body.items.map((item) => item.document.metadata.name),
    ['web'],
  );

  // Remove: the import's Service and slice go; B's own Service stays, the same object.
  const removed = await harness.call('DELETE', `/api/v1/multicluster-services/${ns}/web`);
  assert.equal(removed.status, 204);
  assert.equal((await kubectl(binDir, sandboxB.kubeconfig, ['get', 'service', 'web-mcs', '-n', ns])).code, 1);
  assert.equal(await sliceAddressesOnB(), undefined);
  assert.equal(
    (await onB('get', 'service', 'keep', '-n', ns, '-o', 'jsonpath={.metadata.uid}')).trim(),
    keepUid,
  );
  assert.equal((await harness.call('GET', `/api/v1/multicluster-services/${ns}/web`)).status, 404);
  // A is untouched too: its Deployment and Service are still there.
  await onA('get', 'service', 'web', '-n', ns);
  // The audit trail has the save and the removal, naming the namespace and the multi-cluster Service.
  const audit = await harness.call<{ items: Array<{ verb: string; route: string; resourceName: string }> }>(
    'GET',
    `/api/v1/audit?namespace=${ns}&action=resources:write`,
  );
  assert.deepEqual(
    audit.body.items
      .filter((entry) => entry.route.startsWith('/api/v1/multicluster-services/'))
      .map((entry) => `${entry.verb} ${entry.resourceName}`)
      .sort(),
    ['DELETE web', 'PUT web'],
  );
});

/** A user with one role binding (made as an administrator would), calling with an API token of its own. */
async function userWith(username: string, role: 'Editor' | 'Viewer', scope: Record<string, string>) {
  const { token } = await (await addMember(harness, username, role, scope)).newToken();
  return { authorization: `Bearer ${token}` };
}

async function send(headers: Record<string, string>, method: string, path: string, body?: unknown) {
  const response = await fetch(`${harness.url}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as any };
}

test('permissions: importing needs write on every import cluster and read on every exporting one; readers see only their clusters', async () => {
  const editorOfA = await userWith('mcs-editor-a', 'Editor', {
    level: 'namespace',
    cluster: A,
    namespace: ns,
  });
  const viewerOfB = await userWith('mcs-viewer-b', 'Viewer', { level: 'cluster', cluster: B });
  const document = (importTo: string[]) => ({
    apiVersion: 'portolan.dev/v1',
    kind: 'MultiClusterService',
    metadata: { namespace: ns, name: 'perm' },
    spec: { service: 'web', exportFrom: { names: [A] }, importTo: { names: importTo } },
  });
  const refused = await send(editorOfA, 'PUT', `/api/v1/multicluster-services/${ns}/perm`, document([B]));
  assert.equal(refused.status, 403, JSON.stringify(refused.body));
  assert.match(refused.body.error.message, new RegExp(`resources:write in namespace ${ns} of ${B}`));
  const viewerRefused = await send(
    viewerOfB,
    'PUT',
    `/api/v1/multicluster-services/${ns}/perm`,
    document([B]),
  );
  assert.equal(viewerRefused.status, 403, 'a Viewer writes nowhere');
  // Into A itself, from A: allowed.
  const allowed = await send(editorOfA, 'PUT', `/api/v1/multicluster-services/${ns}/perm`, document([A]));
  assert.equal(allowed.status, 201, JSON.stringify(allowed.body));
  // Now the admin adds B: the view the editor of A gets names no B, the viewer of B sees only B.
  const admin = await harness.call('PUT', `/api/v1/multicluster-services/${ns}/perm`, document([A, B]));
  assert.equal(admin.status, 200, JSON.stringify(admin.body));
  await eventually('imports on A and B', async () => {
    const answer = await harness.call<MultiClusterServiceView>(
      'GET',
      `/api/v1/multicluster-services/${ns}/perm`,
    );
    return answer.body.imports.length === 2 ? true : undefined;
  });
  const editorView = await send(editorOfA, 'GET', `/api/v1/multicluster-services/${ns}/perm`);
  assert.deepEqual(
    editorView.body.imports.map((entry: { cluster: string }) => entry.cluster),
    [A],
  );
  const viewerView = await send(viewerOfB, 'GET', `/api/v1/multicluster-services/${ns}/perm`);
  assert.deepEqual(
    viewerView.body.imports.map((entry: { cluster: string }) => entry.cluster),
    [B],
  );
  assert.deepEqual(viewerView.body.exports, [], 'A’s export is not the viewer of B’s to see');
  // The editor of A may not remove it now that it reaches B; the refusal names B.
  const removeRefused = await send(editorOfA, 'DELETE', `/api/v1/multicluster-services/${ns}/perm`);
  assert.equal(removeRefused.status, 403);
  assert.match(removeRefused.body.error.message, new RegExp(B));
  // A document at fault is refused naming the field.
  const bad = await harness.call<{ error: { field: string } }>(
    'PUT',
    `/api/v1/multicluster-services/${ns}/perm`,
    {
      ...document([A]),
      spec: { service: 'web', importTo: {} },
    },
  );
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'spec.importTo');
  assert.equal((await harness.call('DELETE', `/api/v1/multicluster-services/${ns}/perm`)).status, 204);
});

test('the exported Service removed everywhere: the import keeps its Service, its slices go, and it says pending until one is back', async () => {
  const path = `/api/v1/multicluster-services/${ns}/last`;
  const saved = await harness.call('PUT', path, {
    apiVersion: 'portolan.dev/v1',
    kind: 'MultiClusterService',
    metadata: { namespace: ns, name: 'last' },
    spec: { service: 'web', importTo: { names: [B] }, importName: 'web-last' },
  });
  assert.equal(saved.status, 201, JSON.stringify(saved.body));
  const slice = ['get', 'endpointslice', `web-last-${A}`, '-n', ns];
  await eventually('the import’s slice on B', async () =>
    (await kubectl(binDir, sandboxB.kubeconfig, slice)).code === 0 ? true : undefined,
  );
  await onA('delete', 'service', 'web', '-n', ns);
  const view = await eventually('the import pending', async () => {
    const answer = await harness.call<MultiClusterServiceView>('GET', path);
    return answer.body.imports[0]?.state === 'pending' ? answer.body : undefined;
  });
  assert.match(view.imports[0]?.reason ?? '', /no exporting cluster has Service .*\/web now/);
  // As a code and values too, for the console to word (issue #10).
  assert.equal(view.imports[0]?.reasonCode, 'import.no-exporter');
  assert.deepEqual(view.imports[0]?.reasonParams, { namespace: ns, service: 'web' });
  assert.deepEqual(view.exports, [], 'no cluster has the Service: none exports');
  assert.equal((await kubectl(binDir, sandboxB.kubeconfig, slice)).code, 1, 'the slice went');
  await onB('get', 'service', 'web-last', '-n', ns);
  assert.equal((await harness.call('DELETE', path)).status, 204);
  assert.equal(
    (await kubectl(binDir, sandboxB.kubeconfig, ['get', 'service', 'web-last', '-n', ns])).code,
    1,
  );
});

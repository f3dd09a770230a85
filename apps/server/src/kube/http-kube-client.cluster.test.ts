import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { kubectlOk, sharedSandboxes, testCrd, uniqueNamespace } from '@portolan/sandbox/testing';
import { closedPort, sandboxConnection } from '#server/testing/sandbox-clients.ts';
import { createKubeClient } from './http-kube-client.ts';
import type { KubeClient, WatchEvent } from './kube-client.ts';
import { KubeConnectionError } from './kube-connection-errors.ts';
import { KubeError, kubeErrorFromResponse } from './kube-errors.ts';
import { startConnectProxy } from './testing/connect-proxy.ts';

const { binDir, clusters } = sharedSandboxes();
const sandbox = clusters[0];
if (!sandbox) throw new Error('no shared sandbox');
const admin = await sandboxConnection(sandbox.kubeconfig);
const namespace = uniqueNamespace('kube-client');
let client: KubeClient;

type ConfigMap = {
  metadata: { name: string; resourceVersion?: string; labels?: Record<string, string> };
  data?: Record<string, string>;
};
const configMap = (name: string, labels: Record<string, string> = {}, data: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, labels },
  data,
});
const configMaps = `/api/v1/namespaces/${namespace}/configmaps`;

before(async () => {
  client = createKubeClient(admin);
  const created = await client.request({
    method: 'POST',
    path: '/api/v1/namespaces',
    body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
});

after(async () => {
  await client.request({ method: 'DELETE', path: `/api/v1/namespaces/${namespace}` });
  client.close();
});

test('requests return status and parsed JSON; Kubernetes errors keep reason, code and causes', async () => {
  const version = await client.get<{ gitVersion: string }>('/version');
  assert.match(version.gitVersion, /^v1\.\d+/);

  const created = await client.request<ConfigMap>({
    method: 'POST',
    path: configMaps,
    body: configMap('first'),
  });
  assert.equal(created.status, 201);
  assert.equal(created.body.metadata.name, 'first');
  assert.match(String(created.headers['content-type']), /application\/json/);

  const again = await client.request({ method: 'POST', path: configMaps, body: configMap('first') });
  assert.equal(again.status, 409, 'request() returns error answers instead of throwing');

  await assert.rejects(client.get(`${configMaps}/missing`), (error: unknown) => {
    assert.ok(error instanceof KubeError);
    assert.equal(error.code, 404);
    assert.equal(error.reason, 'NotFound');
    assert.equal(error.message, 'configmaps "missing" not found');
    assert.equal(error.details?.name, 'missing');
    return true;
  });

  const patched = await client.request<ConfigMap>({
    method: 'PATCH',
    path: `${configMaps}/first`,
    body: { data: { a: '1' } },
    contentType: 'application/merge-patch+json',
  });
  assert.deepEqual(patched.body.data, { a: '1' });
});

test('Kubernetes validation errors keep their causes', async () => {
  const response = await client.request({
    method: 'POST',
    path: configMaps,
    body: configMap('Bad_Name'),
  });
  const error = kubeErrorFromResponse(response.status, response.body, {
    method: 'POST',
    path: configMaps,
    server: client.server,
  });
  assert.equal(error.reason, 'Invalid');
  assert.equal(error.code, 422);
  assert.equal(error.causes[0]?.field, 'metadata.name');
  assert.match(error.causes[0]?.message ?? '', /lowercase RFC 1123/);
});

test('lists come page by page with continue tokens, and in one piece with list()', async () => {
  for (let i = 0; i < 25; i++) {
    const response = await client.request({
      method: 'POST',
      path: configMaps,
      body: configMap(`paged-${String(i).padStart(2, '0')}`, { set: 'paged' }),
    });
    assert.equal(response.status, 201);
  }
  const pages = [];
  for await (const page of client.listPages<ConfigMap>(configMaps, {
    limit: 10,
    labelSelector: 'set=paged',
  })) {
    pages.push(page);
  }
  assert.deepEqual(
    pages.map((page) => [page.items.length, Boolean(page.continue)]),
    [
      [10, true],
      [10, true],
      [5, false],
    ],
  );
  const names = pages.flatMap((page) => page.items.map((item) => item.metadata.name));
  assert.equal(new Set(names).size, 25);
  const whole = await client.list<ConfigMap>(configMaps, { limit: 7, labelSelector: 'set=paged' });
  assert.equal(whole.items.length, 25);
  assert.match(whole.resourceVersion, /^\d+$/);
  // The server counts what remains only for lists without selectors.
  const everything = await client.list<ConfigMap>(configMaps);
  const first = await client.listPages<ConfigMap>(configMaps, { limit: 10 })[Symbol.asyncIterator]().next();
  assert.equal(first.value?.remainingItemCount, everything.items.length - 10);
});

test('a watch yields ADDED, MODIFIED, DELETED and BOOKMARK events and ends quietly on abort', async () => {
  const start = await client.list<ConfigMap>(configMaps, { labelSelector: 'set=watched' });
  const controller = new AbortController();
  const events: WatchEvent<ConfigMap>[] = [];
  const watching = (async () => {
    for await (const event of client.watch<ConfigMap>(configMaps, {
      resourceVersion: start.resourceVersion,
      allowWatchBookmarks: true,
      labelSelector: 'set=watched',
      signal: controller.signal,
    })) {
      events.push(event);
      if (event.type === 'DELETED') controller.abort();
    }
  })();
  const name = `watched-${Date.now()}`;
  await client.request({ method: 'POST', path: configMaps, body: configMap(name, { set: 'watched' }) });
  await client.request({
    method: 'PATCH',
    path: `${configMaps}/${name}`,
    body: { data: { changed: 'yes' } },
    contentType: 'application/merge-patch+json',
  });
  await client.request({ method: 'DELETE', path: `${configMaps}/${name}` });
  await watching;
  assert.deepEqual(
    events
      .filter((event) => event.type !== 'BOOKMARK')
      .map((event) => [event.type, event.object.metadata.name]),
    [
      ['ADDED', name],
      ['MODIFIED', name],
      ['DELETED', name],
    ],
  );
  assert.deepEqual(events.find((event) => event.type === 'MODIFIED')?.object.data, { changed: 'yes' });
});

test('watch-list sends the current objects, then a bookmark; breaking out of the loop closes the watch', async () => {
  const seen: string[] = [];
  for await (const event of client.watch<ConfigMap & { metadata: { annotations?: Record<string, string> } }>(
    configMaps,
    { sendInitialEvents: true, labelSelector: 'set=paged' },
  )) {
    if (event.type === 'BOOKMARK') {
      assert.equal(event.object.metadata.annotations?.['k8s.io/initial-events-end'], 'true');
      break;
    }
    seen.push(`${event.type} ${event.object.metadata.name}`);
  }
  assert.equal(seen.length, 25);
  assert.ok(seen.every((line) => line.startsWith('ADDED paged-')));
});

test('a watch that ends at timeoutSeconds completes without error', async () => {
  const started = Date.now();
  const events = [];
  for await (const event of client.watch(configMaps, { timeoutSeconds: 1, labelSelector: 'set=nothing' })) {
    events.push(event);
  }
  assert.deepEqual(events, []);
  assert.ok(Date.now() - started < 10_000);
});

test('aggregated and per-group discovery agree, and a new CRD shows up', async () => {
  const crd = testCrd({
    group: `${namespace}.example.com`,
    kind: 'Widget',
    plural: 'widgets',
    shortNames: ['wdg'],
    status: true,
  });
  const created = await client.request({
    method: 'POST',
    path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
    body: crd,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  try {
    let widget: unknown;
    for (let attempt = 0; attempt < 60 && !widget; attempt++) {
      const discovery = await client.discover();
      widget = discovery.resources.find((resource) => resource.group === crd.spec.group);
      if (!widget) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.deepEqual(widget, {
      group: crd.spec.group,
      version: 'v1',
      resource: 'widgets',
      kind: 'Widget',
      singular: 'widget',
      namespaced: true,
      verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'],
      shortNames: ['wdg'],
      categories: [],
      subresources: ['status'],
      preferred: true,
    });
    const aggregated = await client.discover();
    const legacy = await client.discover({ aggregated: false });
    const key = (resource: object) => JSON.stringify(resource);
    assert.deepEqual(aggregated.resources.map(key), legacy.resources.map(key));
    assert.deepEqual(aggregated.failed, []);
    const deployments = aggregated.resources.find(
      (resource) => resource.group === 'apps' && resource.resource === 'deployments',
    );
    assert.equal(deployments?.kind, 'Deployment');
    assert.ok(deployments?.subresources.includes('scale'));
    const pods = aggregated.resources.find(
      (resource) => resource.group === '' && resource.resource === 'pods',
    );
    assert.ok(pods?.namespaced && pods.verbs.includes('watch') && pods.subresources.includes('log'));
  } finally {
    await client.request({
      method: 'DELETE',
      path: `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`,
    });
  }
});

test('after a 401 the credentials are fetched again and the request repeated once', async () => {
  await client.request({
    method: 'POST',
    path: `/api/v1/namespaces/${namespace}/serviceaccounts`,
    body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'reader' } },
  });
  const token = (
    await kubectlOk(binDir, sandbox.kubeconfig, ['create', 'token', 'reader', '-n', namespace])
  ).trim();
  let invalidations = 0;
  const rotating = createKubeClient({
    server: admin.server,
    ...(admin.ca ? { ca: admin.ca } : {}),
    credentials: {
      get: async () => ({ authorization: `Bearer ${invalidations === 0 ? 'stale-token' : token}` }),
      invalidate: () => {
        invalidations += 1;
      },
    },
  });
  try {
    const review = await rotating.request<{ status: { userInfo: { username: string } } }>({
      method: 'POST',
      path: '/apis/authentication.k8s.io/v1/selfsubjectreviews',
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    });
    assert.equal(review.status, 201);
    assert.equal(review.body.status.userInfo.username, `system:serviceaccount:${namespace}:reader`);
    assert.equal(invalidations, 1);
  } finally {
    rotating.close();
  }
});

test('an unreachable server is named with host and port', async () => {
  const port = await closedPort();
  const offline = createKubeClient({ ...admin, server: `https://127.0.0.1:${port}` });
  await assert.rejects(offline.get('/version'), (error: unknown) => {
    assert.ok(error instanceof KubeConnectionError);
    assert.equal(error.failure, 'unreachable');
    assert.equal(error.address, `127.0.0.1:${port}`);
    assert.match(
      error.message,
      new RegExp(`API server at 127\\.0\\.0\\.1:${port} is unreachable: connection refused`),
    );
    return true;
  });
  offline.close();
});

test('through an HTTP CONNECT proxy, with kept-alive connections; a refusing proxy is named', async () => {
  const proxy = await startConnectProxy({ credentials: 'user:secret' });
  const proxied = createKubeClient({ ...admin, proxyUrl: `${proxy.url.replace('//', '//user:secret@')}` });
  try {
    for (let i = 0; i < 5; i++)
      assert.match((await proxied.get<{ gitVersion: string }>('/version')).gitVersion, /^v1\./);
    assert.deepEqual(proxy.tunnels, [new URL(admin.server).host], 'one tunnel, kept alive for every request');
  } finally {
    proxied.close();
    await proxy.close();
  }
  const refusing = await startConnectProxy({ refuse: true });
  const refused = createKubeClient({ ...admin, proxyUrl: refusing.url });
  try {
    await assert.rejects(refused.get('/version'), (error: unknown) => {
      assert.ok(error instanceof KubeConnectionError);
      assert.equal(error.failure, 'proxy');
      assert.match(
        error.message,
        /the proxy at 127\.0\.0\.1:\d+ refused to open a tunnel to 127\.0\.0\.1:\d+: 403 Forbidden/,
      );
      return true;
    });
  } finally {
    refused.close();
    await refusing.close();
  }
});

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import type http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { eventually, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import { run, start } from '#server/proxy/testing/kube-tools.ts';
import { JANE, startTestProxy, type TestProxy, TOKEN } from './testing/sandbox-proxy.ts';

const { binDir, clusters } = sharedSandboxes();
const sandbox = clusters[0];
if (!sandbox) throw new Error('no shared sandbox');
const ns = uniqueNamespace('kube-proxy');
const kubectlBin = path.join(binDir, 'kubectl');
let dir = '';
let proxy: TestProxy;

/** kubectl through the proxy, with its own HOME so its discovery cache is this test's. */
const viaProxy = (args: string[], options: { input?: string; kubeconfig?: string } = {}) =>
  run(kubectlBin, [`--kubeconfig=${options.kubeconfig ?? proxy.kubeconfig}`, ...args], {
    env: { HOME: dir },
    ...(options.input === undefined ? {} : { input: options.input }),
  });
const viaProxyOk = async (args: string[], input?: string) => {
  const result = await viaProxy(args, input === undefined ? {} : { input });
  assert.equal(result.code, 0, `kubectl ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
};
const direct = (args: string[]) => kubectlOk(binDir, sandbox.kubeconfig, args);

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kube-proxy-'));
  proxy = await startTestProxy(sandbox, dir);
  await direct(['create', 'namespace', ns]);
});

after(async () => {
  await direct(['delete', 'namespace', ns, '--wait=false']).catch(() => undefined);
  await proxy?.close();
  await rm(dir, { recursive: true, force: true });
});

test('kubectl get, apply and delete go through the proxy', async () => {
  assert.match(await viaProxyOk(['get', 'namespaces', '-o', 'name']), new RegExp(`namespace/${ns}`));
  const configMap = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: through\n  namespace: ${ns}\ndata:\n  greeting: hello\n`;
  assert.match(await viaProxyOk(['apply', '-f', '-'], configMap), /configmap\/through created/);
  assert.match(await viaProxyOk(['apply', '--server-side', '-f', '-'], configMap), /serverside-applied/);
  const fetched = JSON.parse(await viaProxyOk(['get', 'configmap', 'through', '-n', ns, '-o', 'json']));
  assert.equal(fetched.data.greeting, 'hello');
  await viaProxyOk(['patch', 'configmap', 'through', '-n', ns, '--type=merge', '-p', '{"data":{"b":"2"}}']);
  assert.match(await viaProxyOk(['delete', 'configmap', 'through', '-n', ns]), /deleted/);
  const missing = await viaProxy(['get', 'configmap', 'through', '-n', ns]);
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /NotFound.*configmaps "through" not found/);
});

test('kubectl get -w shows ADDED then MODIFIED as they happen', async () => {
  await direct(['create', 'configmap', 'before-watch', '-n', ns]);
  const watch = start(
    kubectlBin,
    [`--kubeconfig=${proxy.kubeconfig}`, ...['get', 'configmaps', '-n', ns, '-w', '--output-watch-events']],
    { HOME: dir },
  );
  try {
    await eventually('the watch to start', async () =>
      watch.output().includes('kube-root-ca') ? true : undefined,
    );
    await direct(['create', 'configmap', 'watched', '-n', ns, '--from-literal=a=1']);
    await watch.waitFor(/ADDED\s+watched/);
    await direct(['patch', 'configmap', 'watched', '-n', ns, '--type=merge', '-p', '{"data":{"a":"2"}}']);
    await watch.waitFor(/MODIFIED\s+watched/);
  } finally {
    await watch.stop();
  }
});

/** The member cluster's count of open namespaced watches on podtemplates (nothing else makes them). */
async function openPodTemplateWatches(): Promise<number> {
  const metrics = await direct(['get', '--raw', '/metrics']);
  const line = metrics
    .split('\n')
    .find(
      (text) =>
        text.startsWith('apiserver_longrunning_requests{') &&
        text.includes('resource="podtemplates"') &&
        text.includes('scope="namespace"') &&
        text.includes('verb="WATCH"'),
    );
  return line ? Number(line.split(' ').at(-1)) : 0;
}

test('a watch answers its headers at once and ends on the cluster when the caller goes', async () => {
  const before = await openPodTemplateWatches();
  const url = `${proxy.baseUrl}/k8s/clusters/sandbox/api/v1/namespaces/${ns}/podtemplates?watch=true`;
  const request = https.get(url, { ca: proxy.ca, headers: { authorization: `Bearer ${TOKEN}` } });
  const response = await new Promise<http.IncomingMessage>((resolve) => request.once('response', resolve));
  assert.equal(response.statusCode, 200);
  await eventually('the watch to be open on the cluster', async () =>
    (await openPodTemplateWatches()) === before + 1 ? true : undefined,
  );
  request.destroy();
  await eventually('the watch to end on the cluster', async () =>
    (await openPodTemplateWatches()) === before ? true : undefined,
  );
});

test('closing the app ends the watches still open through it', async () => {
  const second = await startTestProxy(sandbox, await mkdtemp(path.join(dir, 'second-')));
  const url = `${second.baseUrl}/k8s/clusters/sandbox/api/v1/namespaces/${ns}/podtemplates?watch=true`;
  const request = https.get(url, { ca: second.ca, headers: { authorization: `Bearer ${TOKEN}` } });
  const response = await new Promise<http.IncomingMessage>((resolve) => request.once('response', resolve));
  assert.equal(response.statusCode, 200);
  const ended = new Promise((resolve) => response.once('close', resolve));
  await second.close();
  await ended;
});

test('impersonation is applied, and identities the caller claims are not passed on', async () => {
  const jane = JSON.parse(await viaProxyOk(['--context=as-jane', 'auth', 'whoami', '-o', 'json']));
  assert.equal(jane.status.userInfo.username, JANE.user);
  assert.ok(jane.status.userInfo.groups.includes('proxy-test-group'), JSON.stringify(jane.status.userInfo));
  const admin = JSON.parse(await direct(['auth', 'whoami', '-o', 'json']));
  const claimed = JSON.parse(await viaProxyOk(['--as=someone-else', 'auth', 'whoami', '-o', 'json']));
  assert.equal(claimed.status.userInfo.username, admin.status.userInfo.username);
  const forbidden = await viaProxy(['--context=as-jane', 'get', 'secrets', '-n', ns]);
  assert.match(forbidden.stderr, /Forbidden.*proxy-test-jane/);
});

test('an unknown cluster, a bad token and an unreachable cluster are told apart', async () => {
  const unknown = await viaProxy(['--context=nowhere', 'get', '--raw', '/api/v1/namespaces']);
  assert.match(unknown.stderr, /NotFound.*cluster "nowhere" is not registered/);
  // Discovery hides the body of a 404; the Warning header still tells the user which cluster.
  const unknownGet = await viaProxy(['--context=nowhere', 'get', 'pods']);
  assert.notEqual(unknownGet.code, 0);
  assert.match(unknownGet.stderr, /Warning: cluster "nowhere" is not registered in Portolan/);

  const wrong = await viaProxy(['get', 'pods', '-n', ns], { kubeconfig: proxy.wrongTokenKubeconfig });
  assert.notEqual(wrong.code, 0);
  assert.match(wrong.stderr, /You must be logged in to the server/);
  assert.match(wrong.stderr, /Warning: Portolan did not accept the credentials/);
  const missing = await new Promise<http.IncomingMessage>((resolve, reject) =>
    https.get(`${proxy.baseUrl}/k8s/clusters/sandbox/api`, { ca: proxy.ca }, resolve).once('error', reject),
  );
  assert.equal(missing.statusCode, 401);
  const body = JSON.parse(Buffer.concat(await missing.toArray()).toString('utf8'));
  assert.equal(body.kind, 'Status');
  assert.equal(body.code, 401);

  const gone = await viaProxy(['--context=gone', 'get', '--raw', '/version']);
  assert.match(gone.stderr, /ServiceUnavailable.*Portolan cannot reach cluster "gone".*connection refused/);
  const goneGet = await viaProxy(['--context=gone', 'get', 'pods']);
  assert.notEqual(goneGet.code, 0);
  assert.match(goneGet.stderr, /Warning: Portolan cannot reach cluster "gone"/);
});

test('kubectl logs, and logs -f ended after a line', async () => {
  await direct(['run', 'talker', '-n', ns, '--image=busybox', '--restart=Never']);
  await eventually('the pod to run', async () =>
    (await direct(['get', 'pod', 'talker', '-n', ns, '-o', 'jsonpath={.status.phase}'])) === 'Running'
      ? true
      : undefined,
  );
  assert.match(await viaProxyOk(['logs', 'talker', '-n', ns]), /ready to serve requests/);
  const follow = start(kubectlBin, [`--kubeconfig=${proxy.kubeconfig}`, 'logs', '-f', 'talker', '-n', ns], {
    HOME: dir,
  });
  try {
    await follow.waitFor(/container started/);
  } finally {
    await follow.stop();
  }
});

/** A request straight to the proxy, the body sent in chunks (no Content-Length). */
function rawRequest(method: string, apiPath: string, headers: Record<string, string>, chunks: string[] = []) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      const request = https.request(`${proxy.baseUrl}/k8s/clusters/sandbox${apiPath}`, {
        method,
        ca: proxy.ca,
        headers: { authorization: `Bearer ${TOKEN}`, ...headers },
      });
      request.once('error', reject);
      request.once('response', async (response) => {
        const body = Buffer.concat(await response.toArray());
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
      });
      for (const chunk of chunks) request.write(chunk);
      request.end();
    },
  );
}

test('a chunked upload goes through, and a large gzip response comes back untouched', async () => {
  const created = await rawRequest(
    'POST',
    `/api/v1/namespaces/${ns}/configmaps`,
    { 'content-type': 'application/json' },
    ['{"metadata":{"name":"chunked"},', '"data":{"sent":"in pieces"}}'],
  );
  assert.equal(created.status, 201, created.body.toString());
  const items = Array.from({ length: 150 }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `bulk-${i}`, namespace: ns },
    data: { filler: 'x'.repeat(2000) },
  }));
  await kubectlOk(binDir, sandbox.kubeconfig, ['apply', '-f', '-'], {
    input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items }),
  });
  const list = await rawRequest('GET', `/api/v1/namespaces/${ns}/configmaps`, { 'accept-encoding': 'gzip' });
  assert.equal(list.headers['content-encoding'], 'gzip');
  const body = JSON.parse(gunzipSync(list.body).toString('utf8')) as {
    items: { metadata: { name: string } }[];
  };
  assert.ok(body.items.some((item) => item.metadata.name === 'chunked'));
  assert.equal(body.items.filter((item) => item.metadata.name.startsWith('bulk-')).length, 150);
  const table = await viaProxyOk(['get', 'configmaps', '-n', ns, '--chunk-size=40']);
  assert.equal(table.split('\n').filter((line) => line.startsWith('bulk-')).length, 150);
});

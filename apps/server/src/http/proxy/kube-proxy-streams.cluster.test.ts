import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eventually, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import { type RunOptions, run, runOk, start } from '#server/proxy/testing/kube-tools.ts';
import { startTestProxy, type TestProxy, TOKEN } from './testing/sandbox-proxy.ts';

const { binDir, clusters } = sharedSandboxes();
const sandbox = clusters[0];
if (!sandbox) throw new Error('no shared sandbox');
const ns = uniqueNamespace('kube-proxy-streams');
const kubectlBin = path.join(binDir, 'kubectl');
const helmBin = path.join(binDir, 'helm');
const SPDY = { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false', KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' };
let dir = '';
let proxy: TestProxy;

const clientEnv = (env: NodeJS.ProcessEnv = {}) => ({ HOME: dir, ...env });
const viaProxy = (args: string[], options: RunOptions = {}) =>
  run(kubectlBin, [`--kubeconfig=${proxy.kubeconfig}`, ...args], { ...options, env: clientEnv(options.env) });
const direct = (args: string[]) => kubectlOk(binDir, sandbox.kubeconfig, args);

/** The Upgrade headers the proxy received while `action` ran. */
async function upgradesDuring(action: () => Promise<void>): Promise<string[]> {
  const from = proxy.upgrades.length;
  await action();
  return proxy.upgrades.slice(from);
}

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kube-proxy-streams-'));
  proxy = await startTestProxy(sandbox, dir);
  await direct(['create', 'namespace', ns]);
  await eventually('the default ServiceAccount', async () =>
    (await run(kubectlBin, [`--kubeconfig=${sandbox.kubeconfig}`, 'get', 'sa', 'default', '-n', ns])).code ===
    0
      ? true
      : undefined,
  );
  await direct(['run', 'shell', '-n', ns, '--image=busybox', '--restart=Never']);
  await eventually('the pod to run', async () =>
    (await direct(['get', 'pod', 'shell', '-n', ns, '-o', 'jsonpath={.status.phase}'])) === 'Running'
      ? true
      : undefined,
  );
});

after(async () => {
  await direct(['delete', 'namespace', ns, '--wait=false']).catch(() => undefined);
  await proxy?.close();
  await rm(dir, { recursive: true, force: true });
});

for (const [protocol, env, upgrade] of [
  ['WebSocket (v5.channel.k8s.io)', {}, 'websocket'],
  ['SPDY/3.1', SPDY, 'SPDY/3.1'],
] as const) {
  test(`kubectl exec over ${protocol} prints the command's output and passes stdin`, async () => {
    const upgrades = await upgradesDuring(async () => {
      const echo = await viaProxy(['exec', 'shell', '-n', ns, '--', 'echo', 'hi'], { env });
      assert.equal(echo.code, 0, echo.stderr);
      assert.equal(echo.stdout, 'hi\n');
      const input = await viaProxy(['exec', '-i', 'shell', '-n', ns, '--', 'head', '-n', '1'], {
        env,
        input: 'through stdin\n',
        timeoutMs: 20_000,
      });
      assert.equal(input.code, 0, input.stderr);
      assert.equal(input.stdout, 'through stdin\n');
      // kwok reports a command's failure as an error (exit code 1) rather than its exit code.
      const failing = await viaProxy(['exec', 'shell', '-n', ns, '--', 'sh', '-c', 'exit 3'], { env });
      assert.notEqual(failing.code, 0);
      assert.match(failing.stderr, /exit status 3/);
    });
    // kubectl falls back from WebSocket to SPDY on its own: check which one really went through.
    assert.deepEqual(new Set(upgrades.map((value) => value.toLowerCase())), new Set([upgrade.toLowerCase()]));
  });
}

/** Starts an exec upgrade by hand and reads the refusal (a non-101 answer). */
function refusedUpgrade(cluster: string, token: string | undefined) {
  const query = 'command=echo&command=hi&stdout=true';
  const url = `${proxy.baseUrl}/k8s/clusters/${cluster}/api/v1/namespaces/${ns}/pods/shell/exec?${query}`;
  return new Promise<{ status: number; body: { kind: string; message: string } }>((resolve, reject) => {
    const request = https.request(url, {
      ca: proxy.ca,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        'sec-websocket-protocol': 'v5.channel.k8s.io',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
    request.once('upgrade', (_response, socket) => {
      socket.destroy();
      reject(new Error('the upgrade was accepted'));
    });
    request.once('response', async (response) => {
      const text = Buffer.concat(await response.toArray()).toString('utf8');
      resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) });
    });
    request.once('error', reject);
    request.end();
  });
}

test('an upgrade is refused with a Status for a bad token, an unknown or an unreachable cluster', async () => {
  const anonymous = await refusedUpgrade('sandbox', undefined);
  assert.equal(anonymous.status, 401);
  assert.equal(anonymous.body.kind, 'Status');
  const unknown = await refusedUpgrade('nowhere', TOKEN);
  assert.equal(unknown.status, 404);
  assert.match(unknown.body.message, /cluster "nowhere" is not registered/);
  const gone = await refusedUpgrade('gone', TOKEN);
  assert.equal(gone.status, 503);
  assert.match(gone.body.message, /Portolan cannot reach cluster "gone"/);
  // A refusal by the member cluster itself comes back as it was sent.
  const forbidden = await refusedUpgrade('as-jane', TOKEN);
  assert.equal(forbidden.status, 403);
  assert.match(forbidden.body.message, /proxy-test-jane/);
});

test('kubectl attach reaches the node agent and relays its answer', async () => {
  // The sandbox's kwok has no Attach rules: the same error must come back through the proxy.
  const directly = await run(
    kubectlBin,
    [`--kubeconfig=${sandbox.kubeconfig}`, 'attach', 'shell', '-n', ns],
    {
      timeoutMs: 20_000,
    },
  );
  const proxied = await viaProxy(['attach', 'shell', '-n', ns], { timeoutMs: 20_000 });
  assert.match(directly.stderr, /no attaches found/);
  assert.match(proxied.stderr, /no attaches found/);
});

for (const [protocol, env, upgrade] of [
  ['WebSocket', {}, 'websocket'],
  ['SPDY/3.1', SPDY, 'SPDY/3.1'],
] as const) {
  test(`kubectl port-forward over ${protocol} opens the tunnel and relays the node agent's answer`, async () => {
    const forward = start(
      kubectlBin,
      [`--kubeconfig=${proxy.kubeconfig}`, 'port-forward', '-n', ns, 'pod/shell', ':80'],
      clientEnv(env),
    );
    const from = proxy.upgrades.length;
    try {
      const [, port] = await forward.waitFor(/Forwarding from 127\.0\.0\.1:(\d+) -> 80/);
      // kwok has no PortForward rules here, so it answers each connection with an error on the
      // error stream; seeing that error proves both directions of the tunnel.
      const socket = net.connect(Number(port), '127.0.0.1');
      socket.on('error', () => undefined);
      socket.write('GET / HTTP/1.0\r\n\r\n');
      await forward.waitFor(/no forward found for port 80/);
      socket.destroy();
      assert.equal(proxy.upgrades.at(-1)?.toLowerCase(), upgrade.toLowerCase());
      assert.ok(proxy.upgrades.length > from);
    } finally {
      await forward.stop();
    }
  });
}

test('helm installs, lists and uninstalls a chart through the proxy', async () => {
  const chart = path.join(dir, 'chart');
  await mkdir(path.join(chart, 'templates'), { recursive: true });
  await writeFile(path.join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: proxy-test\nversion: 0.1.0\n');
  await writeFile(
    path.join(chart, 'templates', 'configmap.yaml'),
    [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: {{ .Release.Name }}-settings',
      'data:',
      '  greeting: {{ .Values.greeting | default "hello" | quote }}',
      '',
    ].join('\n'),
  );
  const helm = (...args: string[]) =>
    runOk(helmBin, [...args, '-n', ns, `--kubeconfig=${proxy.kubeconfig}`], { env: clientEnv() });
  assert.match(
    await helm('install', 'greeter', chart, '--set', 'greeting=hi', '--wait', '--timeout=60s'),
    /deployed/,
  );
  assert.equal(
    await direct(['get', 'configmap', 'greeter-settings', '-n', ns, '-o', 'jsonpath={.data.greeting}']),
    'hi',
  );
  const releases = JSON.parse(await helm('list', '-o', 'json')) as { name: string; status: string }[];
  assert.deepEqual(
    releases.map((release) => [release.name, release.status]),
    [['greeter', 'deployed']],
  );
  assert.match(await helm('uninstall', 'greeter', '--wait'), /uninstalled/);
  assert.deepEqual(JSON.parse(await helm('list', '-o', 'json')), []);
});

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import YAML from 'yaml';
import { httpOk } from './http-probe.ts';
import { kubectl, kubectlOk, useNamespace } from './testing/kubectl.ts';
import { sharedSandboxes, uniqueNamespace } from './testing/shared-sandboxes.ts';

const { binDir, clusters } = sharedSandboxes();
const cluster = clusters[0];
if (!cluster) throw new Error('no shared sandbox');
const k = (args: string[], input?: string) =>
  kubectlOk(binDir, cluster.kubeconfig, args, input === undefined ? {} : { input });
const ns = uniqueNamespace('access');

async function runningPod(name: string): Promise<void> {
  await k(['run', name, '--image=busybox', '-n', ns, '--', 'sleep', '3600']);
  await k(['wait', '--for=condition=Ready', `pod/${name}`, '-n', ns, '--timeout=60s']);
}

describe('access, logs and exec on a sandbox cluster', () => {
  useNamespace({ before, after }, binDir, cluster.kubeconfig, ns);

  test("etcd answers only clients holding a certificate from the sandbox's CA, on both of its ports", async () => {
    const dir = path.dirname(cluster.kubeconfig);
    const { ports } = JSON.parse(await readFile(path.join(dir, 'sandbox.json'), 'utf8')) as {
      ports: { etcdClient: number; etcdPeer: number };
    };
    const pki = (name: string) => path.join(dir, 'pki', name);
    const tls = { ca: pki('ca.crt'), cert: pki('apiserver.crt'), key: pki('apiserver.key') };
    const client = `127.0.0.1:${ports.etcdClient}/health`;
    assert.equal(await httpOk(`https://${client}`, 2000, tls), true, 'with the certificate');
    assert.equal(await httpOk(`https://${client}`), false, 'TLS without a client certificate');
    assert.equal(await httpOk(`http://${client}`), false, 'plain HTTP');
    assert.equal(await httpOk(`http://127.0.0.1:${ports.etcdPeer}/members`), false, 'the peer port, plain');
    assert.equal(
      await httpOk(`https://127.0.0.1:${ports.etcdPeer}/members`),
      false,
      'the peer port, no cert',
    );
  });

  test('a user bound only to view may read but is refused a delete', async () => {
    await runningPod('target');
    await k(['create', 'serviceaccount', 'viewer', '-n', ns]);
    await k([
      'create',
      'rolebinding',
      'viewer-view',
      '--clusterrole=view',
      `--serviceaccount=${ns}:viewer`,
      '-n',
      ns,
    ]);
    const token = (await k(['create', 'token', 'viewer', '-n', ns])).trim();
    const config = YAML.parse(await readFile(cluster.kubeconfig, 'utf8')) as {
      clusters: { cluster: { 'certificate-authority-data': string } }[];
    };
    const caFile = path.join(path.dirname(cluster.kubeconfig), 'pki', 'ca.crt');
    assert.ok(config.clusters[0]?.cluster['certificate-authority-data']);
    const asViewer = (args: string[]) =>
      kubectl(binDir, '/dev/null', [
        `--server=${cluster.server}`,
        `--certificate-authority=${caFile}`,
        `--token=${token}`,
        ...args,
      ]);

    const list = await asViewer(['get', 'pods', '-n', ns, '-o', 'name']);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /pod\/target/);

    const denied = await asViewer(['delete', 'pod', 'target', '-n', ns]);
    assert.notEqual(denied.code, 0);
    assert.match(denied.stderr, /forbidden/i);
    assert.match(denied.stderr, new RegExp(`system:serviceaccount:${ns}:viewer`));
    assert.match(
      await k(['get', 'pod', 'target', '-n', ns, '-o', 'name']),
      /pod\/target/,
      'the pod is still there',
    );
  });

  test('kubectl logs and kubectl exec return what kwok simulates', async () => {
    await runningPod('shell');
    const logs = await k(['logs', 'shell', '-n', ns]);
    assert.match(
      logs,
      new RegExp(`portolan sandbox ${cluster.name}: container started \\(simulated by kwok\\)`),
    );
    const tail = await k(['logs', 'shell', '-n', ns, '--tail=1']);
    assert.equal(tail.trim().split('\n').length, 1);

    const echoed = await k(['exec', 'shell', '-n', ns, '--', 'echo', 'hello from exec']);
    assert.equal(echoed.trim(), 'hello from exec');
    const env = await k(['exec', 'shell', '-n', ns, '--', 'sh', '-c', 'echo "$PORTOLAN_SANDBOX"']);
    assert.equal(env.trim(), cluster.name);
    const failed = await kubectl(binDir, cluster.kubeconfig, [
      'exec',
      'shell',
      '-n',
      ns,
      '--',
      'sh',
      '-c',
      'exit 7',
    ]);
    // kwok reports a failed command as an error naming its exit status (a kubelet passes the code).
    assert.notEqual(failed.code, 0);
    assert.match(failed.stderr, /exit status 7/);
  });
});

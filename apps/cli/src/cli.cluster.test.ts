import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eventually, kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import { type Harness, startHarness } from '@portolan/server/testing/portolan-harness.ts';
import { parse } from 'yaml';

const { binDir, clusters } = sharedSandboxes();
const main = path.join(import.meta.dirname, 'main.ts');

function manifests(image: string): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  greeting: hello
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ${image}
`;
}

describe('the portolan CLI against a real server and sandbox clusters', () => {
  let harness: Harness;
  let dir: string;
  const namespace = uniqueNamespace('cli');
  // Registered under names of this file's own, so other test files' servers do not matter.
  const names = clusters.map((_cluster, index) => `cli-${index}`);
  const first = names[0] ?? 'cli-0';

  const cli = (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        [main, ...args],
        {
          env: {
            ...process.env,
            PORTOLAN_SERVER: harness.url,
            PORTOLAN_TOKEN: harness.headers.authorization.slice(7),
          },
          timeout: 120_000,
        },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  const ok = async (...args: string[]) => {
    const result = await cli(...args);
    assert.equal(result.code, 0, `portolan ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };
  const here = ['-n', namespace, '--cluster', first];

  before(async () => {
    harness = await startHarness();
    dir = await mkdtemp(path.join(os.tmpdir(), 'portolan-cli-'));
    for (const [index, cluster] of clusters.entries()) {
      await kubectlOk(binDir, cluster.kubeconfig, ['create', 'namespace', namespace]);
      await harness.register(names[index] ?? '', cluster.kubeconfig, { env: index === 0 ? 'dev' : 'prod' });
    }
  });

  after(async () => {
    await harness?.stop({ removeData: true });
    for (const cluster of clusters) {
      await kubectl(binDir, cluster.kubeconfig, ['delete', 'namespace', namespace, '--wait=false']);
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('clusters lists the registered clusters', async () => {
    const table = await ok('clusters');
    for (const name of names) assert.match(table, new RegExp(`^${name}\\s+Ready\\s+v1\\.`, 'm'));
  });

  test('clusters test checks a kubeconfig without registering it; a broken one is refused with its line', async () => {
    const kubeconfig = clusters[0]?.kubeconfig ?? '';
    const out = await ok('clusters', 'test', '--kubeconfig', kubeconfig);
    assert.match(
      out,
      /^connection ok: https:\/\/127\.0\.0\.1:\d+ .*v1\.\d+.*kwok, \d+ nodes.*nothing was saved$/m,
    );
    assert.doesNotMatch(await ok('clusters', '-o', 'name'), /^test$/m);
    const broken = path.join(dir, 'broken-kubeconfig');
    await writeFile(broken, 'clusters: [\n');
    const refused = await cli('clusters', 'test', '--kubeconfig', broken);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /line/i);
  });

  test('apply of a two-document file, to each cluster; --diff first shows what would change', async () => {
    const file = path.join(dir, 'web.yaml');
    await writeFile(file, manifests('nginx:1.27'));
    const diff = await ok('apply', '-f', file, '--diff', ...here);
    assert.match(diff, /\+\+\+ proposed Deployment\/.*\/web/);
    assert.match(diff, /^\+ {8}- image: nginx:1\.27$/m);
    for (const name of names) {
      const out = await ok('apply', '-f', file, '-n', namespace, '--cluster', name);
      assert.equal(out, 'configmap/web-config created\ndeployment.apps/web created\n');
    }
  });

  test('get: one cluster from the store, then --all-clusters with a CLUSTER column', async () => {
    const one = await eventually('both replicas ready in the store', async () => {
      const out = await ok('get', 'deploy', ...here);
      return /^web\s+2\/2\s+2\s+2\s+\d+s$/m.test(out) ? out : undefined;
    });
    assert.match(one, /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/m);
    const all = await eventually('the deployment in every cluster', async () => {
      const out = await ok('get', 'deployments', '-n', namespace, '--all-clusters');
      const rows =
        names.length > 1 ? names.map((name) => new RegExp(`^${name}\\s+web\\s`, 'm')) : [/^web\s/m];
      return rows.every((row) => row.test(out)) ? out : undefined;
    });
    if (names.length > 1) assert.match(all, /^CLUSTER\s+NAME\s+READY/m);
    const byLabel = await ok('get', 'deploy', '-n', namespace, '--cluster-selector', 'env=dev', '-o', 'name');
    assert.equal(byLabel, 'deployment.apps/web\n');
  });

  test('get -o json, yaml and wide', async () => {
    const live = JSON.parse(await ok('get', 'deploy', 'web', ...here, '-o', 'json'));
    assert.equal(live.kind, 'Deployment');
    assert.equal(live.metadata.namespace, namespace);
    const list = parse(await ok('get', 'cm', '-n', namespace, '--all-clusters', '-o', 'yaml'));
    assert.equal(list.kind, 'List');
    const configs = list.items.filter(
      (item: { metadata: { name: string } }) => item.metadata.name === 'web-config',
    );
    assert.equal(configs.length, names.length);
    if (names.length > 1) assert.equal(configs[0].metadata.annotations['portolan.io/cluster'], first);
    const wide = await eventually('running pods with IPs', async () => {
      const out = await ok('get', 'pods', ...here, '-o', 'wide', '-l', 'app=web');
      return (out.match(/\sRunning\s+0\s+\S+\s+\d+\.\d+\.\d+\.\d+\s+\S+/g) ?? []).length === 2
        ? out
        : undefined;
    });
    assert.match(wide, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE$/m);
  });

  test('scale, then rollout status waits until it is done', async () => {
    assert.equal(await ok('scale', 'deploy/web', '--replicas', '3', ...here), 'deployment.apps/web scaled\n');
    const status = await ok('rollout', 'status', 'deployment', 'web', '--timeout', '90s', ...here);
    assert.match(status, /deployment "web" successfully rolled out\n$/);
    const live = JSON.parse(await ok('get', 'deploy', 'web', ...here, '-o', 'json'));
    assert.equal(live.spec.replicas, 3);
  });

  test('a second revision, its history, then undo', async () => {
    const file = path.join(dir, 'web-2.yaml');
    await writeFile(file, manifests('nginx:1.28'));
    // `scale` took .spec.replicas for its own field manager; the file takes it back with --force.
    const refused = await cli('apply', '-f', file, ...here);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /\.spec\.replicas: conflict/);
    await ok('apply', '-f', file, '--force', ...here);
    const history = await eventually('revision 2 in the history', async () => {
      const out = await ok('rollout', 'history', 'deploy/web', ...here);
      return /^2\s+\*\s+\S+\s+nginx:1\.28/m.test(out) ? out : undefined;
    });
    assert.match(
      history,
      /^deployment\.apps\/web\nREVISION\s+CURRENT\s+AGE\s+IMAGES\s+CHANGE-CAUSE\n1\s+\S+\s+nginx:1\.27/,
    );
    await ok('rollout', 'status', 'deploy/web', '--timeout', '90s', ...here);
    assert.equal(
      await ok('rollout', 'undo', 'deploy/web', ...here),
      'deployment.apps/web rolled back to revision 1\n',
    );
    const live = JSON.parse(await ok('get', 'deploy', 'web', ...here, '-o', 'json'));
    assert.equal(live.spec.template.spec.containers[0].image, 'nginx:1.27');
    await eventually('revision 3 current', async () =>
      /^3\s+\*\s+\S+\s+nginx:1\.27/m.test(await ok('rollout', 'history', 'deploy/web', ...here))
        ? true
        : undefined,
    );
    await ok('rollout', 'status', 'deploy/web', '--timeout', '90s', ...here);
  });

  test('logs: the whole log, --tail, and -f until interrupted', async () => {
    const pod = await eventually('a running pod', async () => {
      const out = await ok('get', 'pods', ...here, '-l', 'app=web');
      return /^(\S+)\s+1\/1\s+Running\s/m.exec(out)?.[1];
    });
    const log = await eventually('log lines', async () => {
      const out = await ok('logs', pod, ...here);
      return out.trim() ? out : undefined;
    });
    const lastLine = log.trimEnd().split('\n').at(-1);
    assert.equal(await ok('logs', pod, '--tail', '1', ...here), `${lastLine}\n`);
    const following = spawn(process.execPath, [main, 'logs', pod, '-f', ...here], {
      env: {
        ...process.env,
        PORTOLAN_SERVER: harness.url,
        PORTOLAN_TOKEN: harness.headers.authorization.slice(7),
      },
    });
    let streamed = '';
    following.stdout.on('data', (chunk) => {
      streamed += chunk;
    });
    await eventually(
      'the followed log',
      async () => (streamed.includes(lastLine ?? '') ? true : undefined),
      30_000,
      100,
    );
    assert.equal(following.exitCode, null, 'follow keeps the stream open');
    following.kill('SIGINT');
    await new Promise((resolve) => following.once('exit', resolve));
  });

  test('errors: a missing object, an unknown cluster, broken YAML and a bad flag', async () => {
    const missing = await cli('get', 'deploy', 'nope', ...here);
    assert.equal(missing.code, 1);
    assert.match(
      missing.stderr,
      /^error: deployments\.apps "nope" in namespace ".*" (does not exist|not found)/,
    );
    const unknown = await cli('get', 'pods', '--cluster', 'no-such-cluster');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no cluster named "no-such-cluster"/);
    const broken = path.join(dir, 'broken.yaml');
    await writeFile(broken, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: [a: b\n');
    const refused = await cli('apply', '-f', broken, ...here);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /line 6, column 1/);
    const bad = await cli('scale', 'deploy/web', '--replicas', 'many', ...here);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--replicas "many" must be a whole number[\s\S]*Usage: portolan scale/);
  });

  test('delete removes the deployment', async () => {
    const out = await ok('delete', 'deploy', 'web', ...here);
    assert.match(out, /^deployment\.apps "web" (deleted|is being deleted)/);
  });
});

import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eventually, kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import { type Harness, startHarness } from '@portolan/server/testing/portolan-harness.ts';
import { createApiClient } from './api-client.ts';
import { runApiCommand } from './api-commands.ts';
import { fakeContext } from './testing/fake-api-context.ts';

/**
 * `portolan apply -f` of a file holding a Propagation and a plain ConfigMap, then `get propagations`
 * and `describe propagation`, against a real server and the shared sandboxes (issue #12).
 */
const { binDir, clusters } = sharedSandboxes();
const namespace = uniqueNamespace('pcli');
const names = clusters.map((_cluster, index) => `pcli-${index}`);
const propagation = `cli-${process.pid}`;
let harness: Harness;
let dir: string;

/** The CLI's commands in this process, over HTTP to the real server, with their output captured. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { output, context } = fakeContext(() => undefined);
  context.env = { PORTOLAN_SERVER: harness.url, PORTOLAN_TOKEN: harness.headers.authorization.slice(7) };
  context.now = () => new Date();
  context.connect = createApiClient;
  const [command = '', ...rest] = args;
  const code = await runApiCommand(command, rest, context);
  return { code, ...output };
}

const file = (mode: string) => `apiVersion: portolan.dev/v1
kind: Propagation
metadata:
  name: ${propagation}
spec:
  placement:
    clusters: { names: [${names.join(', ')}] }
  templates:
    - apiVersion: v1
      kind: ConfigMap
      metadata: { name: shared-settings, namespace: ${namespace} }
      data: { mode: ${mode} }
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: local-only
data: { here: "yes" }
`;

before(async () => {
  harness = await startHarness();
  dir = await mkdtemp(path.join(os.tmpdir(), 'portolan-pcli-'));
  for (const [index, cluster] of clusters.entries()) {
    await kubectlOk(binDir, cluster.kubeconfig, ['create', 'namespace', namespace]);
    await harness.register(names[index] ?? '', cluster.kubeconfig);
  }
});

after(async () => {
  await harness?.call('DELETE', `/api/v1/propagations/${propagation}`);
  await harness?.stop({ removeData: true });
  for (const cluster of clusters)
    await kubectl(binDir, cluster.kubeconfig, ['delete', 'namespace', namespace, '--wait=false']);
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('apply -f sends the Propagation to Portolan and the ConfigMap to the cluster; --diff previews per cluster', async () => {
  const manifest = path.join(dir, 'app.yaml');
  await writeFile(manifest, file('first'));
  const preview = await cli('apply', '-f', manifest, '--diff', '--cluster', names[0] ?? '', '-n', namespace);
  assert.equal(preview.code, 0, preview.stderr);
  assert.match(
    preview.stdout,
    new RegExp(`^# cluster ${names[0]}: ConfigMap/${namespace}/shared-settings \\(create\\)`, 'm'),
  );
  assert.match(preview.stdout, /^\+ {2}mode: first$/m);
  assert.equal(
    (await harness.call('GET', `/api/v1/propagations/${propagation}`)).status,
    404,
    'a diff saves nothing',
  );

  const applied = await cli('apply', '-f', manifest, '--cluster', names[0] ?? '', '-n', namespace);
  assert.equal(applied.code, 0, applied.stderr);
  assert.match(applied.stdout, new RegExp(`^propagation.portolan.dev/${propagation} created$`, 'm'));
  assert.match(applied.stdout, /^configmap\/local-only created/m);
  await writeFile(manifest, file('second'));
  const again = await cli('apply', '-f', manifest, '--cluster', names[0] ?? '', '-n', namespace);
  assert.match(again.stdout, new RegExp(`^propagation.portolan.dev/${propagation} configured$`, 'm'));
  // The template reaches every named cluster; the plain ConfigMap only the one given.
  for (const [index, cluster] of clusters.entries()) {
    await eventually(`shared-settings on ${names[index]}`, async () => {
      const got = await kubectl(binDir, cluster.kubeconfig, [
        '-n',
        namespace,
        'get',
        'configmap',
        'shared-settings',
        '-o',
        'jsonpath={.data.mode}',
      ]);
      return got.code === 0 && got.stdout === 'second' ? true : undefined;
    });
  }
  const elsewhere = await kubectl(binDir, clusters[1]?.kubeconfig ?? '', [
    '-n',
    namespace,
    'get',
    'configmap',
    'local-only',
  ]);
  assert.notEqual(elsewhere.code, 0, 'the plain ConfigMap went to the chosen cluster only');
});

test('get propagations and describe propagation show the per-cluster state', async () => {
  await eventually('applied everywhere', async () => {
    const { body } = await harness.call<{ status: { phase: string } }>(
      'GET',
      `/api/v1/propagations/${propagation}`,
    );
    return body.status.phase === 'Applied' ? true : undefined;
  });
  const list = await cli('get', 'propagations');
  assert.equal(list.code, 0, list.stderr);
  const [header, ...rows] = list.stdout.trimEnd().split('\n');
  assert.match(header ?? '', /^NAME +PHASE +TARGETS +READY\/DESIRED +AGE$/);
  assert.match(
    rows.find((row) => row.startsWith(propagation)) ?? '',
    new RegExp(`^${propagation} +Applied +${names.length} +- +\\d+s$`),
  );
  const described = await cli('describe', 'propagation', propagation);
  assert.equal(described.code, 0, described.stderr);
  for (const name of names) assert.match(described.stdout, new RegExp(`^ {2}${name} +applied `, 'm'));
  assert.match(
    described.stdout,
    new RegExp(`^ {2}${names[0]} +ConfigMap/${namespace}/shared-settings +applied`, 'm'),
  );
  assert.match(described.stdout, /^Events:\n {2}AGE +TYPE +REASON/m);
  const missing = await cli('describe', 'propagation', 'no-such-propagation');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no propagation is named "no-such-propagation"/);
});

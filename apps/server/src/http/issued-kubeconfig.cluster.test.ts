import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { kubectl, sharedSandboxes } from '@portolan/sandbox/testing';
import { startHarness } from '#server/testing/portolan-harness.ts';

const { binDir, clusters } = sharedSandboxes();

test('the issued kubeconfig runs kubectl through the https proxy on every registered cluster, with a token of the caller', async () => {
  const harness = await startHarness();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'portolan-issued-'));
  try {
    assert.equal((await harness.call('GET', '/api/v1/kubeconfig')).status, 409, 'no clusters yet');
    for (const cluster of clusters) await harness.register(cluster.name, cluster.kubeconfig);
    const response = await fetch(`${harness.url}/api/v1/kubeconfig`, { headers: harness.headers });
    assert.equal(response.status, 200);
    const kubeconfig = path.join(dir, 'kubeconfig');
    await writeFile(kubeconfig, await response.text());
    for (const cluster of clusters) {
      const nodes = await kubectl(binDir, kubeconfig, [
        '--context',
        cluster.name,
        'get',
        'nodes',
        '-o',
        'name',
      ]);
      assert.equal(nodes.code, 0, nodes.stderr);
      assert.match(nodes.stdout, new RegExp(`node/${cluster.name}-node-0`));
    }
    const wrong = await kubectl(binDir, kubeconfig, ['--token', 'not-the-token', 'get', 'nodes']);
    assert.notEqual(wrong.code, 0);
    assert.match(wrong.stderr, /Unauthorized|401|must be logged in/i);
  } finally {
    await harness.stop({ removeData: true });
    await rm(dir, { recursive: true, force: true });
  }
});

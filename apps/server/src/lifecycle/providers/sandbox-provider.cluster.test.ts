import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { createSandboxManager } from '@portolan/sandbox';
import { kubectl, kubectlOk, sharedSandboxes } from '@portolan/sandbox/testing';
import type { ProviderRun } from '../provider.ts';
import { createSandboxProvider } from './sandbox-provider.ts';

const { binDir } = sharedSandboxes();
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-provider-'));
const sandboxes = createSandboxManager({ dataDir, binDir: async () => binDir });
const provider = createSandboxProvider({ sandboxes });
const name = `lc${process.pid}`;
const lines: string[] = [];
const run: ProviderRun = {
  signal: new AbortController().signal,
  progress: (_code, _params, text) => lines.push(text),
};

after(async () => {
  await provider.delete(name, run);
  await rm(dataDir, { recursive: true, force: true });
});

interface NodeList {
  items: {
    metadata: { name: string; labels: Record<string, string> };
    spec: { taints?: { key: string; value?: string; effect: string }[] };
    status: { nodeInfo: { kubeletVersion: string }; capacity: Record<string, string> };
  }[];
}

test('a sandbox cluster through the provider: pools, audit log, snapshot and restore, upgrade, node pools', async () => {
  const started = Date.now();
  const { kubeconfig } = await provider.create(
    {
      name,
      version: 'v1.36.1',
      nodePools: [
        {
          name: 'web',
          count: 2,
          cpu: '4',
          memory: '8Gi',
          maxPods: 50,
          labels: { 'example.com/tier': 'web' },
          taints: [],
        },
        {
          name: 'gpu',
          count: 1,
          cpu: '16',
          memory: '64Gi',
          maxPods: 20,
          labels: {},
          taints: [{ key: 'example.com/gpu', value: 'true', effect: 'NoSchedule' }],
          zone: 'zone-b',
        },
      ],
      podCidr: '10.200.0.0/16',
      serviceCidr: '10.100.0.0/16',
      auditLog: true,
    },
    run,
  );
  assert.match(kubeconfig, /certificate-authority-data/);
  const info = await sandboxes.get(name);
  const k = (args: string[]) => kubectlOk(binDir, info.kubeconfigPath, args);
  const nodes = async () => JSON.parse(await k(['get', 'nodes', '-o', 'json'])) as NodeList;
  const serverVersion = async () =>
    (JSON.parse(await k(['get', '--raw', '/version'])) as { gitVersion: string }).gitVersion;

  // Created on v1.36.1 with both pools, their labels, taint, zone and size.
  assert.equal(await serverVersion(), 'v1.36.1');
  const created = await nodes();
  assert.deepEqual(created.items.map((node) => node.metadata.name).sort(), [
    `${name}-gpu-1`,
    `${name}-web-1`,
    `${name}-web-2`,
  ]);
  for (const node of created.items) {
    const pool = node.metadata.labels['portolan.dev/node-pool'];
    assert.equal(node.status.nodeInfo.kubeletVersion, 'v1.36.1');
    if (pool === 'web') {
      assert.equal(node.metadata.labels['example.com/tier'], 'web');
      assert.deepEqual(node.status.capacity, { cpu: '4', memory: '8Gi', pods: '50' });
    } else {
      assert.equal(pool, 'gpu');
      assert.equal(node.metadata.labels['topology.kubernetes.io/zone'], 'zone-b');
      // Kubernetes' own taints (node.kubernetes.io/not-ready until the node reports Ready) come and go.
      const poolTaints = (node.spec.taints ?? []).filter(
        (taint) => !taint.key.startsWith('node.kubernetes.io/'),
      );
      assert.deepEqual(poolTaints, [{ key: 'example.com/gpu', value: 'true', effect: 'NoSchedule' }]);
    }
  }
  // The service range is the one asked for; the audit log records requests at Metadata level.
  assert.match(await k(['get', 'service', 'kubernetes', '-o', 'jsonpath={.spec.clusterIP}']), /^10\.100\./);
  const described = await provider.describe(name);
  assert.ok(described?.auditLogPath);
  const audit = await readFile(described.auditLogPath, 'utf8');
  assert.match(audit, /"level":"Metadata"/);
  assert.match(audit, /"resource":"nodes"/);
  assert.equal(described.podCidr, '10.200.0.0/16');
  assert.deepEqual(
    described.nodePools.map((pool) => pool.name),
    ['web', 'gpu'],
  );

  // A snapshot, a write after it, a restore: the later write is gone, the earlier one is there.
  await k(['create', 'configmap', 'before', '--from-literal=answer=42']);
  const snapshot = await provider.takeSnapshot(name, 'manual', run);
  assert.equal(snapshot.version, 'v1.36.1');
  assert.ok(snapshot.sizeBytes > 100_000);
  await k(['create', 'configmap', 'after', '--from-literal=answer=43']);
  await provider.restoreSnapshot(name, snapshot.id, run);
  assert.equal(await k(['get', 'configmap', 'before', '-o', 'jsonpath={.data.answer}']), '42');
  const gone = await kubectl(binDir, info.kubeconfigPath, ['get', 'configmap', 'after']);
  assert.match(gone.stderr, /NotFound/);
  assert.deepEqual(
    (await provider.listSnapshots(name)).map((item) => item.id),
    [snapshot.id],
  );

  // The control plane on v1.36.3 over the same etcd: the objects survive.
  await provider.upgradeControlPlane(name, 'v1.36.3', run);
  assert.equal(await serverVersion(), 'v1.36.3');
  assert.equal(await k(['get', 'configmap', 'before', '-o', 'jsonpath={.data.answer}']), '42');
  assert.equal((await provider.describe(name))?.version, 'v1.36.3');

  // A node on the new version reports it, and keeps reporting it (kwok's heartbeats keep it).
  await provider.upgradeNode(name, `${name}-web-1`, 'v1.36.3', run);
  const kubelet = async (node: string) =>
    k(['get', 'node', node, '-o', 'jsonpath={.status.nodeInfo.kubeletVersion}']);
  assert.equal(await kubelet(`${name}-web-1`), 'v1.36.3');
  assert.equal(await kubelet(`${name}-web-2`), 'v1.36.1');

  // The web pool scaled to three with a new label, then one node removed.
  const scaled = await provider.applyPool(
    name,
    {
      name: 'web',
      count: 3,
      cpu: '4',
      memory: '8Gi',
      maxPods: 50,
      labels: { 'example.com/tier': 'frontend' },
      taints: [],
    },
    run,
  );
  assert.deepEqual(scaled.added, [`${name}-web-3`]);
  // A node added now joins on the cluster's version.
  assert.equal(await kubelet(`${name}-web-3`), 'v1.36.3');
  const web = (await nodes()).items.filter(
    (node) => node.metadata.labels['portolan.dev/node-pool'] === 'web',
  );
  assert.equal(web.length, 3);
  assert.ok(web.every((node) => node.metadata.labels['example.com/tier'] === 'frontend'));
  await provider.removeNode(name, `${name}-web-2`, run);
  const remaining = (await nodes()).items.map((node) => node.metadata.name).sort();
  assert.deepEqual(remaining, [`${name}-gpu-1`, `${name}-web-1`, `${name}-web-3`]);
  assert.equal((await provider.describe(name))?.nodePools.find((pool) => pool.name === 'web')?.count, 2);

  // Restarted, it comes back on its recorded version, with its nodes' versions.
  await sandboxes.stop(name);
  await sandboxes.start(name);
  assert.equal(await serverVersion(), 'v1.36.3');
  assert.equal(await kubelet(`${name}-web-1`), 'v1.36.3');
  assert.deepEqual(
    (await provider.describe(name))?.nodes.map((node) => `${node.name}@${node.version}`).sort(),
    [`${name}-gpu-1@v1.36.1`, `${name}-web-1@v1.36.3`, `${name}-web-3@v1.36.3`],
  );
  process.stderr.write(`sandbox provider test: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
});

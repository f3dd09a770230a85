import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { SandboxError, type SandboxInfo, type SandboxLifecycleManager } from '@portolan/sandbox';
import type { ProviderRun } from '../provider.ts';
import { createSandboxProvider } from './sandbox-provider.ts';

const dir = await mkdtemp(path.join(os.tmpdir(), 'portolan-provider-unit-'));
after(() => rm(dir, { recursive: true, force: true }));
await writeFile(path.join(dir, 'kubeconfig'), 'apiVersion: v1\nkind: Config\n');

const info = (status: SandboxInfo['status']): SandboxInfo => ({
  name: 'east',
  status,
  createdAt: '2026-01-01T00:00:00Z',
  options: {
    name: 'east',
    nodes: 1,
    nodeCpu: '8',
    nodeMemory: '32Gi',
    nodePods: 110,
    zones: ['a'],
    region: 'sandbox',
    nodeLabels: {},
    metricsServer: false,
    version: 'v1.36.1',
    nodePools: [{ name: 'web', count: 1, cpu: '8', memory: '32Gi', maxPods: 110, labels: {}, taints: [] }],
  },
  server: 'https://127.0.0.1:1',
  kubeconfigPath: path.join(dir, 'kubeconfig'),
  components: [{ name: 'kube-apiserver', pid: 1, running: true, logPath: '', residentBytes: 0 }],
  metrics: { available: false },
  version: 'v1.36.1',
  nodes: [{ name: 'east-web-1', pool: 'web', version: 'v1.36.1' }],
});

/** Only the calls these tests make; anything else fails loudly. */
function manager(state: {
  status: SandboxInfo['status'] | 'missing';
  calls: string[];
}): SandboxLifecycleManager {
  const notFound = () => new SandboxError('not-found', 'no sandbox named "east"');
  return new Proxy({} as SandboxLifecycleManager, {
    get:
      (_target, key: string) =>
      async (...args: unknown[]) => {
        state.calls.push(key);
        if (key === 'get') {
          if (state.status === 'missing') throw notFound();
          return info(state.status);
        }
        if (key === 'start') {
          state.status = 'running';
          return { sandbox: info('running'), readyMs: 1, componentReadyMs: {} };
        }
        if (key === 'delete' && state.status === 'missing') throw notFound();
        throw new Error(`unexpected call ${key}(${JSON.stringify(args)})`);
      },
  });
}

const run: ProviderRun = { signal: new AbortController().signal, progress: () => {} };
const spec = {
  name: 'east',
  version: 'v1.36.1',
  nodePools: [],
  podCidr: '10.244.0.0/16',
  serviceCidr: '10.96.0.0/16',
  auditLog: false,
};

test('a create resumed after the sandbox was made starts it again instead of making another', async () => {
  const state = { status: 'stopped' as const, calls: [] as string[] };
  const provider = createSandboxProvider({ sandboxes: manager(state), buildVersion: async () => {} });
  const { kubeconfig } = await provider.create(spec, run);
  assert.match(kubeconfig, /kind: Config/);
  assert.deepEqual(state.calls, ['get', 'start', 'get']);
});

test('describe answers undefined for a missing sandbox and the defaults for an older one; delete of a missing one is done', async () => {
  const missing = createSandboxProvider({ sandboxes: manager({ status: 'missing', calls: [] }) });
  assert.equal(await missing.describe('east'), undefined);
  await missing.delete('east', run);
  const present = createSandboxProvider({ sandboxes: manager({ status: 'running', calls: [] }) });
  const described = await present.describe('east');
  assert.equal(described?.version, 'v1.36.1');
  assert.equal(described?.podCidr, '10.244.0.0/16');
  assert.equal(described?.serviceCidr, '10.96.0.0/16');
  assert.equal(described?.auditLog, false);
  assert.deepEqual(described?.nodes, [{ name: 'east-web-1', pool: 'web', version: 'v1.36.1' }]);
  assert.deepEqual(described?.components, [{ name: 'kube-apiserver', version: 'v1.36.1', running: true }]);
});

test('a cancelled run stops before it changes anything', async () => {
  const state = { status: 'running' as const, calls: [] as string[] };
  const provider = createSandboxProvider({ sandboxes: manager(state) });
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(
    provider.upgradeControlPlane('east', 'v1.36.3', { ...run, signal: controller.signal }),
  );
  assert.deepEqual(state.calls, []);
});

import assert from 'node:assert/strict';
import { access, chmod, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { SandboxError } from './errors.ts';
import { createSandboxManager } from './sandbox-manager.ts';
import { kubectl, kubectlOk } from './testing/kubectl.ts';
import { processesMentioning } from './testing/process-scan.ts';
import { sharedSandboxes } from './testing/shared-sandboxes.ts';

const { binDir } = sharedSandboxes();
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-lifecycle-'));
const managerOver = (bins: string) => createSandboxManager({ dataDir, binDir: async () => bins });

describe('sandbox lifecycle', () => {
  after(async () => {
    const manager = managerOver(binDir);
    for (const sandbox of await manager.list()) await manager.delete(sandbox.name);
    await rm(dataDir, { recursive: true, force: true });
  });

  test('create, stop leaves no process, start keeps the data, a restarted Portolan finds it, delete removes it', async () => {
    const manager = managerOver(binDir);
    const report = await manager.create({
      name: 'life',
      nodes: 2,
      nodeCpu: '4',
      nodeMemory: '8Gi',
      nodePods: 50,
      zones: ['east-1'],
      nodeLabels: { 'example.com/team': 'payments' },
    });
    const info = report.sandbox;
    assert.equal(info.status, 'running');
    assert.ok(info.components.every((component) => component.running && component.pid));
    const k = (args: string[]) => kubectlOk(binDir, info.kubeconfigPath, args);

    const nodes = JSON.parse(await k(['get', 'nodes', '-o', 'json'])) as {
      items: { metadata: { labels: Record<string, string> }; status: { capacity: Record<string, string> } }[];
    };
    assert.equal(nodes.items.length, 2);
    for (const node of nodes.items) {
      assert.equal(node.metadata.labels['topology.kubernetes.io/zone'], 'east-1');
      assert.equal(node.metadata.labels['example.com/team'], 'payments');
      assert.deepEqual(node.status.capacity, { cpu: '4', memory: '8Gi', pods: '50' });
    }
    assert.match(await k(['version']), /Server Version: v1\.\d+\.\d+/);
    await k(['create', 'configmap', 'keep-me', '--from-literal=answer=42']);

    const sandboxDir = path.join(dataDir, 'sandboxes', 'life');
    const stopped = await manager.stop('life');
    assert.equal(stopped.status, 'stopped');
    assert.deepEqual(processesMentioning(sandboxDir), [], 'no process of the sandbox is left');

    const restarted = await manager.start('life');
    assert.equal(restarted.sandbox.status, 'running');
    const kAfter = (args: string[]) => kubectlOk(binDir, restarted.sandbox.kubeconfigPath, args);
    assert.equal(await kAfter(['get', 'configmap', 'keep-me', '-o', 'jsonpath={.data.answer}']), '42');

    // A new manager over the same directory is what a restarted Portolan sees.
    const afterRestart = managerOver(binDir);
    assert.equal((await afterRestart.get('life')).status, 'running');
    assert.deepEqual(await afterRestart.recover(), [], 'a running sandbox is left alone');

    // Processes gone without a stop (a machine restart): recover starts the sandbox again.
    for (const pid of restarted.sandbox.components.map((component) => component.pid)) {
      if (pid) process.kill(pid, 'SIGKILL');
    }
    assert.deepEqual(await afterRestart.recover(), ['life']);
    assert.equal((await afterRestart.get('life')).status, 'running');

    await afterRestart.delete('life');
    assert.deepEqual(processesMentioning(sandboxDir), []);
    await assert.rejects(access(sandboxDir), 'the sandbox directory is removed');
    await assert.rejects(
      afterRestart.get('life'),
      (error: unknown) => error instanceof SandboxError && error.code === 'not-found',
    );
  });

  test('a sandbox without metrics-server starts and says why its metrics are unavailable', async () => {
    const manager = createSandboxManager({
      dataDir,
      binDir: async () => binDir,
      metricsServer: async () => ({
        missing: 'metrics-server is not built: run `bash sandbox/metrics-server/build.sh`',
      }),
    });
    const { sandbox } = await manager.create({ name: 'no-metrics', nodes: 1 });
    assert.equal(sandbox.status, 'running', 'the sandbox runs without it');
    assert.deepEqual(sandbox.metrics, {
      available: false,
      reason: 'metrics-server is not built: run `bash sandbox/metrics-server/build.sh`',
    });
    assert.ok(!sandbox.components.some((component) => component.name === 'metrics-server'));
    const top = await kubectl(binDir, sandbox.kubeconfigPath, ['top', 'node']);
    assert.notEqual(top.code, 0, 'kubectl top has no metrics API to ask');
    await manager.delete('no-metrics');
  });

  test('a taken API server port is refused with a clear error and leaves nothing behind', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      await assert.rejects(
        managerOver(binDir).create({ name: 'taken', apiserverPort: port }),
        (error: unknown) => {
          assert.ok(error instanceof SandboxError);
          assert.equal(error.code, 'port-taken');
          assert.equal(error.component, 'kube-apiserver');
          assert.match(error.message, new RegExp(`port ${port}`));
          return true;
        },
      );
    } finally {
      blocker.close();
    }
    assert.deepEqual(
      await readdir(path.join(dataDir, 'sandboxes')).then((names) => names.filter((n) => n === 'taken')),
      [],
    );
  });

  test('a component that exits early is named with its log, and no process is left', async () => {
    const brokenBin = path.join(dataDir, 'broken-bin');
    await mkdir(brokenBin, { recursive: true });
    for (const name of ['etcd', 'kube-controller-manager', 'kube-scheduler', 'kwok', 'kubectl']) {
      await symlink(path.join(binDir, name), path.join(brokenBin, name));
    }
    await symlink(path.join(binDir, '..', 'kwok-stages'), path.join(dataDir, 'kwok-stages'));
    await writeFile(
      path.join(brokenBin, 'kube-apiserver'),
      '#!/bin/sh\necho "E0101 simulated start-up failure" >&2\nexit 3\n',
    );
    await chmod(path.join(brokenBin, 'kube-apiserver'), 0o755);

    await assert.rejects(managerOver(brokenBin).create({ name: 'broken' }), (error: unknown) => {
      assert.ok(error instanceof SandboxError);
      assert.equal(error.code, 'component-exited');
      assert.equal(error.component, 'kube-apiserver');
      assert.match(error.message, /exited with code 3/);
      assert.match(error.message, /simulated start-up failure/);
      assert.ok(error.logPath?.endsWith('kube-apiserver.log'));
      return true;
    });
    assert.deepEqual(
      processesMentioning(path.join(dataDir, 'sandboxes', 'broken')),
      [],
      'etcd was stopped too',
    );
    const info = await managerOver(brokenBin).get('broken');
    assert.equal(info.status, 'stopped', 'the failed sandbox is kept, stopped, with its logs');
  });
});

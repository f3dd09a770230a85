/**
 * Runs every test file with node's test runner, after starting the sandbox clusters that the
 * cluster tests share, and always deletes them afterwards.
 *
 *   PORTOLAN_TEST_CLUSTERS   how many shared sandboxes (default 2)
 *   PORTOLAN_SANDBOX_BIN     the built binaries (scripts/setup.sh exports it)
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createSandboxManager, findSandboxBinaries } from '@portolan/sandbox';
import type { SharedSandboxes } from '@portolan/sandbox/testing';

const patterns = process.argv.slice(2).length
  ? process.argv.slice(2)
  : [
      'sandbox/src/**/*.test.ts',
      'packages/*/src/**/*.test.ts',
      'apps/*/src/**/*.test.ts',
      'scripts/**/*.test.ts',
    ];
const clusterCount = Number(process.env.PORTOLAN_TEST_CLUSTERS ?? '2');

const binDir = await findSandboxBinaries();
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-test-'));
const manager = createSandboxManager({
  dataDir,
  binDir: async () => binDir,
  onProgress: (message) => process.stderr.write(`test sandboxes: ${message}\n`),
});

let exitCode = 1;
try {
  const started = Date.now();
  const clusters = [];
  for (let i = 0; i < clusterCount; i++) {
    const report = await manager.create({ name: `shared-${String.fromCharCode(97 + i)}`, nodes: 3 });
    clusters.push({
      name: report.sandbox.name,
      kubeconfig: report.sandbox.kubeconfigPath,
      server: report.sandbox.server,
    });
  }
  process.stderr.write(
    `test sandboxes: ${clusterCount} ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  const shared: SharedSandboxes = { binDir, dataDir, clusters };
  exitCode = await new Promise<number>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--test', '--test-concurrency=2', '--test-timeout=600000', ...patterns],
      {
        stdio: 'inherit',
        env: {
          ...process.env,
          PORTOLAN_SANDBOX_BIN: binDir,
          PORTOLAN_TEST_SANDBOXES: JSON.stringify(shared),
        },
      },
    );
    child.on('exit', (code) => resolve(code ?? 1));
  });
} finally {
  for (const sandbox of await manager.list()) await manager.delete(sandbox.name).catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
}
process.exitCode = exitCode;

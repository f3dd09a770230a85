/**
 * Runs every test file with node's test runner, after starting the sandbox clusters that the
 * cluster tests share, and always deletes them afterwards.
 *
 * A failed run whose failures all sit in a few browser or cluster test files runs those files once more
 * (scripts/test-retry.ts says why); the closing line counts the second outcomes and names what
 * passed only then.
 *
 *   PORTOLAN_TEST_CLUSTERS          how many shared sandboxes (default 2)
 *   PORTOLAN_SANDBOX_BIN            the built binaries (scripts/setup.sh exports it)
 *   PORTOLAN_TEST_DEADLINE_MINUTES  when a run still going is stopped and fails (default 60): a run
 *                                   takes about 30; one far past that waits on something that will not end
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createSandboxManager, findSandboxBinaries } from '@portolan/sandbox';
import { kubectlOk, type SharedSandboxes } from '@portolan/sandbox/testing';
import type { TestOutcome } from './test-outcomes-reporter.ts';
import { filesToRetry, summarise } from './test-retry.ts';

const patterns = process.argv.slice(2).length
  ? process.argv.slice(2)
  : [
      'sandbox/src/**/*.test.ts',
      'packages/*/src/**/*.test.ts',
      'apps/*/src/**/*.test.ts',
      'scripts/**/*.test.ts',
    ];
const clusterCount = Number(process.env.PORTOLAN_TEST_CLUSTERS ?? '2');
const deadline = Date.now() + Number(process.env.PORTOLAN_TEST_DEADLINE_MINUTES ?? '60') * 60_000;

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
  const env = {
    ...process.env,
    PORTOLAN_SANDBOX_BIN: binDir,
    PORTOLAN_TEST_SANDBOXES: JSON.stringify(shared),
  };
  const first = await runNode(patterns, env, path.join(dataDir, 'outcomes-1.jsonl'));
  const again = first.code === 0 || Date.now() >= deadline ? [] : filesToRetry(first.outcomes);
  for (const file of again) process.stderr.write(`\ntests: running ${path.relative('.', file)} once more\n`);
  if (again.length) await removeTestNamespaces(shared);
  const second = again.length ? await runNode(again, env, path.join(dataDir, 'outcomes-2.jsonl')) : undefined;
  const counts = summarise(first.outcomes, second?.outcomes);
  if (counts.passedOnRetry.length)
    process.stdout.write(`\npassed only on a second run: ${counts.passedOnRetry.join('; ')}\n`);
  process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  exitCode = second ? second.code : first.code;
} finally {
  for (const sandbox of await manager.list()) await manager.delete(sandbox.name).catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
}
process.exitCode = exitCode;

/** Runs node's test runner on these files: its spec report to the terminal, each test's outcome to a file. */
async function runNode(
  files: readonly string[],
  env: NodeJS.ProcessEnv,
  outcomesFile: string,
): Promise<{ code: number; outcomes: TestOutcome[] }> {
  const reporter = path.join(import.meta.dirname, 'test-outcomes-reporter.ts');
  // --test-force-exit: a file whose tests have all ended exits even if it left a socket or a timer
  // open; otherwise its process lives on, and the runner, which reports files in order, waits for it.
  const args = ['--test', '--test-concurrency=2', '--test-timeout=600000', '--test-force-exit'];
  args.push('--test-reporter=spec', '--test-reporter-destination=stdout');
  args.push(`--test-reporter=${reporter}`, `--test-reporter-destination=${outcomesFile}`);
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [...args, ...files], { stdio: 'inherit', env });
    const stop = setTimeout(
      () => {
        process.stderr.write(
          `\ntests: still running past the deadline (PORTOLAN_TEST_DEADLINE_MINUTES); stopping it. ` +
            'The runner names the files it was waiting for (⚠) below.\n',
        );
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
      },
      Math.max(0, deadline - Date.now()),
    );
    child.on('exit', (exit) => {
      clearTimeout(stop);
      resolve(exit ?? 1);
    });
  });
  const text = await readFile(outcomesFile, 'utf8').catch(() => '');
  const outcomes = text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as TestOutcome);
  return { code, outcomes };
}

/**
 * Before a second run: the first run's namespaces are deleted from the shared sandboxes, and waited
 * for (a minute at most), so a retried file does not meet its first attempt's objects under the same
 * names in a namespace of another process id.
 */
async function removeTestNamespaces(shared: SharedSandboxes): Promise<void> {
  const kept = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);
  for (const cluster of shared.clusters) {
    const kubectl = (args: string[]) =>
      kubectlOk(shared.binDir, cluster.kubeconfig, args, { timeoutMs: 90_000 });
    try {
      const names = (await kubectl(['get', 'namespaces', '-o', 'name'])).split('\n').filter(Boolean);
      const left = names.filter((name) => !kept.has(name.replace(/^namespace\//, '')));
      if (left.length) await kubectl(['delete', ...left, '--wait=true', '--timeout=60s']);
    } catch (error) {
      process.stderr.write(`tests: ${cluster.name}: the first run's namespaces are not all gone: ${error}\n`);
    }
  }
}

/**
 * Sandbox benchmarks (issue 2): build time, start time to all nodes Ready, idle memory, memory
 * and pods/s with 1,000 pods, and how many 10-node sandboxes this machine holds.
 *
 *   node bench/sandbox.bench.ts [--cold-build] [--max-sandboxes 8]
 *
 * --cold-build rebuilds every binary with an empty Go build cache (minutes on two cores).
 * Results print and replace the "Sandbox" section of BENCHMARKS.md.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { createSandboxManager, findSandboxBinaries, type SandboxInfo } from '@portolan/sandbox';
import { eventually, kubectlOk } from '@portolan/sandbox/testing';
import { createResults, mib, percentile } from './report.ts';

const run = promisify(execFile);
const { values } = parseArgs({
  options: { 'cold-build': { type: 'boolean' }, 'max-sandboxes': { type: 'string' } },
});
const maxSandboxes = Number(values['max-sandboxes'] ?? '8');
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const buildScript = path.join(import.meta.dirname, '..', 'sandbox', 'build.sh');

const binDir = await findSandboxBinaries();
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-bench-'));
const manager = createSandboxManager({ dataDir, binDir: async () => binDir });
const results = createResults(log);
const row = results.row;

const residentOf = (info: SandboxInfo) =>
  info.components.reduce((sum, component) => sum + component.residentBytes, 0);

/** CPU seconds used by the processes over `ms`, as a share of one core. */
async function cpuShare(pids: number[], ms: number): Promise<number> {
  const ticks = () =>
    pids.reduce((sum, pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return sum + Number(fields[11]) + Number(fields[12]);
      } catch {
        return sum;
      }
    }, 0);
  const before = ticks();
  await sleep(ms);
  return (ticks() - before) / 100 / (ms / 1000);
}

async function timedBuild(env: NodeJS.ProcessEnv): Promise<number> {
  const started = Date.now();
  await run('bash', [buildScript], { env: { ...process.env, ...env }, maxBuffer: 1 << 24 });
  return Date.now() - started;
}

try {
  // 1. Build time.
  if (values['cold-build']) {
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'portolan-cold-build-'));
    log('cold build with an empty Go build cache (module downloads are cached)');
    row(
      'cold build of all seven binaries (empty Go build cache)',
      seconds(await timedBuild({ GOCACHE: path.join(scratch, 'go-build'), PORTOLAN_CACHE_DIR: scratch })),
    );
    await rm(scratch, { recursive: true, force: true });
  }
  row('build with the binaries cached (the set-up check)', `${await timedBuild({})} ms`);
  if (values['cold-build']) {
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'portolan-warm-build-'));
    row(
      'rebuild into an empty cache with a warm Go build cache (links only)',
      seconds(await timedBuild({ PORTOLAN_CACHE_DIR: scratch })),
    );
    await rm(scratch, { recursive: true, force: true });
  }
  const versions = JSON.parse(await readFile(path.join(binDir, '..', 'versions.json'), 'utf8'));
  row(
    'versions',
    `Kubernetes ${versions.kubernetes}, etcd ${versions.etcd}, kwok ${versions.kwok}, helm ${versions.helm}`,
  );

  // 2. Start time, fresh and from stopped.
  const starts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const report = await manager.create({ name: `start-${i}`, nodes: 3 });
    starts.push(report.readyMs);
    if (i < 2) await manager.delete(`start-${i}`);
  }
  row('create to 3 nodes Ready (median of 3)', seconds(percentile(starts, 50)), '< 15 s');
  await manager.stop('start-2');
  row(
    'start of a stopped sandbox to nodes Ready',
    seconds((await manager.start('start-2')).readyMs),
    '< 15 s',
  );

  // 3. Idle memory.
  log('letting the sandbox settle for 30 s');
  await sleep(30_000);
  const idle = await manager.get('start-2');
  row('resident memory of one idle 3-node sandbox (5 processes)', mib(residentOf(idle)), '< 600 MB');
  row(
    'by component',
    idle.components.map((component) => `${component.name} ${mib(component.residentBytes)}`).join(', '),
  );
  row(
    'idle CPU of one sandbox',
    `${(
      100 *
        (await cpuShare(
          idle.components.map((c) => c.pid ?? 0),
          10_000,
        ))
    ).toFixed(1)} % of a core`,
  );
  await manager.delete('start-2');

  // 4. A Deployment scaled 0 → 1,000.
  const pods = await manager.create({ name: 'pods', nodes: 10, nodePods: 200 });
  const kubeconfig = pods.sandbox.kubeconfigPath;
  const k = (args: string[]) => kubectlOk(binDir, kubeconfig, args);
  await k(['create', 'deployment', 'bench', '--image=nginx', '--replicas=0']);
  const scaled = Date.now();
  await k(['scale', 'deployment/bench', '--replicas=1000']);
  await eventually(
    '1,000 ready pods',
    async () =>
      (await k(['get', 'deployment/bench', '-o', 'jsonpath={.status.readyReplicas}'])) === '1000'
        ? true
        : undefined,
    300_000,
    250,
  );
  const scaleMs = Date.now() - scaled;
  row('Deployment 0 → 1,000 pods, all Running and Ready', seconds(scaleMs), '< 90 s');
  row('pods per second', (1000 / (scaleMs / 1000)).toFixed(0));
  await sleep(15_000);
  row('resident memory of a 10-node sandbox with 1,000 pods', mib(residentOf(await manager.get('pods'))));
  await manager.delete('pods');

  // 5. How many 10-node sandboxes fit.
  const held: SandboxInfo[] = [];
  let stopReason = `the benchmark's limit of ${maxSandboxes}`;
  while (held.length < maxSandboxes) {
    const available = os.freemem();
    if (available < 3 * 2 ** 30) {
      stopReason = `free memory below 3 GiB (${mib(available)})`;
      break;
    }
    const report = await manager.create({ name: `cap-${held.length}`, nodes: 10 });
    held.push(report.sandbox);
    log(`${held.length} sandboxes, the last Ready in ${seconds(report.readyMs)}`);
    if (report.readyMs > 60_000) {
      stopReason = 'a start took over 60 s';
      break;
    }
  }
  await sleep(20_000);
  const infos = await Promise.all(held.map((sandbox) => manager.get(sandbox.name)));
  const total = infos.reduce((sum, info) => sum + residentOf(info), 0);
  const perSandbox = total / Math.max(1, infos.length);
  const cpu = await cpuShare(
    infos.flatMap((info) => info.components.map((component) => component.pid ?? 0)),
    10_000,
  );
  row(`10-node sandboxes running at once (stopped at ${stopReason})`, String(infos.length));
  row('their resident memory, total and each', `${mib(total)}, ${mib(perSandbox)} each`);
  row(
    'their idle CPU together',
    `${(100 * cpu).toFixed(0)} % of one core (the machine has ${os.cpus().length})`,
  );
  const byMemory = Math.floor((os.totalmem() - 2 * 2 ** 30) / perSandbox);
  const byCpu =
    cpu > 0 ? Math.floor((os.cpus().length * 0.8 * infos.length) / cpu) : Number.POSITIVE_INFINITY;
  row(
    'estimated capacity of this machine',
    `${Math.min(byMemory, byCpu)} (memory allows ${byMemory}; idle CPU at 80 % of all cores allows ${byCpu})`,
  );

  await results.publish(
    'Sandbox',
    `node bench/sandbox.bench.ts${values['cold-build'] ? ' --cold-build' : ''} --max-sandboxes ${maxSandboxes}`,
  );
} finally {
  for (const sandbox of await manager.list()) await manager.delete(sandbox.name).catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
}

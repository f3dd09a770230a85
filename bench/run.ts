/**
 * Runs the benchmark programs in bench/ one after another, each with its default options, as
 * `npm run bench` does. Each one prints its figures and rewrites its own section of BENCHMARKS.md.
 *
 *   node bench/run.ts [NAME ...] [--list]
 *
 * NAME picks benchmarks by name (`store`, `young-collections`, `search`, `helm-catalogue`, `helm-releases`, `terminal`, `sync`, `replicas`, `propagation`, `metrics-query`, `backup`, `lifecycle`, `real-pods`, `sandbox`); none runs them all.
 * --list prints the programs that would run, and runs none.
 */
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: { list: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const benchDir = import.meta.dirname;
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

// The cheapest first, so a failure in a quick one shows before the long ones start.
const ORDER = [
  'store',
  'young-collections',
  'search',
  'helm-catalogue',
  'helm-releases',
  'terminal',
  'sync',
  'replicas',
  'propagation',
  'multicluster-services',
  'metrics-engine',
  'metrics-query',
  'alert-rules',
  'notifications',
  'inspection',
  'backup',
  'lifecycle',
  'real-pods',
  'sandbox',
];
const available = (await readdir(benchDir))
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.slice(0, -'.bench.ts'.length))
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
function rank(name: string): number {
  const index = ORDER.indexOf(name);
  return index < 0 ? ORDER.length : index;
}

const unknown = positionals.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  log(`no benchmark named ${unknown.join(', ')}; there are ${available.join(', ')}`);
  process.exit(2);
}
const chosen = positionals.length > 0 ? available.filter((name) => positionals.includes(name)) : available;

if (values.list) {
  for (const name of chosen) process.stdout.write(`bench/${name}.bench.ts\n`);
  process.exit(0);
}

const failed: string[] = [];
for (const name of chosen) {
  const file = path.join(benchDir, `${name}.bench.ts`);
  const started = Date.now();
  log(`${name}: node bench/${name}.bench.ts`);
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [file], { stdio: 'inherit' });
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  if (code !== 0) failed.push(name);
  log(`${name}: ${code === 0 ? 'done' : `failed (exit ${code})`} in ${minutes} min`);
}
if (failed.length > 0) {
  log(`failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}

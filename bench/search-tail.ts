/**
 * Where a search's slow requests lose their time. Serves the store that search.bench.ts filled from a
 * server in a process of its own (search-server.ts), asks each search shape `--runs` times as
 * search.bench.ts does, and for every request keeps the client's time, the server's own (its
 * Server-Timing header) and the garbage-collection pauses of both processes that fell inside it.
 * Prints each shape's p50/p99 both ways, then what the requests over 10 ms had in common.
 *
 *   node bench/search-tail.ts --data-dir DIR [--database-url URL] [--runs 200] [--only TEXT]
 *     [--node-options "…"]
 *
 * Prints only (not written to BENCHMARKS.md): it explains a run of search.bench.ts, it does not replace it.
 */
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type GcPause, pausedWithin, recordGcPauses } from './gc-pauses.ts';
import { percentile } from './report.ts';
import { type Callers, measureShapes } from './search-measure.ts';
import { SEARCH_SHAPES } from './search-shapes.ts';
import { serverProcess } from './server-process.ts';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    'database-url': { type: 'string' },
    runs: { type: 'string', default: '200' },
    only: { type: 'string' },
    'node-options': { type: 'string', default: '' },
  },
});
const dataDir = values['data-dir'];
if (!dataDir) {
  process.stderr.write('usage: node bench/search-tail.ts --data-dir DIR [--database-url URL] [--runs N]\n');
  process.exit(2);
}
const SLOW_MS = 10;
const pausesFile = path.join(os.tmpdir(), `portolan-search-tail-${process.pid}.json`);
const clientPauses = recordGcPauses();
const server = await serverProcess({
  code: path.resolve(import.meta.dirname, '..'),
  dataDir,
  databaseUrl: values['database-url'],
  nodeOptions: values['node-options'],
  extraArgs: ['--gc-pauses', pausesFile],
});

interface Asked {
  shape: string;
  start: number;
  ms: number;
  serverMs: number;
}
const asked: Asked[] = [];
try {
  const callers = {
    admin: server.headers.authorization,
    ...Object.fromEntries(Object.entries(server.tokens).map(([name, token]) => [name, `Bearer ${token}`])),
  } as Callers;
  const shapes = SEARCH_SHAPES.filter((s) => !values.only || s.name.includes(values.only));
  for (const { name, times, starts, serverTimes } of await measureShapes(
    server.url,
    callers,
    Number(values.runs),
    shapes,
  ))
    times.forEach((ms, i) => {
      asked.push({ shape: name, start: starts[i] ?? 0, ms, serverMs: serverTimes[i] ?? Number.NaN });
    });
} finally {
  await server.stop();
}
// Only the collections while the searches ran: not the server's start, nor its stop.
const began = asked[0]?.start ?? 0;
const during = (pauses: GcPause[]) => pauses.filter(([start]) => start >= began);
const serverPauses = during(JSON.parse(await readFile(pausesFile, 'utf8')) as GcPause[]);
await rm(pausesFile, { force: true });

const cell = (list: number[]) => `${percentile(list, 50).toFixed(2)} / ${percentile(list, 99).toFixed(2)} ms`;
process.stdout.write('| shape | client p50 / p99 | server p50 / p99 |\n| --- | --- | --- |\n');
for (const name of new Set(asked.map((a) => a.shape))) {
  const of = asked.filter((a) => a.shape === name);
  process.stdout.write(`| ${name} | ${cell(of.map((a) => a.ms))} | ${cell(of.map((a) => a.serverMs))} |\n`);
}
const inside = (pauses: GcPause[], a: Asked) => pausedWithin(pauses, a.start, a.start + a.ms) > 0;
// The tail of shapes that are fast at p50: a shape slow at p50 (whole objects) is slow throughout.
const fastShapes = new Set(
  [...new Set(asked.map((a) => a.shape))].filter(
    (name) =>
      percentile(
        asked.filter((a) => a.shape === name).map((a) => a.ms),
        50,
      ) < SLOW_MS,
  ),
);
const slow = asked.filter((a) => fastShapes.has(a.shape) && a.ms > SLOW_MS);
const serverGc = slow.filter((a) => inside(serverPauses, a));
const clientGc = slow.filter((a) => !inside(serverPauses, a) && inside(clientPauses, a));
const neither = slow.filter((a) => !inside(serverPauses, a) && !inside(clientPauses, a));
const median = (list: number[]) => percentile(list, 50).toFixed(1);
const pauseMs = (pauses: GcPause[]) => pauses.map(([, ms]) => ms);
process.stdout.write(
  [
    `\n${asked.length} requests; of the shapes under ${SLOW_MS} ms at p50 (${fastShapes.size}), ${slow.length} requests over ${SLOW_MS} ms:`,
    `- ${serverGc.length} had a garbage collection of the server inside them`,
    `- ${clientGc.length} had one of the client's (and none of the server's)`,
    `- ${neither.length} had neither: the server's own time ${median(neither.map((a) => a.serverMs))} ms (median), ${neither.filter((a) => a.serverMs > SLOW_MS).length} of them over ${SLOW_MS} ms`,
    `the server's collections: ${serverPauses.length}, median pause ${median(pauseMs(serverPauses))} ms, longest ${Math.max(0, ...pauseMs(serverPauses)).toFixed(1)} ms`,
    `the client's collections: ${during(clientPauses).length}, median pause ${median(pauseMs(during(clientPauses)))} ms\n`,
  ].join('\n'),
);

/**
 * The search benchmark's shapes against two versions of the server side by side: the code of another
 * checkout (`--before`) and this one, both serving the one database that search.bench.ts filled. Each
 * request goes to both servers, in alternating order, so both meet the same load: on a shared machine
 * two runs of search.bench.ts minutes apart differ more than most changes do.
 *
 *   node bench/search-ab.ts --before DIR --data-dir DIR --database-url URL [--runs 200]
 *
 * --before: a checkout of the other commit whose node_modules resolve (e.g. `git archive <commit> |
 * tar -x -C DIR` with node_modules linked to this checkout's). --data-dir and --database-url: as given
 * to search.bench.ts when it filled the store. Prints a table of p50/p99 of each (not written to
 * BENCHMARKS.md: it belongs there with the load average it was measured under).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Harness } from '../apps/server/src/testing/portolan-harness.ts';
import { startHarness } from '../apps/server/src/testing/portolan-harness.ts';
import { percentile } from './report.ts';
import { SEARCH_SHAPES, viewerTokens } from './search-shapes.ts';

const { values } = parseArgs({
  options: {
    before: { type: 'string' },
    'data-dir': { type: 'string' },
    'database-url': { type: 'string' },
    runs: { type: 'string', default: '200' },
  },
});
const { before: beforeDir, 'data-dir': dataDir, 'database-url': databaseUrl } = values;
if (!beforeDir || !dataDir || !databaseUrl) {
  process.stderr.write(
    'usage: node bench/search-ab.ts --before DIR --data-dir DIR --database-url URL [--runs N]\n',
  );
  process.exit(2);
}
const RUNS = Number(values.runs);
const args = ['--database-url', databaseUrl, '--probe-interval', '3600'];
const load = async () => (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(', ');

const otherHarness = (await import(
  path.resolve(beforeDir, 'apps/server/src/testing/portolan-harness.ts')
)) as {
  startHarness: typeof startHarness;
};
const servers: Harness[] = [
  await otherHarness.startHarness({ dataDir, args }),
  await startHarness({ dataDir, args }),
];
try {
  const tokens = await viewerTokens(servers[1] as Harness);
  process.stdout.write(`started ${new Date().toISOString()}, load average ${await load()}\n`);
  process.stdout.write(
    '| measure (HTTP API, PostgreSQL) | before: p50 / p99 | after: p50 / p99 |\n| --- | --- | --- |\n',
  );
  for (const shape of SEARCH_SHAPES) {
    const continues: Array<string | undefined> = [undefined, undefined];
    const times: number[][] = [[], []];
    const ask = async (s: number, i: number): Promise<number> => {
      const server = servers[s] as Harness;
      const headers =
        shape.caller === 'admin' ? server.headers : { authorization: `Bearer ${tokens[shape.caller]}` };
      const started = performance.now();
      const response = await fetch(`${server.url}${shape.route(i, continues[s])}`, { headers });
      const body = (await response.json()) as { continue?: string };
      const ms = performance.now() - started;
      if (response.status !== 200)
        throw new Error(`${shape.name}: ${response.status} ${JSON.stringify(body)}`);
      if (shape.paging) continues[s] = body.continue;
      return ms;
    };
    for (let i = 0; i < 20; i++) for (const s of [0, 1]) await ask(s, i);
    for (let i = 0; i < RUNS; i++) for (const s of i % 2 ? [1, 0] : [0, 1]) times[s]?.push(await ask(s, i));
    const cell = (list: number[]) =>
      `${percentile(list, 50).toFixed(2)} / ${percentile(list, 99).toFixed(2)} ms`;
    process.stdout.write(`| ${shape.name} | ${cell(times[0] ?? [])} | ${cell(times[1] ?? [])} |\n`);
  }
  process.stdout.write(`ended ${new Date().toISOString()}, load average ${await load()}\n`);
} finally {
  for (const server of servers) await server.stop();
}

/**
 * The search benchmark's shapes against two versions of the server side by side: the code of another
 * checkout (`--before`) and this one, both serving the one database that search.bench.ts filled. Each
 * request goes to both servers, in alternating order, so both meet the same load: on a shared machine
 * two runs of search.bench.ts minutes apart differ more than most changes do. Each server runs in a
 * process of its own (search-server.ts), as replicas do: in one process with the other and the client,
 * each one's garbage collections paused them all (runs before 2026-12-07 were made that way).
 *
 *   node bench/search-ab.ts --before DIR --data-dir DIR [--database-url URL] [--runs 200]
 *     [--before-database-url URL] [--sync-objects 20000 --sync-pairs 4 --sync-clusters 1]
 *     [--skip-search] [--only TEXT] [--node-options "…"] [--before-node-options "…"]
 *
 * --before: a checkout of the other commit whose node_modules resolve (e.g. `git archive <commit> |
 * tar -x -C DIR` with node_modules linked to this checkout's). --data-dir and --database-url: as given
 * to search.bench.ts when it filled the store (SQLite's file in --data-dir without --database-url). Prints a table of p50/p99 of each (not written to
 * BENCHMARKS.md: it belongs there with the load average it was measured under).
 * --before-database-url: the code before serves a database of its own (a copy of the one filled,
 * `create database … template …`, where the code after changes the schema in a way the code before
 * cannot read). --sync-objects: after the searches, --sync-pairs first syncs of that many pods into
 * a new cluster of each store (replaceAll, as search.bench.ts times them), alternating which goes
 * first, each purged afterwards; --sync-clusters N spreads them over N new clusters synced at once.
 * --only: the shapes whose name contains TEXT. --node-options and --before-node-options: Node's options
 * for each server's process, to compare settings of one checkout (`--before .`).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../apps/server/src/store/open-store.ts';
import type { Store } from '../apps/server/src/store/store.ts';
import { PODS } from '../apps/server/src/store/testing/store-fixtures.ts';
import { percentile } from './report.ts';
import { SEARCH_SHAPES } from './search-shapes.ts';
import { type ServerProcess, serverProcess } from './server-process.ts';
import { pod } from './synthetic-pods.ts';

const { values } = parseArgs({
  options: {
    before: { type: 'string' },
    'data-dir': { type: 'string' },
    'database-url': { type: 'string' },
    runs: { type: 'string', default: '200' },
    'before-database-url': { type: 'string' },
    'sync-objects': { type: 'string', default: '0' },
    'sync-pairs': { type: 'string', default: '4' },
    /** The first syncs' pods spread over this many new clusters, synced at once (as a starting server does). */
    'sync-clusters': { type: 'string', default: '1' },
    'skip-search': { type: 'boolean', default: false },
    only: { type: 'string' },
    /** Node's options for the server of this checkout, and for the one before ("--max-semi-space-size=32"). */
    'node-options': { type: 'string', default: '' },
    'before-node-options': { type: 'string', default: '' },
  },
});
const { before: beforeDir, 'data-dir': dataDir, 'database-url': databaseUrl } = values;
if (!beforeDir || !dataDir) {
  process.stderr.write(
    'usage: node bench/search-ab.ts --before DIR --data-dir DIR [--database-url URL] [--runs N]\n',
  );
  process.exit(2);
}
const RUNS = Number(values.runs);
const beforeUrl = values['before-database-url'] ?? databaseUrl;
const load = async () => (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(', ');

const otherStore = (await import(path.resolve(beforeDir, 'apps/server/src/store/open-store.ts'))) as {
  openStore: typeof openStore;
};

/** First syncs into each store in turn: objects/s of the code before and after, pair by pair. */
async function syncPairs(
  count: number,
  pairs: number,
  clusters = Number(values['sync-clusters']),
): Promise<void> {
  const stores = [
    await otherStore.openStore({ dataDir: dataDir as string, databaseUrl: beforeUrl }),
    await openStore({ dataDir: dataDir as string, databaseUrl }),
  ];
  try {
    process.stdout.write(
      `first syncs of ${count} pods into ${clusters} new cluster(s) at once, started ${new Date().toISOString()}, load average ${await load()}\n`,
    );
    const rates: number[][] = [[], []];
    for (let p = 0; p < pairs; p++) {
      for (const s of p % 2 ? [1, 0] : [0, 1]) {
        const store = stores[s] as Store;
        for (const cluster of await store.clusters.list())
          if (cluster.name.startsWith('bench-ab-sync')) await store.clusters.delete(cluster.id);
        const created = [];
        for (let c = 0; c < clusters; c++)
          created.push(
            await store.clusters.create({
              name: `bench-ab-sync-${p}-${c}`,
              labels: {},
              serverUrl: `https://bench-ab-sync-${p}-${c}.invalid:6443`,
              credentials: new Uint8Array(),
            }),
          );
        const each = Math.floor(count / clusters);
        const records = created.map((_, c) =>
          Array.from({ length: each }, (_, i) => pod(2_000_000 + p * count + c * each + i)),
        );
        const started = performance.now();
        await Promise.all(
          created.map((cluster, c) => store.resources.replaceAll(cluster.id, PODS, records[c] ?? [], '1')),
        );
        rates[s]?.push((each * clusters) / ((performance.now() - started) / 1000));
        for (const cluster of created) await store.clusters.delete(cluster.id);
      }
      const last = (s: number) => Math.round(rates[s]?.at(-1) ?? 0).toLocaleString('en');
      process.stdout.write(
        `pair ${p + 1}: before ${last(0)}, after ${last(1)} objects/s (load ${await load()})\n`,
      );
    }
    const median = (list: number[]) => Math.round(percentile(list, 50)).toLocaleString('en');
    process.stdout.write(
      `median: before ${median(rates[0] ?? [])}, after ${median(rates[1] ?? [])} objects/s\n`,
    );
  } finally {
    for (const store of stores) await store.close();
  }
}

if (values['skip-search']) {
  await syncPairs(Number(values['sync-objects']), Number(values['sync-pairs']));
  process.exit(0);
}
const servers = [
  await serverProcess({
    code: beforeDir,
    dataDir,
    databaseUrl: beforeUrl,
    nodeOptions: values['before-node-options'],
  }),
  await serverProcess({
    code: path.resolve(import.meta.dirname, '..'),
    dataDir,
    databaseUrl,
    nodeOptions: values['node-options'],
  }),
];
try {
  process.stdout.write(`started ${new Date().toISOString()}, load average ${await load()}\n`);
  process.stdout.write(
    `| measure (HTTP API, ${databaseUrl ? 'PostgreSQL' : 'SQLite'}) | before: p50 / p99 | after: p50 / p99 |\n| --- | --- | --- |\n`,
  );
  for (const shape of SEARCH_SHAPES.filter((s) => !values.only || s.name.includes(values.only))) {
    const continues: Array<string | undefined> = [undefined, undefined];
    const times: number[][] = [[], []];
    const ask = async (s: number, i: number): Promise<number> => {
      const server = servers[s] as ServerProcess;
      const headers =
        shape.caller === 'admin'
          ? server.headers
          : { authorization: `Bearer ${server.tokens[shape.caller]}` };
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
  for (const server of servers.splice(0)) await server.stop();
  const syncObjects = Number(values['sync-objects']);
  if (syncObjects > 0) await syncPairs(syncObjects, Number(values['sync-pairs']));
} finally {
  for (const server of servers) await server.stop();
}

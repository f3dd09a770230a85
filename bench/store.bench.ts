/**
 * Store benchmark: fills synthetic pod rows (default 1,000,000 over 5 clusters) and measures typical
 * searches and the summaries, p50/p99, at the store API (no HTTP). SQLite always; PostgreSQL too when
 * PORTOLAN_TEST_POSTGRES_URL is set (see scripts/postgres.sh).
 *
 *   node bench/store.bench.ts [--rows 1000000] [--runs 200] [--only sqlite|postgres] [--keep FILE]
 *
 * --keep FILE keeps the SQLite database in FILE, --keep-schema NAME the PostgreSQL schema NAME; either
 * is reused (no fill) when it already has rows.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openPostgresStore } from '../apps/server/src/store/postgres-store.ts';
import { openSqliteStore } from '../apps/server/src/store/sqlite-store.ts';
import type { SearchQuery, Store } from '../apps/server/src/store/store.ts';
import { APPS, NAMESPACES, pod, resetSeed } from './synthetic-pods.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '200' },
    only: { type: 'string' },
    keep: { type: 'string' },
    'keep-schema': { type: 'string' },
  },
});
const ROWS = Number(values.rows);
const RUNS = Number(values.runs);
const CLUSTERS = 5;
const BATCH = 1000;

async function fill(store: Store): Promise<{ rate: number; names: string[] }> {
  resetSeed();
  const sampleNames: string[] = [];
  const started = performance.now();
  let done = 0;
  for (let c = 0; c < CLUSTERS; c++) {
    const perCluster = Math.floor(ROWS / CLUSTERS);
    for (let i = 0; i < perCluster; i += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, perCluster - i) }, (_, j) =>
        pod(c * perCluster + i + j),
      );
      if (i % 50_000 === 0) sampleNames.push(batch[0]?.name as string);
      await store.resources.applyChanges(
        `cluster-${c}`,
        batch.map((record) => ({ type: 'upsert', record })),
      );
      done += batch.length;
      if (done % 100_000 === 0) {
        const rate = done / ((performance.now() - started) / 1000);
        process.stderr.write(`  filled ${done} rows, ${Math.round(rate)} rows/s\n`);
      }
    }
  }
  return { rate: done / ((performance.now() - started) / 1000), names: sampleNames };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] as number;
}

async function measure(label: string, run: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 5; i++) await run(i); // warm up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(2).padStart(8);
  console.log(
    `  ${label.padEnd(44)} p50 ${f(percentile(times, 50))} ms   p99 ${f(percentile(times, 99))} ms`,
  );
}

async function searches(store: Store, names: string[]): Promise<void> {
  const pods = { kinds: ['Pod'], limit: 100 } satisfies SearchQuery;
  const search = (query: SearchQuery) => store.resources.search({ ...pods, ...query });
  await measure('namespace', (i) => search({ namespaces: [`ns-${i % NAMESPACES}`] }));
  await measure('namespace, one cluster', (i) =>
    search({ namespaces: [`ns-${i % NAMESPACES}`], clusterIds: ['cluster-1'] }),
  );
  await measure('label narrow (app=app-N, ~100 rows)', (i) =>
    search({ labelSelector: `app=app-${(i * 37) % APPS}` }),
  );
  await measure('label broad (tier=front, 1/3)', () => search({ labelSelector: 'tier=front' }));
  await measure('label set + not (tier in (a,b),team!=t)', (i) =>
    search({ labelSelector: `tier in (front,cache),team!=team-${i % 50}` }),
  );
  await measure('label and namespace', (i) =>
    search({ labelSelector: 'tier=back', namespaces: [`ns-${i % NAMESPACES}`] }),
  );
  await measure('phase narrow (Failed, 1/10)', () => search({ phases: ['Failed'] }));
  await measure('phase broad (Running)', () => search({ phases: ['Running'] }));
  const owner = (i: number) => `rs-${((i * 7919) % Math.floor(ROWS / 8)).toString(36).padStart(6, '0')}`;
  await measure('owner uid', (i) => search({ ownerUid: owner(i) }));
  await measure('node name', (i) => search({ nodeName: `node-${i % 1000}` }));
  await measure('name substring narrow (a pod name)', (i) =>
    search({ nameContains: (names[i % names.length] as string).slice(-12) }),
  );
  await measure('name substring broad ("app-1")', () => search({ nameContains: 'app-1' }));
  await measure('name exact', (i) => search({ name: names[i % names.length] as string }));
  for (const sort of ['name', 'created', 'namespace', 'cluster'] as const) {
    let token: string | undefined;
    await measure(`sorted by ${sort}, page of 100 via continue`, async (i) => {
      if (i % 10 === 0) token = undefined; // a walk of 10 pages, then start again
      const page = await search({ sort, order: sort === 'created' ? 'desc' : 'asc', continue: token });
      token = page.continue;
    });
  }
  await measure('summaries: counts, all clusters', () => store.resources.counts());
  await measure('summaries: counts, one cluster', (i) =>
    store.resources.counts({ clusterIds: [`cluster-${i % 5}`] }),
  );
}

async function bench(label: string, store: Store, size: () => Promise<string>): Promise<void> {
  const existing = await store.resources.search({ kinds: ['Pod'], limit: 1000 });
  let names = existing.items.filter((_, i) => i % 50 === 0).map((r) => r.name);
  if (existing.items.length > 0) {
    console.log(
      `\n${label}: reusing ${existing.remaining + existing.items.length}${existing.estimated ? '~' : ''} rows`,
    );
  } else {
    console.log(`\n${label}: filling ${ROWS} pod rows over ${CLUSTERS} clusters (batches of ${BATCH})`);
    const filled = await fill(store);
    names = filled.names;
    console.log(`  insert rate ${Math.round(filled.rate)} rows/s`);
  }
  console.log(
    `  ${await size()}; RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB, JS heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB, external ${Math.round(process.memoryUsage().external / 2 ** 20)} MiB`,
  );
  await searches(store, names);
}

if (values.only !== 'postgres') {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'portolan-bench-'));
  const file = values.keep ? path.resolve(values.keep) : path.join(dir, 'portolan.db');
  const store = await openSqliteStore({ file });
  try {
    await bench('SQLite', store, async () => {
      const bytes = (await stat(file)).size + (await stat(`${file}-wal`).catch(() => ({ size: 0 }))).size;
      return `database ${Math.round(bytes / 2 ** 20)} MiB`;
    });
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const url = process.env.PORTOLAN_TEST_POSTGRES_URL;
if (values.only !== 'sqlite') {
  if (!url) {
    console.log(
      '\nPostgreSQL: skipped; set PORTOLAN_TEST_POSTGRES_URL="$(bash scripts/postgres.sh start)" to include it',
    );
  } else {
    const admin = new pg.Pool({ connectionString: url, max: 1 });
    const schema = values['keep-schema'] ?? `portolan_bench_${randomBytes(4).toString('hex')}`;
    await admin.query(`create schema if not exists ${schema}`);
    await admin.query('create extension if not exists pg_trgm schema public');
    const store = await openPostgresStore({ url, searchPath: `${schema},public` });
    try {
      await bench('PostgreSQL', store, async () => {
        await admin.query(`analyze ${schema}.resources; analyze ${schema}.resource_labels`);
        const { rows } = await admin.query(
          'select pg_size_pretty(sum(pg_total_relation_size(c.oid))) as size from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind = $2',
          [schema, 'r'],
        );
        return `database ${rows[0]?.size}`;
      });
    } finally {
      await store.close();
      if (!values['keep-schema']) await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  }
}

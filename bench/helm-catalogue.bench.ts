/**
 * Chart catalogue benchmark (issue 11): an index of 500 charts × 10 versions served on loopback,
 * loaded through the real add and refresh path of a Portolan server, then 200 mixed searches through
 * HTTP (name substring, keyword, category, sorted by newest, and later pages).
 *
 *   node bench/helm-catalogue.bench.ts [--charts 500] [--versions 10] [--queries 200] [--store sqlite|postgres]
 * --store postgres needs PORTOLAN_TEST_POSTGRES_URL (bash scripts/postgres.sh start).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ChartList, ChartRepository } from '@portolan/api';
import { helmOf, serveRepository } from '../apps/server/src/helm/testing/repo-fixtures.ts';
import { startHarness } from '../apps/server/src/testing/portolan-harness.ts';
import { createResults, percentile } from './report.ts';

const { values } = parseArgs({
  options: {
    charts: { type: 'string', default: '500' },
    versions: { type: 'string', default: '10' },
    queries: { type: 'string', default: '200' },
    store: { type: 'string', default: 'sqlite' },
  },
});
const CHARTS = Number(values.charts);
const VERSIONS = Number(values.versions);
const QUERIES = Number(values.queries);
const STORE = values.store === 'postgres' ? 'postgres' : 'sqlite';
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const results = createResults(log);

const CATEGORIES = ['Database', 'Networking', 'Monitoring', 'Security', 'Storage', 'Streaming', 'AI', 'Web'];
const KEYWORDS = [
  'web',
  'cache',
  'sql',
  'queue',
  'metrics',
  'logs',
  'proxy',
  'backup',
  'auth',
  'ml',
  'cdn',
  'dns',
];

/** An index.yaml as `helm repo index` writes it, with every field the catalogue keeps. */
function indexOf(charts: number, versions: number): string {
  const lines = ['apiVersion: v1', 'entries:'];
  for (let c = 0; c < charts; c++) {
    const name = `chart-${String(c).padStart(4, '0')}`;
    lines.push(`  ${name}:`);
    for (let v = 0; v < versions; v++) {
      const version = v === versions - 1 ? `1.${v}.0-rc.1` : `1.${v}.${c % 3}`;
      lines.push(
        `  - apiVersion: v2`,
        `    name: ${name}`,
        `    version: ${version}`,
        `    appVersion: "${v}.0"`,
        `    description: The ${name} application, packaged for Kubernetes (version ${version})`,
        `    keywords: [${KEYWORDS[c % KEYWORDS.length]}, ${KEYWORDS[(c * 7) % KEYWORDS.length]}, ${name}]`,
        `    annotations: { artifacthub.io/category: ${CATEGORIES[c % CATEGORIES.length]} }`,
        `    icon: https://icons.example/${name}.png`,
        `    created: "2026-${String((v % 12) + 1).padStart(2, '0')}-0${(c % 9) + 1}T10:00:00Z"`,
        `    digest: ${(c * 1000 + v).toString(16).padStart(64, '0')}`,
        `    urls: [${name}-${version}.tgz]`,
        ...(c % 5 === 0
          ? ['    dependencies: [{ name: common, version: 2.x.x, repository: "https://charts.example" }]']
          : []),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

const work = await mkdtemp(path.join(os.tmpdir(), 'portolan-catalogue-bench-'));
const index = indexOf(CHARTS, VERSIONS);
await writeFile(path.join(work, 'index.yaml'), index);
const repo = await serveRepository(work);
const harness = await startHarness({ store: STORE, args: ['--log-level', 'fatal'] });

try {
  let started = performance.now();
  const added = await harness.call<ChartRepository>('POST', '/api/v1/helm/repositories', {
    name: 'bench',
    url: repo.url,
  });
  if (added.status !== 201) throw new Error(`adding the repository failed: ${JSON.stringify(added.body)}`);
  results.row(
    `add: check, parse and store ${CHARTS * VERSIONS} versions (${(index.length / 2 ** 20).toFixed(1)} MiB index)`,
    `${(performance.now() - started).toFixed(0)} ms`,
  );
  started = performance.now();
  const unchanged = await harness.call<ChartRepository>('POST', '/api/v1/helm/repositories/bench/refresh');
  results.row('refresh of an unchanged index (304)', `${(performance.now() - started).toFixed(1)} ms`);
  if (unchanged.body.status !== 'ready') throw new Error(`refresh failed: ${unchanged.body.reason}`);
  // Changed on the server: read whole again.
  await writeFile(path.join(work, 'index.yaml'), `${index}# changed\n`);
  started = performance.now();
  await harness.call<ChartRepository>('POST', '/api/v1/helm/repositories/bench/refresh');
  results.row(
    `refresh of a changed index (${CHARTS * VERSIONS} versions replaced)`,
    `${(performance.now() - started).toFixed(0)} ms`,
  );

  // Mixed queries, in a fixed order so that runs compare.
  const shapes: Array<{ name: string; query: (i: number) => string }> = [
    {
      name: 'name substring',
      query: (i) =>
        `q=${String((i * 37) % CHARTS)
          .padStart(3, '0')
          .slice(0, 3)}`,
    },
    { name: 'keyword', query: (i) => `keyword=${KEYWORDS[i % KEYWORDS.length]}` },
    { name: 'category', query: (i) => `category=${CATEGORIES[i % CATEGORIES.length]}&limit=24` },
    { name: 'newest first', query: () => 'sort=newest&limit=24' },
    {
      name: 'page 5 of all',
      query: () => `limit=24&continue=${Buffer.from(`o:${24 * 4}`).toString('base64url')}`,
    },
  ];
  const times = new Map<string, number[]>();
  const all: number[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const shape = shapes[i % shapes.length] as (typeof shapes)[number];
    const t0 = performance.now();
    const answer = await harness.call<ChartList>('GET', `/api/v1/helm/charts?${shape.query(i)}`);
    const ms = performance.now() - t0;
    if (answer.status !== 200) throw new Error(`${shape.name} failed: ${JSON.stringify(answer.body)}`);
    if (i < shapes.length && answer.body.items.length === 0) throw new Error(`${shape.name} found nothing`);
    all.push(ms);
    times.set(shape.name, [...(times.get(shape.name) ?? []), ms]);
  }
  for (const [name, list] of times)
    results.row(
      `search: ${name} (${list.length})`,
      `p50 ${percentile(list, 50).toFixed(1)} ms, p99 ${percentile(list, 99).toFixed(1)} ms`,
    );
  results.row(
    `search: all ${QUERIES} mixed queries through HTTP (${STORE})`,
    `p50 ${percentile(all, 50).toFixed(1)} ms, p99 ${percentile(all, 99).toFixed(1)} ms`,
    'p99 < 50 ms',
  );
  // The baseline, in the same run: helm's own search over the same index, cached on local disk.
  const { helm, home } = await helmOf();
  try {
    await helm(['repo', 'add', 'bench', repo.url]);
    const baseline: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      await helm([
        'search',
        'repo',
        String((i * 37) % CHARTS)
          .padStart(3, '0')
          .slice(0, 3),
      ]);
      baseline.push(performance.now() - t0);
    }
    const ours = times.get('name substring') ?? all;
    results.row(
      'baseline: `helm search repo` (name substring, 20 runs, index cached locally)',
      `p50 ${percentile(baseline, 50).toFixed(0)} ms, p99 ${percentile(baseline, 99).toFixed(0)} ms`,
    );
    results.row(
      'helm p50 / Portolan p50 (name substring)',
      `${(percentile(baseline, 50) / percentile(ours, 50)).toFixed(0)}×`,
    );
  } finally {
    await rm(home, { recursive: true, force: true });
  }
  await results.publish(
    `Chart catalogue (${STORE})`,
    `node bench/helm-catalogue.bench.ts --charts ${CHARTS} --versions ${VERSIONS} --queries ${QUERIES} --store ${STORE}`,
  );
} finally {
  await harness.stop({ removeData: true });
  await repo.close();
  await rm(work, { recursive: true, force: true });
}

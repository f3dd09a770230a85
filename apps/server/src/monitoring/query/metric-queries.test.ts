import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MetricSeriesQuery, MetricsEngineStatus } from '@portolan/api';
import {
  type InstantSample,
  type MetricsEngine,
  MetricsEngineUnavailableError,
  type MetricsSource,
  type RangeSeries,
  type ScrapeTarget,
} from '#server/monitoring/contract.ts';
import { createSeriesQueries } from './metric-queries.ts';
import { createPromqlQueries } from './promql-queries.ts';
import type { QueryAccess } from './query-access.ts';
import { MetricQueryError } from './query-errors.ts';
import { resolveRange } from './range.ts';
import { createTopQueries } from './top-queries.ts';

/** A source answering from functions, recording the PromQL it was sent. */
function fakeEngine(options: {
  range?: (promql: string) => RangeSeries[];
  instant?: (promql: string) => InstantSample[];
  names?: string[];
  targets?: ScrapeTarget[];
  down?: string;
}) {
  const sent: string[] = [];
  const fail = () => {
    if (options.down) throw new MetricsEngineUnavailableError(options.down);
  };
  const source: MetricsSource = {
    kind: 'managed',
    query: async (promql) => {
      fail();
      sent.push(promql);
      return options.instant?.(promql) ?? [];
    },
    queryRange: async (promql) => {
      fail();
      sent.push(promql);
      return options.range?.(promql) ?? [];
    },
    metricNames: async () => new Set(options.names ?? []),
    targets: async () => options.targets ?? [],
  };
  const engine: MetricsEngine = {
    sourceFor: () => source,
    managed: () => source,
    status: async () =>
      ({
        mode: 'managed',
        available: true,
        targets: [],
        scrapeIntervalSeconds: 15,
      }) satisfies MetricsEngineStatus,
  };
  return { engine, sent };
}

const deps = (engine: MetricsEngine) => ({
  engine,
  clusterExists: async (name: string) => name === 'c1' || name === 'c2',
  now: () => new Date('2026-12-05T12:00:00Z'),
});

/** A namespace Viewer of c1/ns-a (and nothing else). */
const nsViewer: QueryAccess = {
  mayRead: (cluster, namespace) => cluster === 'c1' && namespace === 'ns-a',
  namespacesIn: (cluster) => (cluster === 'c1' ? ['ns-a'] : []),
  seesPromql: false,
};
const admin: QueryAccess = { mayRead: () => true, namespacesIn: () => 'all', seesPromql: true };

const points = (value: number): RangeSeries[] => [
  {
    labels: {},
    points: [
      [1, value],
      [2, Number.NaN],
    ],
  },
];

test('a namespace Viewer reads its namespace, and gets forbidden for every other scope by any parameter', async () => {
  const { engine, sent } = fakeEngine({ range: () => points(0.25) });
  const series = createSeriesQueries(deps(engine));
  const mine = await series(
    { metrics: ['cpu_usage'], level: 'pod', cluster: 'c1', namespace: 'ns-a', name: 'p' },
    nsViewer,
  );
  assert.deepEqual(mine.series, [{ metric: 'cpu_usage', unit: 'cores', labels: {}, points: [[1, 0.25]] }]);
  assert.equal(mine.promql, undefined, 'only platform Admins see the PromQL');
  const asked = sent.length;
  for (const query of [
    { level: 'pod', cluster: 'c1', namespace: 'ns-b', name: 'p' },
    { level: 'cluster', cluster: 'c1' },
    { level: 'node', cluster: 'c1', name: 'n1' },
    { level: 'namespace', cluster: 'c2', namespace: 'ns-a' },
    { level: 'workload', cluster: 'c1', namespace: 'ns-b', name: 'w' },
    { level: 'container', cluster: 'c1', namespace: 'ns-a"} or {namespace="ns-b', pod: 'p', name: 'c' },
    { level: 'namespace', cluster: 'unknown', namespace: 'ns-a' },
  ] as const) {
    const answer = await series({ metrics: ['cpu_usage', 'memory_usage'], ...query }, nsViewer);
    assert.deepEqual(answer.series, [], JSON.stringify(query));
    assert.deepEqual(
      answer.empty.map((entry) => entry.reason),
      ['forbidden', 'forbidden'],
    );
    assert.match(answer.empty[0]?.message ?? '', /ask its Admin/);
  }
  assert.equal(sent.length, asked, 'a refused query never reaches the engine');
});

test('the empty reasons: engine unavailable, target down with its error, not provided, no data', async () => {
  const query: MetricSeriesQuery = { metrics: ['cpu_usage'], level: 'cluster', cluster: 'c1' };
  const off = createSeriesQueries(
    deps(fakeEngine({ down: 'the metrics engine is off (--metrics-engine off)' }).engine),
  );
  const unavailable = (await off(query, admin)).empty[0];
  assert.equal(unavailable?.reason, 'engine-unavailable');
  assert.match(unavailable?.message ?? '', /--metrics-engine off/);

  const down = fakeEngine({
    targets: [
      {
        cluster: 'c1',
        job: 'kubelet',
        target: '/proxy/c1/n1',
        health: 'down',
        lastError: 'connection refused',
      },
    ],
  });
  const targetDown = (await createSeriesQueries(deps(down.engine))(query, admin)).empty[0];
  assert.equal(targetDown?.reason, 'target-down');
  assert.equal(targetDown?.detail, 'connection refused');
  // The same failing scrape does not explain a week-old range: that has no data.
  const past = await createSeriesQueries(deps(down.engine))(
    { ...query, start: '2026-11-20T00:00:00Z', end: '2026-11-20T01:00:00Z' },
    admin,
  );
  assert.equal(past.empty[0]?.reason, 'not-provided');

  // One node's scrape fails while the others' work: a series no node provides is not provided,
  // and that node's chart names its own error.
  const oneDown = fakeEngine({
    names: ['node_cpu_usage_seconds_total'],
    targets: [
      { cluster: 'c1', job: 'kubelet', target: '/scrape/c1/kubelet/n1', health: 'up' },
      {
        cluster: 'c1',
        job: 'kubelet',
        target: '/scrape/c1/kubelet/n2',
        health: 'down',
        lastError: 'n2 refused',
      },
      {
        cluster: 'c1',
        job: 'kubelet',
        target: '/scrape/c1/kubelet/n3',
        health: 'down',
        lastError: 'n3 timed out',
      },
    ],
  });
  const mixed = createSeriesQueries(deps(oneDown.engine));
  const sandboxNetwork = await mixed(
    { metrics: ['network_receive'], level: 'cluster', cluster: 'c1' },
    admin,
  );
  assert.equal(sandboxNetwork.empty[0]?.reason, 'not-provided');
  const node = await mixed({ metrics: ['cpu_usage'], level: 'node', cluster: 'c1', name: 'n3' }, admin);
  assert.deepEqual([node.empty[0]?.reason, node.empty[0]?.detail], ['target-down', 'n3 timed out']);

  const network = fakeEngine({ names: ['node_cpu_usage_seconds_total'] });
  const answer = await createSeriesQueries(deps(network.engine))(
    { metrics: ['network_receive', 'cpu_usage'], level: 'cluster', cluster: 'c1' },
    admin,
  );
  assert.deepEqual(
    answer.empty.map((entry) => [entry.metric, entry.reason]),
    [
      ['network_receive', 'not-provided'],
      ['cpu_usage', 'no-data'],
    ],
  );
  assert.match(answer.empty[0]?.message ?? '', /cAdvisor/);
  assert.match(answer.promql?.cpu_usage ?? '', /node_cpu_usage_seconds_total\{cluster="c1"\}/);
});

test('a query missing what its level needs, an unknown metric or a metric without the level is refused on its field', async () => {
  const series = createSeriesQueries(deps(fakeEngine({}).engine));
  const refused = async (query: Parameters<typeof series>[0]) =>
    series(query, admin).then(
      () => assert.fail('answered'),
      (error: unknown) => (error instanceof MetricQueryError ? error : assert.fail(String(error))),
    );
  assert.equal(
    (await refused({ metrics: ['cpu_usage'], level: 'pod', cluster: 'c1', namespace: 'ns' })).field,
    'name',
  );
  assert.equal(
    (await refused({ metrics: ['cpu_usage'], level: 'container', cluster: 'c1', namespace: 'n', name: 'c' }))
      .field,
    'pod',
  );
  assert.match(
    (await refused({ metrics: ['cpu_usge'], level: 'cluster', cluster: 'c1' })).message,
    /catalogue/,
  );
  assert.match(
    (await refused({ metrics: ['etcd_db_size'], level: 'pod', cluster: 'c1', namespace: 'n', name: 'p' }))
      .message,
    /has no pod level/,
  );
  assert.equal(
    (await refused({ metrics: ['cpu_usage'], level: 'cluster', cluster: 'nope' })).code,
    'not-found',
  );
});

test('ranges: about 120 points, whole steps, at most 11,000 points', () => {
  const now = new Date('2026-12-05T12:00:07Z');
  const hour = resolveRange({ range: '1h' }, now, 15);
  assert.equal(hour.stepSeconds, 30);
  assert.equal(hour.end.getTime() % 30_000, 0);
  assert.equal(hour.end.getTime() - hour.start.getTime(), 3_600_000);
  assert.equal(resolveRange({ range: '15m' }, now, 15).stepSeconds, 15);
  assert.equal(resolveRange({ range: '7d' }, now, 15).stepSeconds, 5040);
  assert.throws(
    () =>
      resolveRange({ start: '2026-12-01T00:00:00Z', end: '2026-12-05T00:00:00Z', stepSeconds: 5 }, now, 15),
    (error: MetricQueryError) => error.field === 'stepSeconds' && /at most 11000/.test(error.message),
  );
  assert.throws(() => resolveRange({ start: '2026-12-01T00:00:00Z' }, now, 15), /both start and end/);
  assert.throws(() => resolveRange({ range: '1h', end: '2026-12-01T00:00:00Z' }, now, 15), /not both/);
});

test('top consumers keep to the namespaces the caller may read, in the PromQL and in the answer', async () => {
  const { engine, sent } = fakeEngine({
    instant: (promql) =>
      promql.startsWith('topk')
        ? [
            { labels: { namespace: 'ns-a', pod: 'p1' }, value: 0.5, at: 1 },
            // Whatever the engine answered, another namespace never reaches this caller.
            { labels: { namespace: 'ns-b', pod: 'p2' }, value: 0.9, at: 1 },
          ]
        : [{ labels: { namespace: 'ns-a', pod: 'p1' }, value: 2, at: 1 }],
  });
  const top = createTopQueries(deps(engine));
  const answer = await top({ cluster: 'c1', level: 'pod', metric: 'cpu_usage', limit: 5 }, nsViewer);
  assert.deepEqual(answer.items, [{ labels: { namespace: 'ns-a', pod: 'p1' }, value: 0.5, ratio: 0.25 }]);
  assert.match(
    sent[0] ?? '',
    /^topk\(5, sum by \(namespace, pod\) \(rate\(pod_cpu_usage_seconds_total\{cluster="c1",namespace=~"ns-a"\}/,
  );
  assert.equal(answer.promql, undefined);
  for (const query of [
    { cluster: 'c1', level: 'node' as const },
    { cluster: 'c1', namespace: 'ns-b' },
    { cluster: 'c2' },
  ]) {
    const refused = await top(query, nsViewer);
    assert.deepEqual(refused.items, []);
    assert.equal(refused.empty?.reason, 'forbidden', JSON.stringify(query));
  }
  assert.equal(sent.length, 2, 'refusals never reach the engine');
});

test('raw PromQL: instant or range, capped with a message saying how to narrow it', async () => {
  const many = Array.from({ length: 2001 }, (_, i) => ({ labels: { i: String(i) }, value: 1, at: 5 }));
  const promql = createPromqlQueries(
    deps(
      fakeEngine({ instant: (q) => (q === 'big' ? many : [{ labels: { a: 'b' }, value: 3, at: 5 }]) }).engine,
    ),
  );
  const small = await promql({ query: 'up' });
  assert.deepEqual(small.series, [{ metric: 'query', labels: { a: 'b' }, points: [[5, 3]] }]);
  await assert.rejects(promql({ query: 'big' }), /2001 series.*narrow it/);
  await assert.rejects(promql({ query: 'up', stepSeconds: 5 }), /instant query takes no step/);
  const off = createPromqlQueries(deps(fakeEngine({ down: 'no engine runs (--metrics-engine off)' }).engine));
  const answer = await off({ query: 'up' });
  assert.deepEqual([answer.series, answer.empty[0]?.reason], [[], 'engine-unavailable']);
});

/**
 * The named-metric routes' own refusals, on a server with no cluster and the engine off: each names
 * the field at fault and how to fix it; the engine's absence is an answer with its reason, not a 5xx.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert on what they read
type Loose = any;

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.stop({ removeData: true });
});

const post = (path: string, body: object) => harness.call<Loose>('POST', path, body);

test('the catalogue lists every named metric with its levels, unit and source', async () => {
  const { status, body } = await harness.call<Loose>('GET', '/api/v1/monitoring/catalogue');
  assert.equal(status, 200);
  const cpu = body.items.find((item: Loose) => item.name === 'cpu_usage');
  assert.deepEqual(cpu, {
    name: 'cpu_usage',
    levels: ['cluster', 'node', 'namespace', 'workload', 'pod', 'container'],
    unit: 'cores',
    source: 'kubelet',
  });
});

test('a series query names the field at fault: what its level needs, the metric, the cluster, the range', async () => {
  const refusals: Array<[object, number, string, RegExp]> = [
    [
      { level: 'pod', cluster: 'c', namespace: 'n', metrics: ['cpu_usage'] },
      400,
      'name',
      /pod level needs name/,
    ],
    [{ level: 'cluster', cluster: 'c', metrics: ['cpu_usge'] }, 400, 'metrics', /catalogue/],
    [
      { level: 'pod', cluster: 'c', namespace: 'n', name: 'p', metrics: ['etcd_db_size'] },
      400,
      'metrics',
      /no pod level/,
    ],
    [
      { level: 'cluster', cluster: 'nowhere', metrics: ['cpu_usage'] },
      404,
      'cluster',
      /no cluster named nowhere/,
    ],
  ];
  for (const [query, status, field, message] of refusals) {
    const answer = await post('/api/v1/monitoring/series', query);
    assert.equal(answer.status, status, JSON.stringify(answer.body));
    assert.equal(answer.body.error.field, field);
    assert.match(answer.body.error.message, message);
  }
  const schema = await post('/api/v1/monitoring/series', {
    level: 'planet',
    cluster: 'c',
    metrics: ['cpu_usage'],
  });
  assert.equal(schema.status, 400);
});

test('raw PromQL: a step without a range is refused; with the engine off the answer says why', async () => {
  const step = await post('/api/v1/monitoring/promql', { query: 'up', stepSeconds: 30 });
  assert.equal(step.status, 400);
  assert.equal(step.body.error.field, 'stepSeconds');
  const off = await post('/api/v1/monitoring/promql', { query: 'up' });
  assert.equal(off.status, 200, JSON.stringify(off.body));
  assert.deepEqual(off.body.series, []);
  assert.equal(off.body.empty[0].reason, 'engine-unavailable');
  assert.equal(off.body.promql.query, 'up');
});

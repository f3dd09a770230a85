import assert from 'node:assert/strict';
import { test } from 'node:test';
import { METRIC_LEVELS } from '@portolan/api';
import { CATALOGUE, catalogueAnswer, type MetricTarget, missingReads } from './catalogue.ts';
import { quote, selector } from './promql-text.ts';

/** Reads back a PromQL double-quoted string as Prometheus's lexer does (Go's escapes). */
function unquote(text: string, from: number): { value: string; end: number } {
  assert.equal(text[from], '"');
  let value = '';
  let i = from + 1;
  while (text[i] !== '"') {
    const char = text[i];
    assert.ok(char !== undefined && char !== '\n', `string from ${from} is unterminated`);
    if (char !== '\\') {
      value += char;
      i++;
      continue;
    }
    const next = text[i + 1];
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"' };
    if (next !== undefined && simple[next] !== undefined) {
      value += simple[next];
      i += 2;
    } else if (next === 'u') {
      value += String.fromCodePoint(Number.parseInt(text.slice(i + 2, i + 6), 16));
      i += 6;
    } else assert.fail(`unknown escape \\${next}`);
  }
  return { value, end: i + 1 };
}

/** Every selector `{…}` of an expression as its label matchers: [name, op, value]. */
function selectors(promql: string): Array<Array<[string, string, string]>> {
  const found: Array<Array<[string, string, string]>> = [];
  let i = 0;
  while (i < promql.length) {
    if (promql[i] === '"') {
      i = unquote(promql, i).end;
      continue;
    }
    if (promql[i] !== '{') {
      i++;
      continue;
    }
    const matchers: Array<[string, string, string]> = [];
    i++;
    while (promql[i] !== '}') {
      const head = /^,?\s*([a-zA-Z_][a-zA-Z0-9_]*)(=~|!~|!=|=)/.exec(promql.slice(i));
      assert.ok(head, `a matcher at ${i} in ${promql}`);
      i += head[0].length;
      const { value, end } = unquote(promql, i);
      matchers.push([head[1] ?? '', head[2] ?? '', value]);
      i = end;
    }
    found.push(matchers);
    i++;
  }
  return found;
}

const HOSTILE = [
  'a"}',
  'x\\',
  'line\nbreak',
  'a", namespace=~".*',
  '"} or up{',
  'tab\there',
  'nul\u0000bell\u0007',
  '名前',
];

test('a quoted value reads back as itself, whatever it holds', () => {
  for (const value of HOSTILE) assert.equal(unquote(quote(value), 0).value, value);
  assert.equal(quote('a"}'), '"a\\"}"');
  assert.equal(quote('x\\'), '"x\\\\"');
  assert.equal(quote('a\nb'), '"a\\nb"');
});

test('a hostile name stays one exact matcher: it adds no matcher and widens none', () => {
  for (const value of HOSTILE) {
    const parsed = selectors(`up${selector({ cluster: 'c', namespace: value })}`);
    assert.deepEqual(parsed, [
      [
        ['cluster', '=', 'c'],
        ['namespace', '=', value],
      ],
    ]);
  }
});

const windows = { rate: 120, step: 30, scrapeInterval: 15 };

function targetAt(level: (typeof METRIC_LEVELS)[number], name: string): MetricTarget {
  const cluster = `c-${name}`;
  if (level === 'cluster') return { cluster };
  if (level === 'node') return { cluster, node: name };
  if (level === 'namespace') return { cluster, namespace: name };
  if (level === 'workload') return { cluster, namespace: name, workload: { name, kind: 'Deployment' } };
  if (level === 'pod') return { cluster, namespace: name, pod: name };
  return { cluster, namespace: name, pod: name, container: name };
}

test('every metric at every level keeps to its cluster, and below cluster level to its object, with hostile names', () => {
  for (const metric of CATALOGUE) {
    for (const level of METRIC_LEVELS) {
      const make = metric.levels[level];
      if (!make) continue;
      for (const name of HOSTILE) {
        const target = targetAt(level, name);
        const { promql, reads } = make(target, windows);
        const where = `${metric.name} at ${level} for ${JSON.stringify(name)}: ${promql}`;
        const all = selectors(promql);
        assert.ok(all.length > 0, where);
        // Every selector names the cluster exactly (no series of another cluster joins in).
        for (const matchers of all)
          assert.ok(
            matchers.some((m) => m[0] === 'cluster' && m[1] === '=' && m[2] === target.cluster),
            where,
          );
        // The series the answer comes from (the first selector) names the object.
        const first = all[0] ?? [];
        const exact = (label: string, value: string | undefined) =>
          value === undefined || first.some((m) => m[0] === label && m[1] === '=' && m[2] === value);
        if (level === 'namespace' || level === 'workload' || level === 'pod' || level === 'container')
          assert.ok(exact('namespace', target.namespace), `${where}: namespace`);
        if (level === 'pod' || level === 'container') assert.ok(exact('pod', target.pod), `${where}: pod`);
        if (level === 'container') assert.ok(exact('container', target.container), `${where}: container`);
        if (level === 'workload')
          assert.ok(
            all.some((s) => s.some((m) => m[0] === 'workload' && m[2] === name)),
            `${where}: joined to the workload`,
          );
        if (level === 'node')
          assert.ok(
            all.some((s) => s.some((m) => m[0] === 'node' && m[2] === name)),
            `${where}: node`,
          );
        assert.ok(reads.length > 0, where);
      }
    }
  }
});

test('the catalogue names what the brief lists, with units, levels and sources', () => {
  const items = new Map(catalogueAnswer().items.map((item) => [item.name, item]));
  for (const name of [
    'cpu_usage',
    'memory_usage',
    'cpu_requests',
    'cpu_limits',
    'memory_requests',
    'memory_limits',
    'cpu_utilisation',
    'memory_utilisation',
    'pod_count',
    'pod_restarts',
    'network_receive',
    'network_transmit',
    'filesystem_usage',
    'apiserver_request_rate',
    'apiserver_request_latency_p99',
    'apiserver_error_rate',
    'etcd_db_size',
  ])
    assert.ok(items.has(name), name);
  assert.deepEqual(items.get('cpu_usage')?.levels, [...METRIC_LEVELS]);
  assert.equal(items.get('cpu_usage')?.unit, 'cores');
  assert.equal(items.get('network_receive')?.source, 'cadvisor');
  assert.deepEqual(items.get('etcd_db_size')?.levels, ['cluster']);
  assert.ok(!items.get('pod_count')?.levels.includes('container'));
});

test('utilisation divides by allocatable for nodes and by requests below', () => {
  const cpu = CATALOGUE.find((metric) => metric.name === 'cpu_utilisation');
  const node = cpu?.levels.node?.({ cluster: 'c', node: 'n1' }, windows).promql ?? '';
  const pod = cpu?.levels.pod?.({ cluster: 'c', namespace: 'ns', pod: 'p' }, windows).promql ?? '';
  assert.match(node, /kube_node_status_allocatable\{cluster="c",node="n1",resource="cpu"\}/);
  assert.match(node, /rate\(node_cpu_usage_seconds_total\{cluster="c",node="n1"\}\[120s\]\)/);
  const requests = selectors(pod.slice(pod.indexOf('kube_pod_container_resource_requests')))[0];
  assert.deepEqual(requests?.map((m) => m.join('')).sort(), [
    'cluster=c',
    'namespace=ns',
    'pod=p',
    'resource=cpu',
  ]);
});

test('a metric is missing when its series are, and an alternative is enough', () => {
  const present = new Set(['a', 'c']);
  assert.deepEqual(missingReads(['a', 'b', ['c', 'd'], ['e', 'f']], present), ['b', 'e or f']);
});

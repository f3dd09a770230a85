/**
 * The catalogue's usage PromQL over a sandbox's real kubelet series (kwok's emulation, read straight
 * from each node's kubelet endpoint and labelled with cluster and node as the engine labels them),
 * against `kubectl top pod` (metrics-server on the same sandbox): a pod whose usage is pinned by
 * annotation shows the same cores and bytes both ways.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import https from 'node:https';
import { after, before, test } from 'node:test';
import { kubeletEndpointUrl } from '@portolan/sandbox';
import { eventually, kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import YAML from 'yaml';
import { metricNamed } from './catalogue.ts';
import { type FixturePrometheus, startFixturePrometheus } from './testing/fixture-prometheus.ts';

const { binDir, clusters } = sharedSandboxes();
const sandbox = clusters[0];
const k = (...args: string[]) => kubectlOk(binDir, sandbox?.kubeconfig ?? '', args);
const NAMESPACE = uniqueNamespace('mq-kwok');

let prometheus: FixturePrometheus;
let ca = '';
let nodes: Array<{ name: string; url: string }> = [];

function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca, timeout: 5000 }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () =>
          response.statusCode === 200 ? resolve(text) : reject(new Error(`${url}: ${response.statusCode}`)),
        );
      })
      .on('error', reject);
  });
}

/** Every node's kubelet series with cluster and node labels, grouped by name (one family each). */
async function exposition(): Promise<string> {
  const byName = new Map<string, string[]>();
  for (const node of nodes) {
    for (const line of (await get(node.url)).split('\n')) {
      if (line === '' || line.startsWith('#')) continue;
      const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0] ?? '';
      const rest = line.slice(name.length);
      const extra = `cluster="kw",node="${node.name}"`;
      const labelled = rest.startsWith('{')
        ? `${name}{${extra},${rest.slice(1)}`
        : `${name}{${extra}}${rest}`;
      byName.set(name, [...(byName.get(name) ?? []), labelled]);
    }
  }
  return `${[...byName.values()].flat().join('\n')}\n`;
}

before(async () => {
  if (!sandbox) throw new Error('no shared sandbox');
  const kubeconfig = YAML.parse(await readFile(sandbox.kubeconfig, 'utf8')) as {
    clusters: Array<{ cluster: { 'certificate-authority-data': string } }>;
  };
  ca = Buffer.from(kubeconfig.clusters[0]?.cluster['certificate-authority-data'] ?? '', 'base64').toString();
  const list = JSON.parse(await k('get', 'nodes', '-o', 'json')) as {
    items: Parameters<typeof kubeletEndpointUrl>[0][];
  };
  nodes = list.items.flatMap((node) => {
    const url = kubeletEndpointUrl(node);
    return url ? [{ name: node.metadata.name, url }] : [];
  });
  assert.ok(nodes.length > 0, 'the sandbox nodes have kubelet endpoints');
  await k('create', 'namespace', NAMESPACE);
  await k(
    'run',
    'pinned',
    '-n',
    NAMESPACE,
    '--image=nginx',
    '--annotations=portolan.dev/sandbox-cpu-usage=250m',
    '--annotations=portolan.dev/sandbox-memory-usage=64Mi',
  );
  prometheus = await startFixturePrometheus(exposition);
});

after(async () => {
  await prometheus?.stop();
  if (sandbox) await kubectl(binDir, sandbox.kubeconfig, ['delete', 'namespace', NAMESPACE, '--wait=false']);
});

test('a pinned pod: the catalogue over the kubelet series says what kubectl top pod says', async () => {
  const target = { cluster: 'kw', namespace: NAMESPACE, pod: 'pinned' };
  const windows = { rate: 20, step: 5, scrapeInterval: 1 };
  const answerOf = async (metric: string) => {
    const make = metricNamed(metric)?.levels.pod;
    assert.ok(make);
    const result = await prometheus.query(make(target, windows).promql);
    return result.length === 1 ? Number(result[0]?.value[1]) : undefined;
  };
  // A rate over 20 s needs 20 s of scrapes (the first comes about 5 s after Prometheus starts).
  await eventually(
    'twenty seconds of scrapes of the pinned pod',
    async () => {
      const [count] = await prometheus.query(
        `count_over_time(pod_cpu_usage_seconds_total{cluster="kw",namespace="${NAMESPACE}",pod="pinned"}[20s])`,
      );
      return Number(count?.value[1] ?? 0) >= 20 ? true : undefined;
    },
    60_000,
    1000,
  );
  const cores = await eventually('cpu_usage of the pinned pod', () => answerOf('cpu_usage'), 10_000, 1000);
  const bytes = await eventually(
    'memory_usage of the pinned pod',
    () => answerOf('memory_usage'),
    10_000,
    1000,
  );
  // kwok's counter grows by 250m a second of wall time; on a loaded machine the scrapes' timestamps
  // jitter, so a 20 s rate lands within a few per cent of it, not on it.
  assert.ok(Math.abs(cores - 0.25) < 0.025, `${cores} cores`);
  assert.equal(bytes, 64 * 1024 * 1024);
  // metrics-server's first figure for a new pod covers less than a whole window between its reads;
  // wait until two reads agree, as `kubectl top` does once the pod has run a while.
  let previous = '';
  const shown = await eventually(
    'kubectl top pod to settle',
    async () => {
      const line = (
        await kubectl(binDir, sandbox?.kubeconfig ?? '', [
          'top',
          'pod',
          'pinned',
          '-n',
          NAMESPACE,
          '--no-headers',
        ])
      ).stdout;
      const match = /(\d+)m\s+(\d+)Mi/.exec(line);
      const settled = match && match[0] === previous ? match : undefined;
      previous = match?.[0] ?? '';
      return settled;
    },
    150_000,
    5000,
  );
  // Both are rates over a few reads of the same counter, each within 10 % of the pinned 250m.
  assert.ok(Math.abs(Number(shown[1]) - 250) <= 25, `kubectl top ${shown[0]}`);
  assert.ok(
    Math.abs(Number(shown[1]) - cores * 1000) <= 25,
    `kubectl top ${shown[0]}, the catalogue ${cores} cores`,
  );
  assert.equal(Number(shown[2]), Math.round(bytes / 1024 / 1024), `kubectl top ${shown[0]}`);
});

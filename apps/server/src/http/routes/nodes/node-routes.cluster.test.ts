import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually } from '@portolan/sandbox/testing';
import { type Loose, type RouteTest, setUpRouteTest } from '../../testing/route-server.ts';

// A node of this test's own, tainted so that no other test's pods land on it, on the last shared
// sandbox: cordon and drain then touch nothing but this test's pods.
let t: RouteTest;
let node: string;
const taintKey = 'portolan.test/drain';

before(async () => {
  t = await setUpRouteTest('nodes', 'last');
  node = `${t.namespace}-node`;
  const resources = { cpu: '8', memory: '32Gi', pods: '110' };
  const manifest = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node,
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'kwok.x-k8s.io/node': 'fake' },
      labels: { 'kubernetes.io/hostname': node, 'kubernetes.io/os': 'linux', type: 'kwok' },
    },
    spec: { taints: [{ key: taintKey, value: t.namespace, effect: 'NoSchedule' }] },
    status: { allocatable: resources, capacity: resources, phase: 'Running' },
  };
  const created = await t.send('POST', `${t.base}/resources/nodes`, manifest);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  await eventually('the node Ready', async () => {
    const conditions = JSON.parse(await t.k('get', 'node', node, '-o', 'json')).status.conditions ?? [];
    return conditions.some(
      (entry: { type: string; status: string }) => entry.type === 'Ready' && entry.status === 'True',
    )
      ? true
      : undefined;
  });
});
after(async () => {
  await t?.k('delete', 'node', node, '--wait=false').catch(() => undefined);
  await t?.cleanup();
});

const nodePath = () => `${t.base}/nodes/${node}`;

test('labels, annotations and taints are edited and checked', async () => {
  const labelled = await t.send('PATCH', `${nodePath()}/labels`, {
    team: 'blue',
    'topology.example.com/rack': 'r1',
  });
  assert.equal(labelled.status, 200, JSON.stringify(labelled.body));
  assert.equal(labelled.body.metadata.labels.team, 'blue');
  const removed = await t.send('PATCH', `${nodePath()}/labels`, { team: null });
  assert.equal(removed.body.metadata.labels.team, undefined);
  assert.equal(removed.body.metadata.labels['topology.example.com/rack'], 'r1');
  const badLabel = await t.send('PATCH', `${nodePath()}/labels`, { 'bad key': 'x', ok: 'not ok!' });
  assert.equal(badLabel.status, 422);
  assert.deepEqual(
    badLabel.body.error.fields.map((entry: { field: string }) => entry.field),
    ['labels.bad key', 'labels.ok'],
  );
  const annotated = await t.send('PATCH', `${nodePath()}/annotations`, { 'example.com/owner': 'ops team' });
  assert.equal(annotated.body.metadata.annotations['example.com/owner'], 'ops team');

  const tainted = await t.send('PATCH', `${nodePath()}/taints`, {
    add: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }],
  });
  assert.equal(tainted.status, 200, JSON.stringify(tainted.body));
  assert.deepEqual(
    tainted.body.spec.taints.map((taint: { key: string }) => taint.key),
    [taintKey, 'dedicated'],
  );
  const untainted = await t.send('PATCH', `${nodePath()}/taints`, { remove: [{ key: 'dedicated' }] });
  assert.deepEqual(
    untainted.body.spec.taints.map((taint: { key: string }) => taint.key),
    [taintKey],
  );
  const missing = await t.send('PATCH', `${nodePath()}/taints`, { remove: [{ key: 'dedicated' }] });
  assert.equal(missing.status, 422);
  assert.equal(missing.body.error.fields[0].field, 'remove[0]');
  const badEffect = await t.send('PATCH', `${nodePath()}/taints`, {
    add: [{ key: 'x', effect: 'Sometimes' }],
  });
  assert.equal(badEffect.status, 400);
});

test('cordon and uncordon', async () => {
  assert.equal((await t.send('POST', `${nodePath()}/cordon`)).body.spec.unschedulable, true);
  assert.equal((await t.send('POST', `${nodePath()}/uncordon`)).body.spec.unschedulable, undefined);
});

const podSpec = (name: string) => ({
  nodeSelector: { 'kubernetes.io/hostname': node },
  tolerations: [{ key: taintKey, operator: 'Exists', effect: 'NoSchedule' }],
  containers: [{ name, image: 'nginx:1.27' }],
});

const deployment = (name: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: podSpec(name) },
  },
});

test('drain evicts what it may, reports a pod its budget guards as blocked, and leaves DaemonSet and bare pods', async () => {
  const applied = await t.send('POST', `${t.base}/apply`, {
    namespace: t.namespace,
    manifests: [
      deployment('guarded'),
      deployment('free'),
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'guarded' },
        spec: { minAvailable: 1, selector: { matchLabels: { app: 'guarded' } } },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'agent' },
        spec: {
          selector: { matchLabels: { app: 'agent' } },
          template: { metadata: { labels: { app: 'agent' } }, spec: podSpec('agent') },
        },
      },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bare' }, spec: podSpec('bare') },
    ],
  });
  assert.equal(applied.body.failed, 0, JSON.stringify(applied.body));
  await eventually('four Running pods on the node and the budget counted', async () => {
    const pods = JSON.parse(await t.k('get', 'pods', '-n', t.namespace, '-o', 'json')).items;
    const running = pods.filter((pod: { status: { phase: string } }) => pod.status.phase === 'Running');
    const budget = JSON.parse(await t.k('get', 'pdb', 'guarded', '-n', t.namespace, '-o', 'json')).status;
    return running.length === 4 && budget?.currentHealthy === 1 ? true : undefined;
  });
  const stored = await eventually('the pods in the store', async () => {
    const answer = await t.send('GET', `${nodePath()}/pods`);
    return answer.body.items?.length === 4 ? answer.body : undefined;
  });
  assert.ok(stored.items.every((item: { namespace: string }) => item.namespace === t.namespace));

  const started = Date.now();
  const drained = await t.send('POST', `${nodePath()}/drain`, { timeoutSeconds: 4 });
  assert.equal(drained.status, 200, JSON.stringify(drained.body));
  assert.ok(Date.now() - started >= 3000, 'the blocked eviction was retried until the timeout');
  const outcome = (prefix: string) =>
    drained.body.pods.find((pod: { name: string }) => pod.name.startsWith(prefix));
  assert.equal(outcome('guarded').outcome, 'blocked');
  assert.match(outcome('guarded').message, /disruption budget/i);
  assert.ok(outcome('guarded').attempts > 1);
  assert.equal(outcome('free').outcome, 'evicted');
  assert.equal(outcome('free').deleted, true);
  assert.deepEqual([outcome('agent').outcome, outcome('agent').reason], ['skipped', 'DaemonSet']);
  assert.deepEqual([outcome('bare').outcome, outcome('bare').reason], ['skipped', 'Unmanaged']);
  assert.equal(drained.body.complete, false);
  assert.equal(drained.body.timedOut, true);
  const cordoned = JSON.parse(await t.k('get', 'node', node, '-o', 'json'));
  assert.equal(cordoned.spec.unschedulable, true);
});

/** A drain asked for as progress lines; each line with when it came. Aborting `stop` is the console's Stop. */
async function streamDrain(
  body: object,
  stop: AbortController,
  onLine: (event: Loose, lines: Loose[]) => void,
): Promise<{ status: number; type: string; lines: Loose[] }> {
  const response = await fetch(`${t.harness.url}${nodePath()}/drain`, {
    method: 'POST',
    headers: { ...t.harness.headers, 'content-type': 'application/json', accept: 'application/x-ndjson' },
    body: JSON.stringify(body),
    signal: stop.signal,
  });
  const lines: Loose[] = [];
  const decoder = new TextDecoder();
  let rest = '';
  try {
    for await (const chunk of response.body ?? []) {
      rest += decoder.decode(chunk, { stream: true });
      for (let end = rest.indexOf('\n'); end >= 0; end = rest.indexOf('\n')) {
        const event = JSON.parse(rest.slice(0, end));
        rest = rest.slice(end + 1);
        lines.push(event);
        onLine(event, lines);
      }
    }
  } catch (error) {
    if (!stop.signal.aborted) throw error;
  }
  return { status: response.status, type: response.headers.get('content-type') ?? '', lines };
}

const podNames = async () =>
  new Set<string>(
    JSON.parse(await t.k('get', 'pods', '-n', t.namespace, '-o', 'json'))
      .items.filter((pod: Loose) => pod.spec.nodeName === node && !pod.metadata.deletionTimestamp)
      .map((pod: Loose) => pod.metadata.name),
  );

test('drain streams each pod’s progress as it goes, and Stop evicts no more', async () => {
  // The last test's pods go first, so that only this test's are on the node.
  await t.k('delete', 'deployment,daemonset,pdb,pod', '--all', '-n', t.namespace, '--wait=false');
  await eventually('the node empty of this namespace’s pods', async () =>
    (await podNames()).size === 0 ? true : undefined,
  );
  await t.send('POST', `${nodePath()}/uncordon`);
  const applied = await t.send('POST', `${t.base}/apply`, {
    namespace: t.namespace,
    manifests: [{ ...deployment('rolling'), spec: { ...deployment('rolling').spec, replicas: 6 } }],
  });
  assert.equal(applied.body.failed, 0, JSON.stringify(applied.body));
  const before = await eventually('six Running pods on the node', async () => {
    const pods = JSON.parse(await t.k('get', 'pods', '-n', t.namespace, '-o', 'json')).items;
    const running = pods.filter((pod: Loose) => pod.status.phase === 'Running' && pod.spec.nodeName === node);
    return running.length === 6 ? new Set<string>(running.map((pod: Loose) => pod.metadata.name)) : undefined;
  });

  // One pod at a time, stopped once the first is gone.
  const stop = new AbortController();
  const deletedBeforeStop: string[] = [];
  const first = await streamDrain({ timeoutSeconds: 60, concurrency: 1 }, stop, (event) => {
    if (event.type === 'pod' && event.pod.state === 'deleted') deletedBeforeStop.push(event.pod.name);
    if (deletedBeforeStop.length === 1) stop.abort();
  });
  assert.equal(first.status, 200);
  assert.match(first.type, /application\/x-ndjson/);
  const [plan, ...changes] = first.lines;
  assert.equal(plan.type, 'plan');
  assert.deepEqual(new Set(plan.pods.map((pod: Loose) => pod.name)), before);
  assert.ok(plan.pods.every((pod: Loose) => pod.state === 'pending'));
  assert.ok(!first.lines.some((event) => event.type === 'done'), 'the lines came before the drain ended');
  // Each evicted pod went evicting → evicted → deleted, one after another.
  const firstPod = deletedBeforeStop[0];
  assert.deepEqual(
    changes.filter((event) => event.pod.name === firstPod).map((event) => event.pod.state),
    ['evicting', 'evicted', 'deleted'],
  );
  // Stopped: a while later (one pod takes a second at most here) only the evictions already under way
  // when Stop reached the server (a pod that went in milliseconds lets the next start) have gone on.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const left = await podNames();
  assert.ok(left.size >= 3, `still there: ${[...left].join(', ')}`);
  for (const name of deletedBeforeStop) assert.ok(!left.has(name));
  for (const name of left) assert.ok(before.has(name), `${name} is one of the first pods`);

  // The stopped drain is in the audit trail, as any drain.
  const drains = async () =>
    ((await t.send('GET', `/api/v1/audit?cluster=${t.cluster}&limit=100`)).body.items as Loose[]).filter(
      (record) => record.route.endsWith('/nodes/:name/drain'),
    ).length;
  const audited = await eventually(
    'the stopped drain audited',
    async () => ((await drains()) >= 2 ? await drains() : undefined),
    10_000,
  );

  // Drained again, to the end: the rest go, each to deleted, and the summary comes last.
  const second = await streamDrain({ timeoutSeconds: 60, concurrency: 2 }, new AbortController(), () => {});
  const done = second.lines.at(-1);
  assert.equal(done.type, 'done');
  assert.deepEqual([done.report.complete, done.report.stopped, done.report.timedOut], [true, false, false]);
  assert.deepEqual(new Set(done.report.pods.map((pod: Loose) => pod.name)), left);
  for (const name of left) {
    const states = second.lines.filter((event) => event.pod?.name === name).map((event) => event.pod.state);
    assert.equal(states.at(-1), 'deleted', `${name}: ${states.join(' → ')}`);
  }
  assert.equal((await podNames()).size, 0);
  await eventually(
    'the finished drain audited',
    async () => ((await drains()) > audited ? true : undefined),
    10_000,
  );
});

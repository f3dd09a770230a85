import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { after, before, test } from 'node:test';
import { eventually, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import { addMember } from '#server/testing/members.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';

/**
 * Two replicas on one PostgreSQL database: one syncs a sandbox cluster, and clients of the other see
 * its changes on GET /api/v1/changes, each filtered to what the client asked and may see.
 */
const { binDir, clusters } = sharedSandboxes();
const [sandbox] = clusters;
if (!sandbox) throw new Error('this test needs a shared sandbox');
const ns = uniqueNamespace('relay');
const otherNs = `${ns}-other`;
const k = (args: string[]) => kubectlOk(binDir, sandbox.kubeconfig, args);
/** Waits until `check` stops throwing, polling every 100 ms. */
const until = (what: string, check: () => void, timeoutMs: number) =>
  eventually(
    what,
    async () => {
      check();
      return true;
    },
    timeoutMs,
    100,
  );

let a: Harness;
let b: Harness;
/** The replica syncing the cluster, and the one that only hears of its changes. */
let owner: Harness;
let listener: Harness;
before(async () => {
  a = await startHarness({ store: 'postgres', args: ['--access-recheck-seconds', '1'] });
  b = await startHarness({ store: 'postgres', dataDir: a.dataDir, args: ['--access-recheck-seconds', '1'] });
  await k(['create', 'namespace', ns]);
  await k(['create', 'namespace', otherNs]);
  const { id } = await a.register('relay', sandbox.kubeconfig);
  // Whichever replica took the cluster, once its ConfigMaps are listed and watched.
  await until(
    'one replica watching the cluster’s ConfigMaps',
    () => {
      const syncing = [a, b].filter((replica) =>
        replica.portolan.sync
          .status(id)
          ?.resources.some((r) => r.resource === 'configmaps' && r.state === 'watching'),
      );
      assert.equal(syncing.length, 1, 'exactly one replica syncs the cluster');
      [owner] = syncing as [Harness];
    },
    30_000,
  );
  listener = owner === a ? b : a;
});
/** Every stream a test opened: closed before the servers stop, even when the test failed. */
const open: AbortController[] = [];
after(async () => {
  for (const controller of open) controller.abort();
  await k(['delete', 'namespace', ns, otherNs, '--wait=false']).catch(() => undefined);
  await b?.stop();
  await a?.stop({ removeData: true });
});

interface Received {
  type: string;
  data: { cluster: string; namespace: string; name: string; resourceVersion: string; object?: unknown };
  at: number;
}

/** An open change stream; `events` fills as they arrive, each with when (performance.now()). */
async function openStream(replica: Harness, query: string, headers: Record<string, string>) {
  const controller = new AbortController();
  open.push(controller);
  const response = await fetch(`${replica.url}/api/v1/changes?${query}`, {
    headers,
    signal: controller.signal,
  });
  assert.equal(response.status, 200);
  const events: Received[] = [];
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  let text = '';
  let connected = false;
  void (async () => {
    for (;;) {
      // Aborted when the test closes it.
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done || !value) return;
      text += Buffer.from(value).toString('utf8');
      if (text.startsWith(': connected')) connected = true;
      let end = text.indexOf('\n\n');
      while (end >= 0) {
        const block = text.slice(0, end);
        text = text.slice(end + 2);
        const type = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (type && data) events.push({ type, data: JSON.parse(data), at: performance.now() });
        end = text.indexOf('\n\n');
      }
    }
  })();
  await until('the stream to open', () => assert.ok(connected), 5_000);
  return { events, close: () => controller.abort() };
}

const seen = (events: Received[]) => events.map((e) => `${e.type} ${e.data.namespace}/${e.data.name}`);

test('a client of the other replica sees the changes the owner syncs, filtered to what it may see', async () => {
  const viewer = await addMember(a, 'ns-viewer', 'Viewer', {
    level: 'namespace',
    cluster: 'relay',
    namespace: ns,
  });
  const onOwner = await openStream(owner, 'kinds=configmaps', owner.headers);
  const onListener = await openStream(listener, 'kinds=configmaps', listener.headers);
  const narrowed = await openStream(listener, 'kinds=configmaps', { cookie: viewer.cookie });
  const labelled = await openStream(listener, 'kinds=configmaps&labelSelector=tier%3Dweb', listener.headers);

  await k(['create', 'configmap', 'one', '-n', ns, '--from-literal=a=1']);
  await k(['create', 'configmap', 'elsewhere', '-n', otherNs]);
  await k(['label', 'configmap', 'one', '-n', ns, 'tier=web']);
  // Larger than a notice: it travels as a reference, read back from the store.
  await k(['create', 'configmap', 'large', '-n', ns, `--from-literal=blob=${'x'.repeat(20_000)}`]);
  await k(['delete', 'configmap', 'one', '-n', ns]);

  const expected = [
    `ADDED ${ns}/one`,
    `ADDED ${otherNs}/elsewhere`,
    `MODIFIED ${ns}/one`,
    `ADDED ${ns}/large`,
    `DELETED ${ns}/one`,
  ];
  const ours = (events: Received[]) => seen(events).filter((line) => line.includes(ns));
  await until(
    'the changes on the other replica',
    () => assert.deepEqual(ours(onListener.events), expected),
    15_000,
  );
  assert.deepEqual(ours(onOwner.events), expected, 'the owner’s own clients see the same, in the same order');
  await until(
    'the namespace viewer’s changes',
    () =>
      assert.deepEqual(
        ours(narrowed.events),
        expected.filter((line) => !line.includes(otherNs)),
      ),
    5_000,
  );
  await until(
    'the labelled changes',
    () => assert.deepEqual(ours(labelled.events), [`MODIFIED ${ns}/one`, `DELETED ${ns}/one`]),
    5_000,
  );
  const large = onListener.events.find((e) => e.data.name === 'large');
  assert.equal(
    ((large?.data.object as { data?: { blob?: string } } | undefined)?.data?.blob ?? '').length,
    20_000,
    'the large object arrives whole',
  );
  assert.equal(large?.data.cluster, 'relay');

  // What the relay adds to watch-to-client: the same event's arrival on each replica's stream.
  const added = onListener.events
    .filter((e) => e.data.namespace === ns || e.data.namespace === otherNs)
    .map((e) => {
      const mine = onOwner.events.find(
        (o) => o.type === e.type && o.data.resourceVersion === e.data.resourceVersion,
      );
      return `${e.type} ${e.data.name} +${(e.at - (mine?.at ?? e.at)).toFixed(1)} ms`;
    });
  console.log(`change stream across replicas, added latency per event: ${added.join(', ')}`);
  for (const stream of [onOwner, onListener, narrowed, labelled]) stream.close();
});

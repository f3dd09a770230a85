import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { after, before, test } from 'node:test';
import { createPostgresNotices } from '#server/store/notices/postgres-notices.ts';
import type { ResourceKey, StoredResource } from '#server/store/store.ts';
import { createChangeHub, type ResourceChangeEvent } from './change-hub.ts';
import { type ChangeRelay, createChangeRelay } from './change-relay.ts';

const url = process.env.PORTOLAN_TEST_POSTGRES_URL;
if (!url)
  throw new Error(
    'PORTOLAN_TEST_POSTGRES_URL is not set: export PORTOLAN_TEST_POSTGRES_URL="$(bash scripts/postgres.sh start)"',
  );
// A channel of its own, so tests running at once on the same database do not hear each other.
const channel = `portolan_changes_test_${randomBytes(6).toString('hex')}`;

/** What the sending replica stored: the objects a too-large change is read back from. */
const stored = new Map<string, StoredResource>();
const keyOf = (clusterId: string, key: ResourceKey) =>
  JSON.stringify([clusterId, key.group, key.resource, key.namespace, key.name]);
const resources = { get: async (clusterId: string, key: ResourceKey) => stored.get(keyOf(clusterId, key)) };
const problems: string[] = [];

const replica = (origin: string) =>
  createChangeRelay({
    hub: createChangeHub(),
    notices: createPostgresNotices({ url, channel }),
    resources,
    origin,
    onProblem: (message) => problems.push(message),
  });

let a: ChangeRelay;
let b: ChangeRelay;
before(async () => {
  a = replica('a');
  b = replica('b');
  await Promise.all([a.start(), b.start()]);
});
after(async () => {
  await Promise.all([a.stop(), b.stop()]);
});

const change = (name: string, extra: Partial<ResourceChangeEvent> = {}): ResourceChangeEvent => ({
  group: '',
  version: 'v1',
  resource: 'configmaps',
  type: 'ADDED',
  clusterId: 'c1',
  kind: 'ConfigMap',
  namespace: 'team-a',
  name,
  labels: { app: 'web' },
  resourceVersion: '1',
  object: { metadata: { name } },
  ...extra,
});

function collect(relay: ChangeRelay, filter: Parameters<ChangeRelay['subscribe']>[0] = {}) {
  const seen: ResourceChangeEvent[] = [];
  const stop = relay.subscribe(filter, (event) => seen.push(event));
  return { seen, stop };
}

async function until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

test('a change published on one replica reaches the other, in order, once, and not back to itself', async () => {
  const onA = collect(a);
  const onB = collect(b);
  for (let i = 0; i < 50; i++) a.publish(change(`cm-${i}`));
  await until(() => onB.seen.length >= 50, 'the 50 changes on the other replica');
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.deepEqual(
    onB.seen.map((event) => event.name),
    Array.from({ length: 50 }, (_, i) => `cm-${i}`),
  );
  assert.deepEqual(onB.seen[0], change('cm-0'));
  assert.equal(onA.seen.length, 50, 'the publishing replica hears each once (locally), not its echo');
  onA.stop();
  onB.stop();
});

test('each subscriber’s filter applies to changes from another replica as to its own', async () => {
  const teamA = collect(b, { namespaces: ['team-a'], resources: ['configmaps'] });
  const labelled = collect(b, { labels: [{ key: 'app', operator: 'in', values: ['db'] }] });
  a.publish(change('wanted'));
  a.publish(change('other-namespace', { namespace: 'team-b' }));
  a.publish(change('db', { namespace: 'team-b', labels: { app: 'db' } }));
  await until(() => labelled.seen.length === 1, 'the labelled change');
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.deepEqual(
    teamA.seen.map((event) => event.name),
    ['wanted'],
  );
  assert.deepEqual(
    labelled.seen.map((event) => event.name),
    ['db'],
  );
  teamA.stop();
  labelled.stop();
});

test('a change too large for a notice arrives with its object read from the store', async () => {
  const big = { metadata: { name: 'big' }, data: { blob: 'x'.repeat(20_000) } };
  const event = change('big', { object: big, resourceVersion: '7' });
  stored.set(keyOf('c1', event), {
    ...event,
    clusterId: 'c1',
    uid: 'u1',
    createdAt: null,
    syncedAt: new Date(),
  } as unknown as StoredResource);
  const onB = collect(b);
  a.publish(event);
  // A change whose row is gone since is skipped: its DELETED follows.
  a.publish(change('gone', { object: { blob: 'y'.repeat(20_000) } }));
  a.publish(change('small'));
  await until(() => onB.seen.some((e) => e.name === 'small'), 'the change after the large ones');
  assert.deepEqual(
    onB.seen.map((e) => e.name),
    ['big', 'small'],
  );
  assert.deepEqual(onB.seen[0]?.object, big);
  assert.equal(onB.seen[0]?.resourceVersion, '7');
  onB.stop();
});

test('the added latency of a change between replicas (publish to the other replica’s subscriber)', async () => {
  const latencies: number[] = [];
  let sentAt = 0;
  const onB = b.subscribe({}, () => latencies.push(performance.now() - sentAt));
  for (let i = 0; i < 200; i++) {
    sentAt = performance.now();
    a.publish(change(`timed-${i}`));
    await until(() => latencies.length > i, `change ${i}`);
  }
  onB();
  latencies.sort((x, y) => x - y);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  console.log(
    `change relay over PostgreSQL NOTIFY: p50 ${at(0.5).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms (200 changes, one at a time)`,
  );
  assert.ok(at(0.99) < 100, `p99 ${at(0.99)} ms`);
  assert.deepEqual(problems, []);
});

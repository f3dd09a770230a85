import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createChangeHub, type ResourceChangeEvent } from '#server/sync/change-hub.ts';
import { type ControllerTimer, createController } from './controller.ts';
import { PROPAGATION_LABEL } from './object-shape.ts';

/** A timer that runs only when told. */
function manualTimer() {
  const due: { run: () => void; cancelled: boolean }[] = [];
  const timer: ControllerTimer = {
    after(_ms, run) {
      const entry = { run, cancelled: false };
      due.push(entry);
      return { cancel: () => (entry.cancelled = true) };
    },
  };
  const fire = () => {
    for (const entry of due.splice(0)) if (!entry.cancelled) entry.run();
  };
  return { timer, fire };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function setUp() {
  const rounds: string[] = [];
  const gates: (() => void)[] = [];
  const changes = createChangeHub();
  const { timer, fire } = manualTimer();
  const controller = createController({
    reconcile: async (name) => {
      rounds.push(name);
      await new Promise<void>((resolve) => gates.push(resolve));
    },
    propagations: async () => [{ name: 'p', version: '1' }],
    clusterStates: async () => new Map([['a', 'Ready']]),
    changes,
    timer,
    log: { warn: () => undefined },
  });
  const release = async () => {
    for (const gate of gates.splice(0)) gate();
    await settle();
  };
  return { rounds, changes, controller, release, fire };
}

const change = (
  type: ResourceChangeEvent['type'],
  object: unknown,
  labels = { [PROPAGATION_LABEL]: 'p' },
) => ({
  type,
  clusterId: 'c1',
  group: 'apps',
  version: 'v1',
  resource: 'deployments',
  kind: 'Deployment',
  namespace: 'shop',
  name: 'web',
  labels,
  resourceVersion: '1',
  object,
});

test('a wake during a round runs one more round right after it, never two at once', async () => {
  const { rounds, controller, release } = setUp();
  controller.start();
  controller.wake('p');
  controller.wake('p');
  controller.wake('p');
  assert.deepEqual(rounds, ['p']);
  await release();
  assert.deepEqual(rounds, ['p', 'p'], 'the wakes during the round made one more');
  await release();
  assert.deepEqual(rounds, ['p', 'p']);
  await controller.stop();
  controller.wake('p');
  assert.equal(rounds.length, 2, 'nothing runs once stopped');
});

test('a propagated object’s change wakes its propagation; its status alone does not, a ready count does', async () => {
  const { rounds, changes, controller, release } = setUp();
  controller.start();
  const deployment = (image: string, status: object) => ({
    metadata: { name: 'web', resourceVersion: String(Math.random()) },
    spec: { image },
    status,
  });
  changes.publish(change('ADDED', deployment('a', {})));
  assert.deepEqual(rounds, ['p']);
  await release();
  changes.publish(change('MODIFIED', deployment('a', { observedGeneration: 2 })));
  await release();
  assert.deepEqual(rounds, ['p'], 'a status change is the member’s own');
  changes.publish(change('MODIFIED', deployment('a', { observedGeneration: 2, readyReplicas: 1 })));
  await release();
  changes.publish(change('MODIFIED', deployment('b', {})));
  await release();
  changes.publish(change('DELETED', undefined));
  await release();
  changes.publish(change('MODIFIED', deployment('c', {}), {} as never));
  await release();
  assert.deepEqual(
    rounds,
    ['p', 'p', 'p', 'p'],
    'ready count, spec and deletion each woke it; an unlabelled object did not',
  );
  await controller.stop();
});

test('every propagation has a round on the first look after start, and again on the resync', async () => {
  const { rounds, controller, release, fire } = setUp();
  controller.start();
  assert.deepEqual(rounds, []);
  fire();
  await settle();
  await settle();
  assert.deepEqual(rounds, ['p'], 'the first look sees every propagation as new (and the resync is due too)');
  while (rounds.length < 3) {
    await release();
    fire();
    await settle();
    await settle();
  }
  assert.ok(rounds.every((name) => name === 'p'));
  const stopped = controller.stop();
  await release();
  await stopped;
});

test('a round that says when the next is due (a failover grace ends) gets it then, with no change to wake it', async () => {
  const rounds: string[] = [];
  const asked: number[] = [];
  const due: (() => void)[] = [];
  const controller = createController({
    reconcile: async (name) => {
      rounds.push(name);
      return rounds.length === 1 ? 9_000 : undefined;
    },
    propagations: async () => [],
    clusterStates: async () => new Map(),
    changes: createChangeHub(),
    timer: {
      after(ms, run) {
        asked.push(ms);
        due.push(run);
        return { cancel: () => undefined };
      },
    },
    log: { warn: () => undefined },
  });
  controller.start();
  controller.wake('p');
  await settle();
  assert.ok(asked.includes(9_000), `timers asked: ${asked.join(', ')}`);
  for (const run of due.splice(0)) run();
  await settle();
  assert.deepEqual(rounds, ['p', 'p']);
  await controller.stop();
});

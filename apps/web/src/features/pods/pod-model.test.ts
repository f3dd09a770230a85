import assert from 'node:assert/strict';
import test from 'node:test';
import { type ContainerStatus, type Pod, podStatusText, readyOf, restartsOf, toneOf } from './pod-model.ts';

const pod = (status: Pod['status'], extra: Partial<Pod> = {}): Pod => ({
  metadata: { name: 'web-1', namespace: 'shop' },
  spec: { containers: [{ name: 'app' }, { name: 'proxy' }] },
  status,
  ...extra,
});
const running = (name: string, restartCount = 0): ContainerStatus => ({
  name,
  ready: true,
  restartCount,
  state: { running: { startedAt: '2026-01-01T00:00:00Z' } },
});

test('status in words: phase, a container’s reason, init progress, deletion', () => {
  assert.equal(
    podStatusText(pod({ phase: 'Running', containerStatuses: [running('app'), running('proxy')] })),
    'Running',
  );
  const crashing = pod({
    phase: 'Running',
    containerStatuses: [
      running('app'),
      { name: 'proxy', ready: false, restartCount: 7, state: { waiting: { reason: 'CrashLoopBackOff' } } },
    ],
  });
  assert.equal(podStatusText(crashing), 'CrashLoopBackOff');
  assert.equal(toneOf(podStatusText(crashing)), 'bad');
  const oom = pod({
    phase: 'Failed',
    containerStatuses: [{ name: 'app', state: { terminated: { reason: 'OOMKilled', exitCode: 137 } } }],
  });
  assert.equal(podStatusText(oom), 'OOMKilled');
  assert.equal(podStatusText(pod({ phase: 'Failed', reason: 'Evicted' })), 'Evicted');
  const init = pod(
    {
      phase: 'Pending',
      initContainerStatuses: [
        { name: 'migrate', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
        { name: 'seed', state: { running: {} } },
      ],
    },
    { spec: { containers: [{ name: 'app' }], initContainers: [{ name: 'migrate' }, { name: 'seed' }] } },
  );
  assert.equal(podStatusText(init), 'Init:1/2');
  assert.equal(toneOf('Init:1/2'), 'busy');
  assert.equal(podStatusText(pod({ phase: 'Pending' })), 'Pending');
  assert.equal(toneOf('ContainerCreating'), 'busy');
  const leaving = pod(
    { phase: 'Running' },
    { metadata: { name: 'x', deletionTimestamp: '2026-01-01T00:00:00Z' } },
  );
  assert.equal(podStatusText(leaving), 'Terminating');
  assert.equal(podStatusText(pod(undefined)), 'Unknown');
  assert.equal(toneOf('Completed'), 'good');
});

test('ready x/y and restarts summed over containers, with the last restart’s time', () => {
  const half = pod({
    phase: 'Running',
    containerStatuses: [
      running('app', 2),
      {
        ...running('proxy', 3),
        ready: false,
        lastState: { terminated: { exitCode: 1, finishedAt: '2026-02-01T10:00:00Z' } },
      },
    ],
  });
  assert.deepEqual(readyOf(half), { ready: 1, total: 2 });
  assert.deepEqual(restartsOf(half), { count: 5, lastAt: '2026-02-01T10:00:00Z' });
  assert.deepEqual(readyOf(pod({ phase: 'Pending' })), { ready: 0, total: 2 });
  assert.deepEqual(restartsOf(pod({ phase: 'Pending' })), { count: 0 });
});

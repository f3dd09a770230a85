import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KIND_REGISTRY } from './builtin-kinds.ts';
import { healthOf, stuckPodsOf } from './workload-health.ts';

const deployment = (status: Record<string, unknown>, spec: Record<string, unknown> = {}) => ({
  metadata: { generation: 2 },
  spec: { replicas: 3, ...spec },
  status: { observedGeneration: 2, ...status },
});

test('a Deployment is Available, Progressing, Degraded or Paused, in words', () => {
  const done = { replicas: 3, updatedReplicas: 3, availableReplicas: 3 };
  assert.deepEqual(healthOf('deployment', deployment(done)), {
    state: 'Available',
    message: '3 of 3 replicas are available',
  });
  assert.deepEqual(healthOf('deployment', deployment({ ...done, updatedReplicas: 1, replicas: 4 })), {
    state: 'Progressing',
    reason: 'RollingUpdate',
    message: '1 of 3 new replicas have been updated',
  });
  assert.equal(
    healthOf('deployment', deployment({ ...done, observedGeneration: 1 })).reason,
    'NewGeneration',
  );
  const stalled = deployment({
    ...done,
    conditions: [
      {
        type: 'Progressing',
        status: 'False',
        reason: 'ProgressDeadlineExceeded',
        message: 'ReplicaSet "web-1" has timed out progressing.',
      },
    ],
  });
  assert.deepEqual(healthOf('deployment', stalled), {
    state: 'Degraded',
    reason: 'ProgressDeadlineExceeded',
    message: 'ReplicaSet "web-1" has timed out progressing.',
  });
  assert.equal(healthOf('deployment', deployment(done, { paused: true })).state, 'Paused');
  const crashing = [
    {
      metadata: { name: 'web-1' },
      status: { containerStatuses: [{ state: { waiting: { reason: 'CrashLoopBackOff' } } }] },
    },
  ];
  assert.deepEqual(healthOf('deployment', deployment(done), stuckPodsOf(crashing)), {
    state: 'Degraded',
    reason: 'CrashLoopBackOff',
    message: 'pod web-1 is CrashLoopBackOff',
  });
});

test('StatefulSets, DaemonSets, Jobs and CronJobs', () => {
  const sts = { spec: { replicas: 2 }, status: { readyReplicas: 1, updatedReplicas: 1 } };
  assert.deepEqual(healthOf('stateful-set', sts), {
    state: 'Progressing',
    reason: 'WaitingForReady',
    message: '1 of 2 pods are ready',
  });
  const ds = { status: { desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3 } };
  assert.equal(healthOf('daemon-set', ds).state, 'Available');
  const failed = {
    status: {
      conditions: [
        {
          type: 'Failed',
          status: 'True',
          reason: 'BackoffLimitExceeded',
          message: 'Job has reached the specified backoff limit',
        },
      ],
    },
  };
  assert.deepEqual(healthOf('job', failed), {
    state: 'Degraded',
    reason: 'BackoffLimitExceeded',
    message: 'Job has reached the specified backoff limit',
  });
  assert.equal(
    healthOf('job', { status: { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] } }).state,
    'Complete',
  );
  assert.equal(healthOf('cron-job', { spec: { suspend: true } }).state, 'Suspended');
});

test('every workload kind of the registry names a health rule', () => {
  for (const kind of KIND_REGISTRY.inCollection('workloads')) assert.ok(kind.health, kind.kind);
});

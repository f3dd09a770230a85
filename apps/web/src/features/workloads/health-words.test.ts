import assert from 'node:assert/strict';
import { test } from 'node:test';
import { healthOf } from '@portolan/kinds';
import { healthWords } from './health-words.ts';

test('health in translatable words, with the numbers read from the object', () => {
  const rolling = {
    metadata: { generation: 1 },
    spec: { replicas: 3 },
    status: {
      observedGeneration: 1,
      replicas: 4,
      updatedReplicas: 1,
      readyReplicas: 3,
      availableReplicas: 3,
    },
  };
  assert.deepEqual(healthWords(healthOf('deployment', rolling), 'Deployment', rolling), {
    key: 'workloads.why.rollingOut',
    values: { updated: 1, ready: 3, available: 3, desired: 3 },
  });
  const done = { ...rolling, status: { ...rolling.status, replicas: 3, updatedReplicas: 3 } };
  assert.deepEqual(healthWords(healthOf('deployment', done), 'Deployment', done), {
    key: 'workloads.why.replicasAvailable',
    values: { available: 3, desired: 3 },
  });
  const cron = { spec: { schedule: '0 2 * * *' }, status: { active: [{}] } };
  assert.deepEqual(healthWords(healthOf('cron-job', cron), 'CronJob', cron), {
    key: 'workloads.why.scheduled',
    values: { schedule: '0 2 * * *', active: 1 },
  });
});

test('a stuck pod is named in words; a message Kubernetes wrote is kept as written', () => {
  const stuck = healthOf('deployment', {}, [
    { name: 'web-1', reason: 'CrashLoopBackOff' },
    { name: 'web-2', reason: 'CrashLoopBackOff' },
  ]);
  assert.deepEqual(healthWords(stuck, 'Deployment', {}), {
    key: 'workloads.why.stuckPods',
    values: { pod: 'web-1', reason: 'CrashLoopBackOff', more: 1 },
  });
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
  assert.deepEqual(healthWords(healthOf('job', failed), 'Job', failed), {
    text: 'Job has reached the specified backoff limit',
  });
});

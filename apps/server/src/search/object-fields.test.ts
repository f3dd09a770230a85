import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FieldsError, parseFields, project } from './object-fields.ts';

const pod = {
  metadata: { name: 'web', labels: { app: 'web' }, managedFields: [{ manager: 'kubectl' }] },
  spec: { nodeName: 'n1', containers: [{ name: 'a', env: [{ name: 'X' }] }, { name: 'b' }] },
  status: {
    phase: 'Running',
    containerStatuses: [
      { name: 'a', ready: true, restartCount: 2, state: { running: {} }, image: 'busybox' },
      { name: 'b', ready: false, restartCount: 0, lastState: { terminated: { finishedAt: 'T' } } },
    ],
  },
};

test('project keeps the named paths with their nesting, through arrays element by element', () => {
  const tree = parseFields(
    'status.phase, spec.containers.name,status.containerStatuses.ready,status.containerStatuses.lastState.terminated.finishedAt,metadata.deletionTimestamp',
  );
  assert.deepEqual(project(pod, tree), {
    metadata: {},
    spec: { containers: [{ name: 'a' }, { name: 'b' }] },
    status: {
      phase: 'Running',
      containerStatuses: [{ ready: true }, { ready: false, lastState: { terminated: { finishedAt: 'T' } } }],
    },
  });
});

test('a path inside one already kept whole changes nothing; a step into a scalar keeps nothing', () => {
  assert.deepEqual(project(pod, parseFields('metadata.labels,metadata.labels.app')), {
    metadata: { labels: { app: 'web' } },
  });
  assert.deepEqual(project(pod, parseFields('metadata.labels.app,metadata.labels')), {
    metadata: { labels: { app: 'web' } },
  });
  assert.deepEqual(project(pod, parseFields('status.phase.x')), { status: {} });
});

test('bad lists are refused naming the path', () => {
  assert.throws(() => parseFields(' , '), FieldsError);
  assert.throws(() => parseFields('status.phase,.spec'), /"\.spec" is not a field path/);
  assert.throws(() => parseFields('status.containerStatuses[0]'), /is not a field path/);
  assert.throws(() => parseFields(Array.from({ length: 33 }, (_, i) => `f${i}`).join(',')), /at most 32/);
});

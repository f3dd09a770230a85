import assert from 'node:assert/strict';
import test from 'node:test';
import { countsOf, emptyProgress, nextProgress, stoppedProgress } from './drain-progress.ts';

const pod = (name: string, state: string, extra: object = {}) => ({
  type: 'pod' as const,
  pod: { namespace: 'ns', name, state: state as 'evicting', attempts: 1, ...extra },
});

test('a drain reads as n of N, each pod at its latest state, a budget’s refusal counted as retrying', () => {
  let progress = nextProgress(emptyProgress, {
    type: 'plan',
    pods: [
      { namespace: 'ns', name: 'a', state: 'pending' },
      { namespace: 'ns', name: 'b', state: 'pending' },
      { namespace: 'ns', name: 'c', state: 'pending' },
      { namespace: 'ns', name: 'agent', state: 'skipped', reason: 'DaemonSet' },
    ],
  });
  assert.deepEqual(countsOf(progress).total, 3);
  assert.equal(countsOf(progress).skipped, 1);
  progress = nextProgress(progress, pod('a', 'evicting'));
  progress = nextProgress(progress, pod('a', 'evicted'));
  progress = nextProgress(progress, pod('b', 'evicting', { reason: 'DisruptionBudget', attempts: 3 }));
  assert.deepEqual(
    [countsOf(progress).handled, countsOf(progress).terminating, countsOf(progress).retrying],
    [1, 1, 1],
  );
  progress = nextProgress(progress, pod('a', 'deleted'));
  assert.equal(countsOf(progress).gone, 1);
  assert.equal(progress.rows.find((row) => row.name === 'b')?.attempts, 3);
  // Stopped: what had not been evicted reads as such.
  const stopped = stoppedProgress(progress);
  assert.deepEqual(
    stopped.rows.map((row) => row.state),
    ['deleted', 'stopped', 'stopped', 'skipped'],
  );
  assert.equal(countsOf(stopped).notEvicted, 2);
  assert.equal(countsOf(stopped).handled, 1, 'a pod not evicted is not handled');
  const failed = nextProgress(progress, { type: 'error', error: { code: 'internal', message: 'boom' } });
  assert.equal(failed.error, 'boom');
});

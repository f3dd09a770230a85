import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JobContext } from '#server/jobs/jobs.ts';
import { HelmCommandError } from './helm-runner-errors.ts';
import type { ObjectHealth } from './manifest-health.ts';
import { followApply } from './release-progress.ts';

/** A job that keeps its steps, as the job service would record them. */
function recordingJob() {
  const steps: { code: string; params: Record<string, string | number>; level: string }[] = [];
  const job: JobContext = {
    id: 'j1',
    signal: new AbortController().signal,
    async step(code, params, _text, level = 'info') {
      steps.push({ code, params, level });
    },
  };
  return { job, steps };
}

const object = (name: string, found: boolean, ready: boolean): ObjectHealth => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  name,
  found,
  ready,
  phase: ready ? 'Available' : 'Progressing',
});

test('while helm waits, the job says when everything is applied and how many objects are ready', async () => {
  const { job, steps } = recordingJob();
  // What the store shows on each look: nothing yet, both there, one ready, both ready.
  const looks = [
    [object('a', false, false), object('b', false, false)],
    [object('a', true, false), object('b', true, false)],
    [object('a', true, true), object('b', true, false)],
    [object('a', true, true), object('b', true, true)],
  ];
  let look = 0;
  const result = await followApply(
    job,
    {
      wait: true,
      pollMs: 10,
      health: async () => looks[Math.min(look++, looks.length - 1)] ?? [],
      rolledBackTo: async () => undefined,
    },
    () => new Promise((resolve) => setTimeout(() => resolve('done'), 120)),
  );
  assert.equal(result, 'done');
  assert.deepEqual(
    steps.map((step) => [step.code, step.params]),
    [
      ['applied', { count: 2 }],
      ['waiting-ready', { ready: 0, total: 2 }],
      ['waiting-ready', { ready: 1, total: 2 }],
      ['ready', { ready: 2, total: 2 }],
    ],
  );
});

test('a failed hook and helm’s rollback are said before the job fails', async () => {
  const { job, steps } = recordingJob();
  const failure = new HelmCommandError(
    422,
    'helm-failed',
    'release web failed, and has been rolled back due to rollback-on-failure being set: pre-upgrade hooks failed: resource Pod/shop/web-migrate not ready',
  );
  await assert.rejects(
    followApply(job, { wait: true, pollMs: 1000, health: async () => [], rolledBackTo: async () => 4 }, () =>
      Promise.reject(failure),
    ),
    failure,
  );
  assert.deepEqual(
    steps.map((step) => [step.code, step.params.hook ?? step.params.revision, step.level]),
    [
      ['hook-failed', 'pre-upgrade', 'error'],
      ['rolled-back', 4, 'warning'],
    ],
  );
});

test("a job's failure says which kind it was when helm's text tells, with helm's words kept whole", async () => {
  const { job } = recordingJob();
  const options = { wait: true, pollMs: 1000, health: async () => [], rolledBackTo: async () => 4 };
  const fail = (stderr: string, more: { wait?: boolean; timeoutSeconds?: number } = {}) =>
    followApply(job, { ...options, ...more }, () => Promise.reject(HelmCommandError.fromHelm(stderr))).then(
      () => assert.fail('it did not fail'),
      (error: HelmCommandError) => ({
        code: error.messageCode,
        params: error.params,
        message: error.message,
      }),
    );
  const hook = await fail(
    'Error: UPGRADE FAILED: pre-upgrade hooks failed: resource Job/shop/web-migrate not ready. status: InProgress\n',
    { timeoutSeconds: 4 },
  );
  assert.deepEqual(hook, {
    code: 'hook-failed',
    params: {
      hook: 'pre-upgrade',
      detail: 'pre-upgrade hooks failed: resource Job/shop/web-migrate not ready. status: InProgress',
    },
    message:
      'the pre-upgrade hook failed: pre-upgrade hooks failed: resource Job/shop/web-migrate not ready. status: InProgress',
  });
  const late = await fail('Error: INSTALLATION FAILED: context deadline exceeded\n', { timeoutSeconds: 5 });
  assert.deepEqual(late.params, { seconds: '5', detail: 'context deadline exceeded' });
  assert.equal(late.code, 'not-ready-in-time');
  // Without a wait, or with words that say something else, helm's text is the reason as it was.
  assert.equal(
    (await fail('Error: context deadline exceeded\n', { wait: false, timeoutSeconds: 5 })).code,
    'helm-said',
  );
  assert.equal(
    (await fail('Error: cannot patch "web": field is immutable\n', { timeoutSeconds: 5 })).code,
    'helm-said',
  );
});

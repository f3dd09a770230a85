import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newOperation, newStep, type OperationRecord } from './operation.ts';
import { runOperation, type StepWork } from './operation-runner.ts';
import { StepError, said } from './step-words.ts';

function fixture(timeoutSeconds = 5) {
  const operation = newOperation({
    id: 'op-1',
    cluster: 'lab',
    kind: 'upgrade',
    createdAt: new Date(0),
    createdBy: { id: 'u1', name: 'alice' },
    steps: [
      newStep('a', 'validate', 'Check', {}, timeoutSeconds),
      newStep('b', 'control-plane', 'Upgrade the control plane', {}, timeoutSeconds),
      newStep('c', 'post-checks', 'Check after', {}, timeoutSeconds),
    ],
    input: {},
  });
  const saved: string[] = [];
  const lines: string[] = [];
  const controller = new AbortController();
  const job = {
    signal: controller.signal,
    step: async (code: string) => {
      lines.push(code);
    },
  };
  const deps = (work: StepWork) => ({
    save: async (op: OperationRecord) => {
      saved.push(`${op.state}:${op.steps.map((s) => s.state[0]).join('')}`);
    },
    clock: () => new Date(1000),
    work,
  });
  return { operation, saved, lines, controller, job, deps };
}

test('what a step says keeps its words and, when it has one, its code and values; a new run clears them', async () => {
  const { operation, job, deps } = fixture();
  let fail = true;
  const work: StepWork = async (step) => {
    if (step.id === 'a') return said('nodes-ready', { count: 2 }, '2 nodes Ready');
    if (step.id === 'b' && fail)
      throw new StepError('snapshot-gone', { snapshot: 's9' }, 'snapshot s9 is gone');
    return 'plain words';
  };
  await assert.rejects(runOperation(operation, job, deps(work)), /snapshot s9 is gone/);
  assert.deepEqual(
    [operation.steps[0]?.message, operation.steps[0]?.messageCode, operation.steps[0]?.messageParams],
    ['2 nodes Ready', 'nodes-ready', { count: 2 }],
  );
  assert.deepEqual(operation.failure, {
    step: 'b',
    reason: 'snapshot s9 is gone',
    code: 'snapshot-gone',
    params: { snapshot: 's9' },
  });
  fail = false;
  await runOperation(operation, job, deps(work));
  assert.equal(operation.steps[1]?.message, 'plain words');
  assert.equal(operation.steps[1]?.messageCode, undefined);
  assert.equal(operation.failure, null);
});

test('a failing step stops the operation there, resumable; resume re-runs from that step only', async () => {
  const { operation, job, deps } = fixture();
  const ran: string[] = [];
  let failB = true;
  const work: StepWork = async (step) => {
    ran.push(step.id);
    if (step.id === 'b' && failB) throw new Error('kube-apiserver did not come up');
    return `did ${step.id}`;
  };
  await assert.rejects(runOperation(operation, job, deps(work)), /kube-apiserver did not come up/);
  assert.equal(operation.state, 'failed');
  assert.deepEqual(operation.failure, { step: 'b', reason: 'kube-apiserver did not come up' });
  assert.equal(operation.canResume, true);
  assert.deepEqual(
    operation.steps.map((s) => s.state),
    ['done', 'failed', 'pending'],
  );
  assert.equal(operation.steps[0]?.message, 'did a');

  failB = false;
  await runOperation(operation, job, deps(work));
  assert.deepEqual(ran, ['a', 'b', 'b', 'c']);
  assert.equal(operation.state, 'succeeded');
  assert.equal(operation.failure, null);
  assert.equal(operation.canResume, false);
  assert.deepEqual(
    operation.steps.map((s) => s.state),
    ['done', 'done', 'done'],
  );
});

test('a step over its time limit fails with "took longer than N s", even if it ignores its signal', async () => {
  const { operation, job, deps } = fixture(1);
  const work: StepWork = async (step) => {
    if (step.id === 'b') await new Promise((resolve) => setTimeout(resolve, 3000));
    return undefined;
  };
  const started = Date.now();
  await assert.rejects(runOperation(operation, job, deps(work)), /took longer than 1 s/);
  assert.ok(Date.now() - started < 2500);
  assert.equal(operation.failure?.step, 'b');
  assert.equal(operation.failure?.reason, 'took longer than 1 s');
  // The console says it in the reader's language from the code and the seconds.
  assert.equal(operation.failure?.code, 'timeout');
  assert.deepEqual(operation.failure?.params, { seconds: 1 });
  assert.equal(operation.steps[1]?.messageCode, 'timeout');
  assert.equal(operation.steps[2]?.state, 'pending');
});

test('cancel stops the running step at once through its signal; the operation is cancelled and resumable', async () => {
  const { operation, job, deps, controller } = fixture();
  let sawAbort = false;
  const work: StepWork = (step, context) =>
    step.id === 'b'
      ? new Promise((_, reject) => {
          context.signal.addEventListener('abort', () => {
            sawAbort = true;
            reject(new Error('stopped'));
          });
          setTimeout(() => controller.abort(new Error('Cancelled by alice')), 20);
        })
      : Promise.resolve(undefined);
  await assert.rejects(runOperation(operation, job, deps(work)));
  assert.ok(sawAbort);
  assert.equal(operation.state, 'cancelled');
  assert.deepEqual(operation.failure, {
    step: 'b',
    reason: 'Cancelled by alice',
    code: 'cancelled',
    params: { reason: 'Cancelled by alice' },
  });
  assert.equal(operation.canResume, true);
  assert.equal(operation.steps[2]?.state, 'pending');
});

test('a replica that stops leaves the operation running with the step pending, for recovery', async () => {
  const { operation, job, deps, controller } = fixture();
  const work: StepWork = (step) =>
    step.id === 'b'
      ? new Promise((_, reject) => {
          controller.abort(new Error('Portolan replica r1 stopped while the job ran'));
          reject(new Error('aborted'));
        })
      : Promise.resolve(undefined);
  await assert.rejects(runOperation(operation, job, deps(work)));
  assert.equal(operation.state, 'running');
  assert.equal(operation.steps[1]?.state, 'pending');
  assert.match(operation.steps[1]?.message ?? '', /resumed from this step automatically once/);
  assert.equal(operation.steps[1]?.messageCode, 'interrupted');
  assert.deepEqual(operation.steps[1]?.messageParams, {
    reason: 'Portolan replica r1 stopped while the job ran',
  });
});

test('an upgrade with a snapshot may roll back after failing; rolling back ends as rolled-back', async () => {
  const { operation, job, deps } = fixture();
  operation.snapshotId = 's1';
  await assert.rejects(
    runOperation(
      operation,
      job,
      deps(async (step) => {
        if (step.id === 'b') throw new Error('no');
        return undefined;
      }),
    ),
  );
  assert.equal(operation.canRollback, true);
  operation.rollingBack = true;
  for (const step of operation.steps) if (step.state !== 'done') step.state = 'skipped';
  operation.steps.push(newStep('rollback', 'restore', 'Roll back'));
  await runOperation(
    operation,
    job,
    deps(async () => undefined),
  );
  assert.equal(operation.state, 'rolled-back');
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HelmCommandError } from '#server/helm/helm-runner-errors.ts';
import type { RoundTimer } from '#server/replicas/work-leases.ts';
import { createSqlJobStore } from '#server/store/jobs/job-sql-store.ts';
import { createSqlReplicaStore } from '#server/store/replicas/replica-sql-store.ts';
import { sqliteTestDatabase, type TestDatabase } from '#server/store/testing/database-fixtures.ts';
import { createJobs, type JobsDeps, type JobsService } from './job-service.ts';
import { untilCancelled } from './testing/job-work.ts';

const bob = { id: 'u2', name: 'bob' };
const spec = {
  kind: 'helm.install',
  cluster: 'c1',
  namespace: 'ns-a',
  target: 'web',
  createdBy: { id: 'u1', name: 'alice' },
};
const silent = { warn: () => undefined };

/** Rounds run by hand: the test says when a replica looks for cancels or sweeps. */
function manualTimer() {
  const rounds = new Set<() => void>();
  const timer: RoundTimer = {
    every(_ms, run) {
      rounds.add(run);
      return { cancel: () => rounds.delete(run) };
    },
  };
  return {
    timer,
    runAll: () => {
      for (const run of rounds) run();
    },
  };
}

let database: TestDatabase;
before(async () => {
  database = await sqliteTestDatabase();
});
after(() => database.destroy());

function jobsOn(replica: string, more: Partial<JobsDeps> = {}): JobsService {
  return createJobs({
    store: createSqlJobStore(database.db),
    replicas: createSqlReplicaStore(database.db),
    replica: { id: replica },
    clock: () => new Date(),
    timer: manualTimer().timer,
    log: silent,
    ...more,
  });
}

describe('jobs', () => {
  test('steps are stored in the order said, without the work waiting; the result is kept', async () => {
    const jobs = jobsOn('r1');
    const started = await jobs.start(spec, async (job) => {
      // Said without awaiting: each is numbered at once and written behind the work.
      void job.step('chart-fetched', { chart: 'nginx', version: '1.2.3' }, 'Fetched chart nginx 1.2.3');
      void job.step('rendered', { objects: 4 }, 'Rendered 4 objects');
      void job.step('applying', {}, 'Applying');
      await job.step('applied', {}, 'Applied');
      void job.step('ready', {}, 'Ready');
      return { revision: 2 };
    });
    assert.equal(started.state, 'running');
    assert.equal(started.replica, 'r1');
    assert.equal(started.cluster, 'c1');
    const ended = await jobs.finished(started.id);
    assert.equal(ended.state, 'succeeded');
    assert.deepEqual(ended.result, { revision: 2 });
    assert.equal(ended.error, null);
    assert.ok(ended.finishedAt);
    const steps = await jobs.steps(started.id);
    assert.deepEqual(
      steps.map((step) => `${step.seq} ${step.code}`),
      ['1 chart-fetched', '2 rendered', '3 applying', '4 applied', '5 ready'],
    );
    assert.deepEqual(steps[0]?.params, { chart: 'nginx', version: '1.2.3' });
    assert.deepEqual(
      (await jobs.steps(started.id, 3)).map((step) => step.seq),
      [4, 5],
    );
  });

  test('a failure keeps its reason, and the last step says it', async () => {
    const jobs = jobsOn('r1');
    const started = await jobs.start(spec, async (job) => {
      await job.step('chart-fetched', {}, 'Fetched');
      throw new Error('release web: 2 pods did not become ready within 5m0s');
    });
    const ended = await jobs.finished(started.id);
    assert.equal(ended.state, 'failed');
    assert.equal(ended.error, 'release web: 2 pods did not become ready within 5m0s');
    const steps = await jobs.steps(started.id);
    assert.deepEqual(steps.at(-1), {
      ...steps.at(-1),
      seq: 2,
      code: 'failed',
      level: 'error',
      params: { reason: 'release web: 2 pods did not become ready within 5m0s' },
    });
  });

  test('a failure that says itself as a code keeps the code and values beside the English, in the record and the last step', async () => {
    const jobs = jobsOn('r1');
    const started = await jobs.start(spec, async () => {
      throw HelmCommandError.coded(422, 'helm-failed', {
        messageCode: 'hook-failed',
        params: { hook: 'pre-upgrade', detail: 'job failed: BackoffLimitExceeded' },
      });
    });
    const ended = await jobs.finished(started.id);
    assert.equal(ended.error, 'the pre-upgrade hook failed: job failed: BackoffLimitExceeded');
    assert.equal(ended.errorCode, 'hook-failed');
    assert.deepEqual(ended.errorParams, { hook: 'pre-upgrade', detail: 'job failed: BackoffLimitExceeded' });
    assert.deepEqual((await jobs.steps(started.id)).at(-1)?.params, {
      reason: 'the pre-upgrade hook failed: job failed: BackoffLimitExceeded',
      reasonCode: 'hook-failed',
      'reason.hook': 'pre-upgrade',
      'reason.detail': 'job failed: BackoffLimitExceeded',
    });
    // A plain error has no code: the console shows its English.
    const plain = await jobs.finished(
      (
        await jobs.start(spec, async () => {
          throw new Error('no');
        })
      ).id,
    );
    assert.equal(plain.errorCode, undefined);
    assert.equal((await jobs.get(plain.id))?.errorParams, undefined);
  });

  test('a cancel on this replica aborts the work; the job ends cancelled saying by whom', async () => {
    const jobs = jobsOn('r1');
    const started = await jobs.start(spec, async (job) => {
      await job.step('waiting-ready', {}, 'Waiting');
      await untilCancelled(job);
    });
    assert.equal(await jobs.cancel(started.id, bob), true);
    const ended = await jobs.finished(started.id);
    assert.equal(ended.state, 'cancelled');
    assert.equal(ended.error, 'Cancelled by bob');
    assert.equal((await jobs.steps(started.id)).at(-1)?.code, 'cancelled');
    assert.equal(await jobs.cancel(started.id, bob), false, 'an ended job cannot be cancelled');
  });

  test('a cancel asked on another replica reaches the one running the job at its next poll', async () => {
    const owner = manualTimer();
    const here = jobsOn('r1', { timer: owner.timer });
    const there = jobsOn('r2');
    const started = await here.start(spec, async (job) => {
      await untilCancelled(job);
    });
    assert.equal(await there.cancel(started.id, bob), true);
    assert.equal((await there.get(started.id))?.state, 'running', 'still running until the owner polls');
    owner.runAll();
    const ended = await there.finished(started.id);
    assert.equal(ended.state, 'cancelled');
    assert.equal(ended.error, 'Cancelled by bob');
  });

  test('a job whose replica stopped heartbeating is ended as failed by the sweep, naming the replica', async () => {
    let now = 1_000_000;
    const clock = () => new Date(now);
    const replicas = createSqlReplicaStore(database.db);
    await replicas.join({ id: 'r-dead', address: 'a:1', startedAt: now }, now);
    await replicas.join({ id: 'r-live', address: 'b:1', startedAt: now }, now);
    const dying = jobsOn('r-dead', { clock, replicaTtlMs: 20_000 });
    const sweeper = jobsOn('r-live', { clock, replicaTtlMs: 20_000 });
    const started = await dying.start(spec, () => new Promise(() => undefined));
    assert.equal(await sweeper.sweep(), 0, 'its replica is alive');
    now += 30_000;
    await replicas.heartbeat('r-live', now);
    assert.equal(await sweeper.sweep(), 1);
    const ended = await sweeper.get(started.id);
    assert.equal(ended?.state, 'failed');
    assert.equal(ended?.error, 'Portolan replica r-dead stopped while the job ran');
    assert.equal(ended?.finishedAt, new Date(now).toISOString());
    assert.equal(await sweeper.sweep(), 0, 'once');
  });

  test('a job keeps at most maxSteps steps; the last says how many were left out', async () => {
    const jobs = jobsOn('r1', { maxSteps: 10 });
    const started = await jobs.start(spec, async (job) => {
      for (let i = 1; i <= 50; i++) void job.step('applying', { i }, `Step ${i}`);
    });
    await jobs.finished(started.id);
    const steps = await jobs.steps(started.id);
    assert.equal(steps.length, 9);
    assert.deepEqual(steps.at(-2)?.params, { i: 8 });
    assert.deepEqual(
      { code: steps.at(-1)?.code, params: steps.at(-1)?.params, seq: steps.at(-1)?.seq },
      { code: 'steps-omitted', params: { count: 42 }, seq: 9 },
    );
  });

  test('stopping the replica cancels its running jobs with that reason, even work that ignores its signal', async () => {
    const jobs = jobsOn('r-stopping', { stopGraceMs: 100 });
    const polite = await jobs.start(spec, (job) => untilCancelled(job));
    const stubborn = await jobs.start(spec, () => new Promise(() => undefined));
    await jobs.stop();
    for (const id of [polite.id, stubborn.id]) {
      const ended = await jobs.get(id);
      assert.equal(ended?.state, 'cancelled');
      assert.equal(ended?.error, 'Portolan replica r-stopping stopped while the job ran');
    }
  });
});

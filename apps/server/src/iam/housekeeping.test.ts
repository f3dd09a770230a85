import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHousekeeping, type IntervalTimer } from './housekeeping.ts';

/** A timer the test fires by hand: what was scheduled, at which interval, and whether it was cancelled. */
function manualTimer() {
  const runs: Array<{ ms: number; run: () => void; cancelled: boolean }> = [];
  const timer: IntervalTimer = {
    every(ms, run) {
      const entry = { ms, run, cancelled: false };
      runs.push(entry);
      return { cancel: () => (entry.cancelled = true) };
    },
  };
  return { timer, runs };
}

test('once an hour, expired sessions are swept and old audit records pruned; stop ends the schedule', async () => {
  const { timer, runs } = manualTimer();
  let sweeps = 0;
  let prunes = 0;
  const housekeeping = createHousekeeping({
    sessions: { sweep: async () => (sweeps += 1) },
    audit: { prune: async () => (prunes += 1) },
    log: { warn: () => assert.fail('nothing fails') },
    timer,
  });
  housekeeping.start();
  housekeeping.start();
  assert.equal(runs.length, 1, 'starting twice schedules once');
  assert.equal(runs[0]?.ms, 3_600_000);
  runs[0]?.run();
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual([sweeps, prunes], [1, 1]);
  housekeeping.stop();
  assert.equal(runs[0]?.cancelled, true);
});

test('a failed sweep is logged and the audit log is still pruned', async () => {
  const warnings: string[] = [];
  let prunes = 0;
  const housekeeping = createHousekeeping({
    sessions: { sweep: () => Promise.reject(new Error('database is locked')) },
    audit: { prune: async () => (prunes += 1) },
    log: { warn: (_fields, message) => warnings.push(message) },
    timer: manualTimer().timer,
  });
  await housekeeping.runOnce();
  assert.equal(prunes, 1);
  assert.deepEqual(warnings, ['sweeping sessions failed']);
});

import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { type AccessProblem, createAccessWatch, type WatchedAnswer } from './access-watch.ts';
import { createIdentityEvents } from './identity-events.ts';

const REVOKED: AccessProblem = { code: 'unauthenticated', message: 'revoked' };

/** An answer whose access is taken away by `revoke()`, recording how it ended. */
function answer() {
  let allowed = true;
  const ended: AccessProblem[] = [];
  let checks = 0;
  const watched: WatchedAnswer = {
    async check() {
      checks++;
      return allowed ? undefined : REVOKED;
    },
    end: (problem) => void ended.push(problem),
  };
  return {
    watched,
    ended,
    checks: () => checks,
    revoke() {
      allowed = false;
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('an identity change checks every open answer at once and ends the ones that lost access', async () => {
  const events = createIdentityEvents();
  const watch = createAccessWatch({ events, intervalMs: 60_000 });
  watch.start();
  const kept = answer();
  const lost = answer();
  watch.watch(kept.watched);
  watch.watch(lost.watched);
  lost.revoke();
  events.publish();
  await watch.checkAll();
  assert.deepEqual(lost.ended, [REVOKED]);
  assert.deepEqual(kept.ended, []);
  assert.equal(watch.size(), 1, 'an ended answer is no longer checked');
  watch.stop();
});

test('the timer catches changes saved elsewhere; stop ends the checking', async (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  const watch = createAccessWatch({ intervalMs: 2000 });
  watch.start();
  const lost = answer();
  watch.watch(lost.watched);
  lost.revoke();
  t.mock.timers.tick(1999);
  await settle();
  assert.equal(lost.checks(), 0);
  t.mock.timers.tick(1);
  await settle();
  assert.deepEqual(lost.ended, [REVOKED]);

  const later = answer();
  watch.watch(later.watched);
  watch.stop();
  later.revoke();
  t.mock.timers.tick(10_000);
  await settle();
  assert.equal(later.checks(), 0, 'no checks after stop');
});

test('an answer that ended on its own is not checked; a check that fails is tried again', async () => {
  const onError = mock.fn();
  const watch = createAccessWatch({ intervalMs: 60_000, onError });
  const left = answer();
  watch.watch(left.watched)();
  let failing = true;
  const flaky = answer();
  watch.watch({
    check: () => (failing ? Promise.reject(new Error('store away')) : flaky.watched.check()),
    end: flaky.watched.end,
  });
  flaky.revoke();
  await watch.checkAll();
  assert.equal(left.checks(), 0);
  assert.deepEqual(flaky.ended, [], 'not knowing is not a refusal');
  assert.equal(onError.mock.callCount(), 1);
  failing = false;
  await watch.checkAll();
  assert.deepEqual(flaky.ended, [REVOKED]);
});

test('a change heard during a pass asks for one more pass, not one per change', async () => {
  const watch = createAccessWatch({ intervalMs: 60_000 });
  const one = answer();
  watch.watch(one.watched);
  const first = watch.checkAll();
  void watch.checkAll();
  void watch.checkAll();
  await first;
  await watch.checkAll();
  assert.ok(one.checks() >= 2 && one.checks() <= 3, `checked ${one.checks()} times`);
});

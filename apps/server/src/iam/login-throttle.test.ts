import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { delayAfter, USER_POLICY } from './login-throttle.ts';
import { createTestIam, type TestIam } from './test-iam.ts';

let iam: TestIam;
before(async () => {
  iam = await createTestIam();
});
after(() => iam.destroy());

test('the delay doubles past the free attempts and stops at the maximum', () => {
  assert.deepEqual(
    [4, 5, 6, 7, 20].map((n) => delayAfter(n, USER_POLICY)),
    [0, 2_000, 4_000, 8_000, 900_000],
  );
});

test('per user: five free attempts, then each needs an exponentially longer wait; success forgives', async () => {
  const allowed = [];
  for (let i = 0; i < 5; i++) allowed.push((await iam.throttle.attempt('Carol', '10.0.0.1')).allowed);
  assert.deepEqual(allowed, [true, true, true, true, true]);
  assert.deepEqual(await iam.throttle.attempt('carol', '10.0.0.2'), { allowed: false, retryAfterMs: 2_000 });
  iam.advance(1_000);
  // Refused attempts count too: hammering only makes the wait longer.
  assert.deepEqual(await iam.throttle.attempt('carol', '10.0.0.3'), { allowed: false, retryAfterMs: 3_000 });
  iam.advance(8_000);
  assert.deepEqual(await iam.throttle.attempt('carol', '10.0.0.4'), { allowed: true });
  assert.deepEqual(await iam.throttle.attempt('carol', '10.0.0.4'), { allowed: false, retryAfterMs: 16_000 });
  iam.advance(31_000);
  assert.deepEqual(await iam.throttle.attempt('carol', '10.0.0.4'), { allowed: false, retryAfterMs: 1_000 });
  iam.advance(64_000);
  assert.deepEqual(await iam.throttle.attempt('carol', '10.0.0.4'), { allowed: true });
  await iam.throttle.succeeded('carol', '10.0.0.4');
  assert.deepEqual(await iam.throttle.attempt('carol', '10.0.0.4'), { allowed: true });
});

test('per address: many usernames from one address are throttled after twenty', async () => {
  for (let i = 0; i < 20; i++)
    assert.equal((await iam.throttle.attempt(`user${i}`, '192.0.2.9')).allowed, true);
  const next = await iam.throttle.attempt('someone-new', '192.0.2.9');
  assert.equal(next.allowed, false);
  assert.equal(
    (await iam.throttle.attempt('someone-new', '192.0.2.10')).allowed,
    true,
    'other addresses go on',
  );
});

test('a burst of concurrent guesses gets only the free attempts through', async () => {
  const decisions = await Promise.all(
    Array.from({ length: 30 }, () => iam.throttle.attempt('dave', '198.51.100.1')),
  );
  assert.equal(decisions.filter((d) => d.allowed).length, 5);
});

test('failures are forgotten after a day without attempts', async () => {
  for (let i = 0; i < 8; i++) await iam.throttle.attempt('erin', '203.0.113.1');
  assert.equal((await iam.throttle.attempt('erin', '203.0.113.1')).allowed, false);
  iam.advance(USER_POLICY.resetAfterMs + 1);
  assert.equal((await iam.throttle.attempt('erin', '203.0.113.1')).allowed, true);
});

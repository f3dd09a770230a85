import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ACCOUNT_ADDRESS_POLICY, ACCOUNT_POLICY, delayAfter } from './login-throttle.ts';
import { createTestIam, type TestIam } from './testing/iam-services.ts';

let iam: TestIam;
before(async () => {
  iam = await createTestIam();
});
after(() => iam.destroy());

test('the delay doubles past the free attempts and stops at 900 s', () => {
  assert.deepEqual(
    [4, 5, 6, 7, 13, 14, 40].map((n) => delayAfter(n, ACCOUNT_ADDRESS_POLICY)),
    [0, 2_000, 4_000, 8_000, 512_000, 900_000, 900_000],
  );
});

test('per account and address: five free attempts, then waits that double up to 900 s', async () => {
  const allowed = [];
  for (let i = 0; i < 5; i++) allowed.push((await iam.throttle.attempt('Carol', '10.0.0.1')).allowed);
  assert.deepEqual(allowed, [true, true, true, true, true]);
  assert.deepEqual(await iam.throttle.attempt('carol', '10.0.0.1'), { allowed: false, retryAfterMs: 2_000 });
  iam.advance(1_000);
  // Refused attempts count too: hammering only makes the wait longer.
  assert.deepEqual(await iam.throttle.attempt('carol', '10.0.0.1'), { allowed: false, retryAfterMs: 3_000 });
  iam.advance(8_000);
  assert.deepEqual(await iam.throttle.attempt('carol', '10.0.0.1'), { allowed: true });
  assert.deepEqual(await iam.throttle.attempt('carol', '10.0.0.1'), { allowed: false, retryAfterMs: 16_000 });
  // Waiting out each delay and guessing again: the waits double until they reach 900 s, then stay.
  const waits = [];
  for (let i = 0; i < 8; i++) {
    iam.advance(900_000);
    await iam.throttle.attempt('carol', '10.0.0.1');
    const next = await iam.throttle.attempt('carol', '10.0.0.1');
    waits.push(next.allowed ? 0 : next.retryAfterMs);
  }
  assert.deepEqual(waits, [64_000, 256_000, 900_000, 900_000, 900_000, 900_000, 900_000, 900_000]);
});

test('guesses at one account from one address never delay another account from that address', async () => {
  for (let i = 0; i < 40; i++) await iam.throttle.attempt('victim', '192.0.2.9');
  assert.equal((await iam.throttle.attempt('victim', '192.0.2.9')).allowed, false);
  for (let i = 0; i < 25; i++)
    assert.deepEqual(await iam.throttle.attempt(`colleague${i}`, '192.0.2.9'), { allowed: true });
});

test('per account: guesses spread over many addresses are delayed after twenty', async () => {
  for (let i = 0; i < ACCOUNT_POLICY.freeAttempts; i++)
    assert.equal((await iam.throttle.attempt('frank', `198.18.0.${i}`)).allowed, true);
  assert.deepEqual(await iam.throttle.attempt('frank', '198.18.1.1'), {
    allowed: false,
    retryAfterMs: 2_000,
  });
  assert.equal((await iam.throttle.attempt('grace', '198.18.1.1')).allowed, true, 'other accounts go on');
});

test('a success forgives its address, but not the guesses at the account from elsewhere', async () => {
  for (let i = 0; i < 16; i++) await iam.throttle.attempt('heidi', `198.19.0.${i}`);
  for (let i = 0; i < 3; i++) await iam.throttle.attempt('heidi', '198.19.1.1');
  await iam.throttle.succeeded('heidi', '198.19.1.1');
  // The success itself is taken back from the account (18 left counted); its address starts afresh,
  // yet the account's twenty free attempts run out after two more.
  assert.equal((await iam.throttle.attempt('heidi', '198.19.1.1')).allowed, true);
  assert.equal((await iam.throttle.attempt('heidi', '198.19.1.1')).allowed, true);
  assert.deepEqual(await iam.throttle.attempt('heidi', '198.19.1.1'), {
    allowed: false,
    retryAfterMs: 2_000,
  });
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
  iam.advance(ACCOUNT_ADDRESS_POLICY.resetAfterMs + 1);
  assert.equal((await iam.throttle.attempt('erin', '203.0.113.1')).allowed, true);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPasswordHasher } from './password-hash.ts';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

test('argon2id with the default cost: a PHC string, verified in constant time, salted per hash', async () => {
  const hasher = createPasswordHasher();
  const hash = await hasher.hash('correct horse battery');
  assert.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
  assert.equal(await hasher.verify('correct horse battery', hash), true);
  assert.equal(await hasher.verify('correct horse batterY', hash), false);
  assert.notEqual(await hasher.hash('correct horse battery'), hash, 'each hash has its own salt');
  assert.equal(await hasher.verify('x', 'plain text'), false);
  assert.equal(await hasher.verify('correct horse battery', hash.replace('t=2', 't=3')), false);
  assert.equal(hasher.needsRehash(hash), false);
  const cheap = await createPasswordHasher({ cost: { memoryKiB: 64, passes: 1, parallelism: 1 } }).hash('p');
  assert.equal(hasher.needsRehash(cheap), true);
  assert.equal(await hasher.verify('p', cheap), true, 'old hashes keep working with their own cost');
});

test('a dummy verify for unknown users costs about as much as a real one', async () => {
  const hasher = createPasswordHasher();
  const hash = await hasher.hash('the real password');
  await hasher.verifyDummy('warm up'); // the dummy hash is made on first use
  const real: number[] = [];
  const dummy: number[] = [];
  for (let i = 0; i < 5; i++) {
    real.push(await timed(() => hasher.verify('a wrong password', hash)));
    dummy.push(await timed(() => hasher.verifyDummy('a wrong password')));
  }
  const ratio = median(dummy) / median(real);
  assert.ok(ratio > 0.5 && ratio < 2, `dummy ${median(dummy)} ms vs real ${median(real)} ms`);
  assert.equal(await hasher.verifyDummy('anything'), false);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShortCache } from './short-cache.ts';

test('an entry is kept for its time to live on the injected clock, then forgotten', () => {
  let now = 1_000_000;
  const cache = new ShortCache<number>(10_000, { clock: () => new Date(now) });
  const db = {};
  cache.set(db, 'estimate', 42);
  now += 9_999;
  assert.equal(cache.get(db, 'estimate'), 42);
  now += 1;
  assert.equal(cache.get(db, 'estimate'), undefined);
});

test('entries are kept per database, and a full cache starts again', () => {
  const cache = new ShortCache<string>(10_000, { max: 2, clock: () => new Date(0) });
  const one = {};
  const two = {};
  cache.set(one, 'k', 'one');
  cache.set(two, 'k', 'two');
  assert.equal(cache.get(one, 'k'), 'one');
  assert.equal(cache.get(two, 'k'), 'two');
  cache.set(one, 'other', 'three');
  assert.equal(cache.get(one, 'k'), undefined);
  assert.equal(cache.get(one, 'other'), 'three');
});

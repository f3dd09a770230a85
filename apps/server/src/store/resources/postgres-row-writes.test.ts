import assert from 'node:assert/strict';
import { test } from 'node:test';
import { postgresRowWrites } from './postgres-row-writes.ts';

test('first syncs write a second batch at once only while one of 3 slots of the process is free', () => {
  const rows = postgresRowWrites();
  const held = [rows.extraSlot?.(), rows.extraSlot?.(), rows.extraSlot?.()];
  assert.ok(
    held.every((release) => typeof release === 'function'),
    'three syncs get a second writer',
  );
  assert.equal(
    rows.extraSlot?.(),
    undefined,
    'a fourth writes one batch at a time, leaving the pool to others',
  );
  held[0]?.();
  held[0]?.();
  const next = rows.extraSlot?.();
  assert.equal(typeof next, 'function', 'a released slot is taken again');
  assert.equal(rows.extraSlot?.(), undefined, 'a slot released twice frees one slot, not two');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BLOCK, blockAt, ROW_HEIGHT, rowsToRender } from './grid-window.ts';

test('at every scroll position every row in view is rendered, and only a few dozen rows in all', () => {
  const count = 1000;
  for (const height of [320, 700, 1400]) {
    for (let top = 0; top <= count * ROW_HEIGHT - height; top += 7) {
      const { from, to } = rowsToRender(blockAt(top), height, count);
      const firstSeen = Math.floor(top / ROW_HEIGHT);
      const lastSeen = Math.min(count - 1, Math.floor((top + height) / ROW_HEIGHT));
      assert.ok(
        from <= firstSeen && lastSeen < to,
        `rows ${firstSeen}–${lastSeen} in view at ${top}px, ${from}–${to} rendered`,
      );
      assert.ok(to - from <= Math.ceil(height / ROW_HEIGHT) + 40, `${to - from} rows rendered at ${top}px`);
    }
  }
});

test('the rendered rows stay the same while a scroll stays within a block', () => {
  const at = (row: number) => rowsToRender(blockAt(ROW_HEIGHT * row), 700, 1000);
  assert.deepEqual(at(0), at(BLOCK - 1));
  assert.notDeepEqual(at(0), at(BLOCK));
  assert.deepEqual(at(BLOCK), at(2 * BLOCK - 1));
});

test('a short list renders all its rows, and none past its end', () => {
  assert.deepEqual(rowsToRender(blockAt(0), 700, 3), { from: 0, to: 3 });
  assert.deepEqual(rowsToRender(blockAt(5000), 700, 0), { from: 0, to: 0 });
});

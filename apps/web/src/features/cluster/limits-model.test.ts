import assert from 'node:assert/strict';
import test from 'node:test';
import { limitItems, limitRows, parseAmounts } from './limits-model.ts';

test('amounts read as name=amount terms; a bare word is refused', () => {
  assert.deepEqual(parseAmounts('cpu=500m, memory = 256Mi'), { cpu: '500m', memory: '256Mi' });
  assert.deepEqual(parseAmounts(''), {});
  assert.equal(parseAmounts('cpu'), undefined);
  assert.equal(parseAmounts('cpu='), undefined);
});

test('limit items go to rows of text and back unchanged; a bad field is named by row and field', () => {
  const items = [
    { type: 'Container' as const, default: { cpu: '500m' }, max: { memory: '1Gi', cpu: '2' } },
    { type: 'PersistentVolumeClaim' as const, min: { storage: '1Gi' } },
  ];
  assert.deepEqual(limitItems(limitRows(items)).items, items);
  assert.deepEqual(limitItems([{ type: 'Pod', max: 'cpu' }]).bad, [0, 'max']);
});

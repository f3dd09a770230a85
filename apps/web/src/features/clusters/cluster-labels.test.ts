import assert from 'node:assert/strict';
import test from 'node:test';
import { parseLabels } from './cluster-labels.ts';

test('labels typed one a line become an object; a line without = is refused', () => {
  assert.deepEqual(parseLabels('env=prod\n team = payments \n'), { env: 'prod', team: 'payments' });
  assert.deepEqual(parseLabels('env=prod, tier=web'), { env: 'prod', tier: 'web' });
  assert.equal(parseLabels('env'), undefined);
});

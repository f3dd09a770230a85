import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseValues } from './values-check.ts';

const refusal = (text: string) => {
  try {
    parseValues(text, 'targets[1].values');
  } catch (error) {
    return error as Error & { status?: number; field?: string };
  }
  return assert.fail('the values were taken');
};

test('values are one YAML mapping; broken YAML, a list and an alias bomb are refused naming the field', () => {
  assert.equal(parseValues('replicas: 2\n', 'values'), 'replicas: 2\n');
  assert.equal(parseValues('  \n', 'values'), undefined);
  assert.match(refusal('a: [1, 2\n').message, /^targets\[1\]\.values is not valid YAML \(line \d\)/);
  assert.match(refusal('- 1\n- 2\n').message, /must be a YAML mapping/);
  const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let level = 1; level < 9; level++)
    levels.push(
      `${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(10)
        .fill(`*${String.fromCharCode(96 + level)}`)
        .join(',')}]`,
    );
  const bomb = refusal(`${levels.join('\n')}\n`);
  assert.equal(bomb.status, 400);
  assert.equal(bomb.field, 'targets[1].values');
  assert.match(bomb.message, /expands YAML aliases/);
});

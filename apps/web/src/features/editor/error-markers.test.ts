import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markersOf } from './error-markers.ts';

const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: -1\n';

test('a YAML that does not read is marked at its line and column', () => {
  assert.deepEqual(markersOf({ code: 'malformed-manifest', message: 'bad', line: 3, column: 5 }, text), [
    { line: 3, column: 5, message: 'bad' },
  ]);
});

test('invalid fields and fields another manager owns are marked on their own lines', () => {
  const invalid = markersOf(
    { code: 'invalid', message: 'invalid', fields: [{ field: 'spec.replicas', message: 'must be >= 0' }] },
    text,
  );
  assert.deepEqual(invalid, [{ line: 6, message: 'spec.replicas: must be >= 0' }]);
  const conflict = markersOf(
    {
      code: 'apply-conflict',
      message: 'conflict',
      conflicts: [{ field: '.spec.replicas', message: 'owned' }],
    },
    text,
  );
  assert.deepEqual(conflict, [{ line: 6, message: 'spec.replicas: owned' }]);
});

test('a problem that names only its document points at where the document starts', () => {
  const second = `${text}---\nkind: ConfigMap\n`;
  assert.deepEqual(markersOf({ code: 'unknown-kind', message: 'no such kind', document: 2 }, second), [
    { line: 8, message: 'no such kind' },
  ]);
  assert.deepEqual(markersOf({ code: 'forbidden', message: 'no' }, text), []);
});

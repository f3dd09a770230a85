import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../api/client.ts';
import { layered, refusedField, refusedValuesPath, valuesMarkers } from './refusals.ts';
import { kindOf, setValue, valueAt, valuesObject } from './values-yaml.ts';

const chartDefaults = '# Pods of the shop\nreplicaCount: 1\nimage:\n  tag: "1.27" # pinned\n';

test('a value set from the form keeps the comments and every other key', () => {
  const changed = setValue(chartDefaults, ['replicaCount'], 3);
  assert.match(changed, /# Pods of the shop/);
  assert.match(changed, /tag: "1.27" # pinned/);
  assert.deepEqual(valuesObject(changed), { replicaCount: 3, image: { tag: '1.27' } });
  const nested = setValue('', ['image', 'tag'], '2.0');
  assert.deepEqual(valuesObject(nested), { image: { tag: '2.0' } });
  assert.deepEqual(valuesObject(setValue(changed, ['image', 'tag'], undefined)), {
    replicaCount: 3,
    image: {},
  });
});

test('text that is not one mapping cannot feed the form; empty text is no values', () => {
  assert.equal(valuesObject('- a\n- b\n'), undefined);
  assert.equal(valuesObject('a: [\n'), undefined);
  assert.deepEqual(valuesObject('  \n'), {});
  assert.equal(valueAt({ a: { b: 2 } }, ['a', 'b']), 2);
  assert.equal(valueAt({ a: 1 }, ['a', 'b']), undefined);
});

test('the form knows a field by its schema, and leaves lists and free maps to the YAML', () => {
  assert.equal(kindOf({ type: 'integer' }), 'integer');
  assert.equal(kindOf({ type: ['string', 'null'] }), 'string');
  assert.equal(kindOf({ enum: ['small', 'large'] }), 'enum');
  assert.equal(kindOf({ properties: { a: {} } }), 'object');
  assert.equal(kindOf({ type: 'object' }), 'yaml');
  assert.equal(kindOf({ type: 'array' }), 'yaml');
});

test('a cluster’s values are laid over the shared ones as helm lays two values files', () => {
  assert.deepEqual(valuesObject(layered('a: 1\nimage:\n  tag: x\n  pull: always\n', 'image:\n  tag: y\n')), {
    a: 1,
    image: { tag: 'y', pull: 'always' },
  });
  assert.equal(layered('a: 1\n', '  '), 'a: 1\n');
});

test('a values-schema refusal points at its field, in the text and in the form', () => {
  const refusal = new ApiError(400, {
    code: 'invalid-values',
    message: "the values do not fit the chart's values schema: image.tag: got number, want string",
    field: 'values.image.tag',
  });
  assert.equal(refusedField(refusal), 'values');
  assert.equal(refusedValuesPath(refusal), 'image.tag');
  assert.deepEqual(
    valuesMarkers(refusal, chartDefaults).map((marker) => marker.line),
    [4],
  );
  const elsewhere = new ApiError(400, { code: 'invalid', message: 'name is taken', field: 'name' });
  assert.equal(refusedField(elsewhere), 'name');
  assert.deepEqual(valuesMarkers(elsewhere, chartDefaults), []);
  const unreadable = new ApiError(400, {
    code: 'invalid-values',
    message: 'targets[1].values is not valid YAML (line 2): bad indentation',
    field: 'targets[1].values',
  });
  assert.deepEqual(
    valuesMarkers(unreadable, 'a: 1\n b: 2\n').map((marker) => marker.line),
    [2],
  );
});

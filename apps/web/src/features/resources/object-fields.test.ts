import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cellText, readJsonPath } from './object-fields.ts';

const object = {
  metadata: { name: 'db', labels: { 'app.kubernetes.io/name': 'db' } },
  spec: { replicas: 3, engine: 'postgres', containers: [{ name: 'a' }, { name: 'b' }] },
  status: {
    conditions: [
      { type: 'Progressing', status: 'False' },
      { type: 'Ready', status: 'True' },
    ],
  },
};

test('printer column paths read fields, indexes, wildcards and filters as kubectl does', () => {
  assert.deepEqual(readJsonPath(object, '.spec.replicas'), [3]);
  assert.deepEqual(readJsonPath(object, '.spec.containers[1].name'), ['b']);
  assert.deepEqual(readJsonPath(object, '.spec.containers[*].name'), ['a', 'b']);
  assert.deepEqual(readJsonPath(object, '.status.conditions[?(@.type=="Ready")].status'), ['True']);
  assert.deepEqual(readJsonPath(object, ".metadata.labels['app.kubernetes.io/name']"), ['db']);
  assert.deepEqual(readJsonPath(object, '{.spec.engine}'), ['postgres']);
});

test('a missing field gives no value rather than failing, and lists are joined', () => {
  assert.deepEqual(readJsonPath(object, '.spec.missing.deeper'), []);
  assert.deepEqual(readJsonPath(object, '.status.conditions[?(@.type=="Gone")].status'), []);
  assert.equal(cellText(readJsonPath(object, '.spec.containers[*].name')), 'a,b');
  assert.throws(() => readJsonPath(object, '.spec..x'), /cannot read the JSONPath/);
});

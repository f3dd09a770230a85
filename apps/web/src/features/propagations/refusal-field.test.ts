import assert from 'node:assert/strict';
import test from 'node:test';
import { emptyForm, type PropagationForm } from './propagation-form.ts';
import { formPathOf, refusedFields } from './refusal-field.ts';

const form: PropagationForm = {
  ...emptyForm(),
  resources: [
    { type: 'apps/v1|Deployment', namespace: 'shop', names: ['web', 'worker'], labelSelector: '' },
    { type: 'v1|ConfigMap', namespace: '', names: [], labelSelector: 'app=x' },
  ],
};

test('a field the server names in the document is found in the form, whatever way it is written', () => {
  assert.deepEqual(formPathOf('/metadata/name', form), ['name']);
  assert.deepEqual(formPathOf('spec.placement.clusters.labelSelector', form), ['targets', 'labelSelector']);
  assert.deepEqual(formPathOf('/spec/placement/clusters', form), ['targets', 'names']);
  assert.deepEqual(formPathOf('spec.resources[1].name', form), ['resources', 0, 'names']);
  assert.deepEqual(formPathOf('spec.resources[2].namespace', form), ['resources', 1, 'namespace']);
  assert.deepEqual(formPathOf('/spec/overrides/0/image/tag', form), ['overrides', 0, 'tag']);
  assert.deepEqual(formPathOf('/spec/overrides/1/clusters/labelSelector', form), [
    'overrides',
    1,
    'clusters',
    'labelSelector',
  ]);
  assert.deepEqual(formPathOf('/spec/placement/replicas/weights/0/weight', form), ['weights']);
  assert.equal(formPathOf('/apiVersion', form), undefined);
});

test('a refusal names its fields one by one, or the one field it is about', () => {
  assert.deepEqual(
    refusedFields({ code: 'invalid', message: 'bad', fields: [{ field: '/a', message: 'a is bad' }] }),
    [{ field: '/a', message: 'a is bad' }],
  );
  assert.deepEqual(refusedFields({ code: 'invalid', message: 'bad', field: 'b' }), [
    { field: 'b', message: 'bad' },
  ]);
  assert.deepEqual(refusedFields({ code: 'invalid', message: 'bad' }), []);
});

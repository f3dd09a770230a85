import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyMcsForm, formFieldOf, mcsDocumentOf, mcsFormOf } from './mcs-form.ts';

test('the form and the document say the same, both ways; defaults are left out of the document', () => {
  const form = {
    ...emptyMcsForm(),
    namespace: 'shop',
    service: 'web',
    importTo: { names: ['b'], labelSelector: '', all: false, exclude: [] },
  };
  const document = mcsDocumentOf(form);
  assert.deepEqual(document, {
    apiVersion: 'portolan.dev/v1',
    kind: 'MultiClusterService',
    metadata: { namespace: 'shop', name: 'web' },
    spec: { importTo: { names: ['b'] } },
  });
  assert.deepEqual(mcsFormOf(document), form);
  const chosen = mcsDocumentOf(
    {
      ...form,
      name: 'web-eu',
      exportMode: 'chosen',
      exportFrom: { names: [], labelSelector: 'region=eu', all: false, exclude: ['x'] },
      importName: 'web-all',
    },
    3,
  );
  assert.deepEqual(chosen.metadata, { namespace: 'shop', name: 'web-eu', generation: 3 });
  assert.deepEqual(chosen.spec, {
    service: 'web',
    exportFrom: { labelSelector: 'region=eu', exclude: ['x'] },
    importTo: { names: ['b'] },
    importName: 'web-all',
  });
  assert.equal(mcsFormOf(chosen).exportMode, 'chosen');
});

test('a refusal’s field finds the form field at fault', () => {
  assert.equal(formFieldOf('spec.importTo.labelSelector'), 'importTo');
  assert.equal(formFieldOf('spec.exportFrom'), 'exportFrom');
  assert.equal(formFieldOf('/spec/importName'), 'importName');
  assert.equal(formFieldOf('metadata.name'), 'name');
  assert.equal(formFieldOf('metadata.generation'), undefined);
  assert.equal(formFieldOf(undefined), undefined);
});

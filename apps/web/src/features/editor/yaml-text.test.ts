import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editable, fieldPath, lineOfDocument, lineOfField, toYaml, typesOf } from './yaml-text.ts';

const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: one
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: ""
`;

test('managedFields are hidden; YAML keeps long strings on one line', () => {
  const object = { kind: 'Pod', metadata: { name: 'a', managedFields: [{}] } };
  assert.deepEqual(editable(object), { kind: 'Pod', metadata: { name: 'a' } });
  assert.equal(toYaml({ a: 'x'.repeat(200) }).split('\n').length, 2);
});

test('each document says its type; a List its items', () => {
  assert.deepEqual(typesOf(text), [
    { apiVersion: 'v1', kind: 'ConfigMap' },
    { apiVersion: 'apps/v1', kind: 'Deployment' },
  ]);
  const list = 'apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: Service}\n';
  assert.deepEqual(typesOf(list), [{ apiVersion: 'v1', kind: 'Service' }]);
});

test("a server's field path finds its line in the right document, or its nearest parent", () => {
  assert.deepEqual(fieldPath('spec.containers[0].image'), ['spec', 'containers', 0, 'image']);
  assert.deepEqual(fieldPath('metadata.labels[app.kubernetes.io/name]'), [
    'metadata',
    'labels',
    'app.kubernetes.io/name',
  ]);
  assert.equal(lineOfField(text, 'spec.template.spec.containers[0].image', 2), 15);
  assert.equal(lineOfField(text, 'spec.selector', 2), 10);
  assert.equal(lineOfField(text, 'metadata.name', 1), 4);
  assert.equal(lineOfDocument(text, 2), 6);
});

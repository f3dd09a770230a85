import assert from 'node:assert/strict';
import test from 'node:test';
import type { PropagationDocument } from '@portolan/api';
import {
  documentOf,
  emptyForm,
  emptyOverride,
  formOf,
  isLabelSelector,
  jsonPatchProblem,
  readDocument,
  templateProblem,
} from './propagation-form.ts';

const full: PropagationDocument = {
  apiVersion: 'portolan.dev/v1',
  kind: 'Propagation',
  metadata: { name: 'shop', labels: { team: 'web' }, generation: 4 },
  spec: {
    source: { cluster: 'main' },
    resources: [
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'worker' },
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', labelSelector: 'app=shop' },
    ],
    includeDependencies: false,
    templates: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }],
    placement: {
      clusters: { labelSelector: 'env=prod', exclude: ['edge-1'] },
      replicas: {
        mode: 'Weighted',
        weights: [
          { cluster: 'a', weight: 2 },
          { labelSelector: 'zone=b', weight: 1 },
        ],
        limits: [{ cluster: 'a', max: 5 }],
        spreadBy: 'topology.kubernetes.io/zone',
      },
    },
    overrides: [
      {
        clusters: { names: ['a'] },
        resource: { kind: 'Deployment', name: 'web' },
        image: { tag: 'v2' },
        replicas: 3,
        env: [{ name: 'MODE', value: 'eu' }, { name: 'DEBUG' }],
        labels: { tier: 'front' },
        jsonPatch: [{ op: 'add', path: '/metadata/annotations/x', value: 'y' }],
      },
    ],
    failover: { enabled: true, graceSeconds: 30, minReadyReplicas: 2 },
    suspended: true,
  },
};

test('a document read into the form and written back is the same document', () => {
  assert.deepEqual(documentOf(formOf(full), full), full);
});

test('two names of one kind share a row, and a row of names becomes one selector per name', () => {
  const form = formOf(full);
  assert.deepEqual(form.resources[0]?.names, ['web', 'worker']);
  assert.equal(form.resources.length, 2);
  assert.equal(form.overrides[0]?.env[1]?.remove, true, 'a variable without value is one to remove');
});

test('an empty form part leaves nothing in the document; without resources there is no source', () => {
  const form = {
    ...emptyForm(),
    name: 'ns',
    sourceCluster: 'main',
    targets: { ...emptyForm().targets, all: true },
  };
  form.templates = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n';
  form.overrides = [
    { ...emptyOverride(), clusters: { names: ['a'], labelSelector: '', all: false, exclude: [] }, tag: ' ' },
  ];
  assert.deepEqual(documentOf(form).spec, {
    templates: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } }],
    placement: { clusters: { all: true } },
    overrides: [{ clusters: { names: ['a'] } }],
    includeDependencies: true,
    suspended: false,
  });
});

test('label selectors are checked as Kubernetes reads them', () => {
  for (const good of [
    '',
    'env=prod',
    'env==prod,tier!=edge',
    'region in (eu, us),!canary',
    'example.com/team notin (a)',
  ])
    assert.ok(isLabelSelector(good), good);
  for (const bad of ['=prod', 'env in eu', 'env=prod,', 'a b']) assert.ok(!isLabelSelector(bad), bad);
});

test('templates and JSON patches are checked before sending', () => {
  assert.equal(templateProblem({ kind: 'Namespace', metadata: { name: 'x' } }), 'templateKind');
  assert.equal(templateProblem({ apiVersion: 'v1', kind: 'Namespace', metadata: {} }), 'templateName');
  assert.equal(jsonPatchProblem('- op: add\n  path: /x\n  value: 1\n'), undefined);
  assert.equal(jsonPatchProblem('- op: put\n  path: /x\n'), 'patchShape');
  assert.equal(jsonPatchProblem('- op: [add'), 'patchYaml');
});

test('the YAML tab reads back only a Propagation', () => {
  assert.ok(
    'document' in
      readDocument('kind: Propagation\nmetadata: {name: a}\nspec: {placement: {clusters: {all: true}}}'),
  );
  assert.equal((readDocument('kind: Deployment') as { problem: string }).problem, 'yamlKind');
  assert.equal((readDocument('a: [') as { problem: string }).problem, 'yamlSyntax');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PropagationDocument, PropagationSpec } from '@portolan/api';
import {
  checkPropagation,
  findProblems,
  PropagationCheckError,
  warningFields,
} from './propagation-checks.ts';

const CLUSTERS = ['east', 'west', 'north'];

function documentWith(spec: Partial<PropagationSpec>): PropagationDocument {
  return {
    apiVersion: 'portolan.dev/v1',
    kind: 'Propagation',
    metadata: { name: 'shop' },
    spec: {
      includeDependencies: true,
      suspended: false,
      placement: { clusters: { names: ['east'] } },
      templates: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }],
      ...spec,
    },
  };
}

/** The fields at fault, in order, and each message (which must say how to fix it). */
const problemsOf = (spec: Partial<PropagationSpec>) => findProblems(documentWith(spec), CLUSTERS).problems;
const fieldsOf = (spec: Partial<PropagationSpec>) => problemsOf(spec).map((problem) => problem.field);

test('a plain document has no problem and no warning', () => {
  assert.deepEqual(findProblems(documentWith({}), CLUSTERS), { problems: [], warnings: [] });
});

test('label selectors parse, and a bad one names its field and the position of the fault', () => {
  const problems = problemsOf({ placement: { clusters: { labelSelector: 'env in (prod' } } });
  assert.equal(problems.length, 1);
  assert.equal(problems[0]?.field, 'spec.placement.clusters.labelSelector');
  assert.match(problems[0]?.message ?? '', /not closed with "\)"/);
  assert.deepEqual(
    fieldsOf({
      placement: { clusters: { all: true } },
      overrides: [{ clusters: { labelSelector: 'a==' }, replicas: 1 }],
    }),
    [],
    'a==  is a valid selector (empty value)',
  );
  assert.deepEqual(fieldsOf({ overrides: [{ clusters: { labelSelector: 'x<3' }, replicas: 1 }] }), [
    'spec.overrides[0].clusters.labelSelector',
  ]);
});

test('a cluster selector must select something', () => {
  const problems = problemsOf({ placement: { clusters: { exclude: ['east'] } } });
  assert.deepEqual(
    problems.map((problem) => problem.field),
    ['spec.placement.clusters'],
  );
  assert.match(problems[0]?.message ?? '', /names, a labelSelector, or all: true/);
});

test('resources need a source cluster, and namespaced kinds need a namespace', () => {
  const problems = problemsOf({
    resources: [
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      { apiVersion: 'v1', kind: 'Namespace', namespace: 'shop', name: 'shop' },
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'a', labelSelector: 'x=y' },
      { apiVersion: 'example.com/v1', kind: 'Widget', name: 'w' },
    ],
  });
  assert.deepEqual(
    problems.map((problem) => problem.field),
    [
      'spec.source.cluster',
      'spec.resources[0].namespace',
      'spec.resources[1].namespace',
      'spec.resources[2]',
    ],
  );
  assert.match(problems[0]?.message ?? '', /name the cluster to read them from/);
  assert.match(problems[1]?.message ?? '', /Deployment lives in a namespace/);
  assert.match(problems[2]?.message ?? '', /cluster-scoped; leave out the namespace/);
});

test('templates are objects with apiVersion, kind and metadata.name, placed as their kind needs', () => {
  const problems = problemsOf({
    templates: [
      { kind: 'ConfigMap', metadata: { name: 'a', namespace: 'shop' } },
      { apiVersion: 'v1', metadata: { name: 'b' } },
      { apiVersion: 'v1', kind: 'ConfigMap' },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'r', namespace: 'x' },
      },
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 's', namespace: 'shop' },
        data: { k: '<masked>' },
      },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
    ],
  });
  assert.deepEqual(
    problems.map((problem) => problem.field),
    [
      'spec.templates[0].apiVersion',
      'spec.templates[1].kind',
      'spec.templates[2].metadata.name',
      'spec.templates[3].metadata.namespace',
      'spec.templates[4].metadata.namespace',
      'spec.templates[5].data',
      'spec.templates[7]',
    ],
  );
  assert.match(problems[6]?.message ?? '', /same object as spec.templates\[6\]/);
});

test('weights only with Weighted, each naming its clusters one way; limits keep min ≤ max', () => {
  assert.deepEqual(
    fieldsOf({
      placement: {
        clusters: { all: true },
        replicas: { mode: 'Duplicated', weights: [{ cluster: 'east', weight: 1 }] },
      },
    }),
    ['spec.placement.replicas.weights'],
  );
  assert.deepEqual(fieldsOf({ placement: { clusters: { all: true }, replicas: { mode: 'Weighted' } } }), [
    'spec.placement.replicas.weights',
  ]);
  const problems = problemsOf({
    placement: {
      clusters: { all: true },
      replicas: {
        mode: 'Weighted',
        weights: [
          { weight: 1 },
          { cluster: 'east', labelSelector: 'a=b', weight: 2 },
          { labelSelector: 'a in', weight: 1 },
        ],
        limits: [
          { cluster: 'east', min: 5, max: 3 },
          { cluster: 'east', max: 9 },
        ],
      },
    },
  });
  assert.deepEqual(
    problems.map((problem) => problem.field),
    [
      'spec.placement.replicas.weights[0]',
      'spec.placement.replicas.weights[1]',
      'spec.placement.replicas.weights[2].labelSelector',
      'spec.placement.replicas.limits[0]',
      'spec.placement.replicas.limits[1].cluster',
    ],
  );
  assert.match(problems[3]?.message ?? '', /min 5 is more than max 3; lower min or raise max/);
});

test('overrides change something; JSON patch paths are pointers; an image is whole or in parts', () => {
  const problems = problemsOf({
    overrides: [
      { clusters: { names: ['east'] } },
      {
        clusters: { names: ['east'] },
        image: { image: 'nginx:1', tag: '2' },
        jsonPatch: [
          { op: 'replace', path: 'spec/replicas', value: 2 },
          { op: 'move', path: '/a' },
          { op: 'add', path: '/b' },
          { op: 'remove', path: '/c' },
        ],
      },
    ],
  });
  assert.deepEqual(
    problems.map((problem) => problem.field),
    [
      'spec.overrides[0]',
      'spec.overrides[1].image',
      'spec.overrides[1].jsonPatch[0].path',
      'spec.overrides[1].jsonPatch[1].from',
      'spec.overrides[1].jsonPatch[2].value',
    ],
  );
  assert.match(problems[2]?.message ?? '', /start it with "\/", e.g. \/spec\/replicas/);
});

test('unknown cluster names and failover that cannot move anything are warnings, not problems', () => {
  const { problems, warnings } = findProblems(
    documentWith({
      placement: { clusters: { names: ['east', 'esat'], exclude: ['sotuh'] } },
      failover: { enabled: true, graceSeconds: 60 },
      overrides: [{ clusters: { names: ['wset'] }, replicas: 2 }],
    }),
    CLUSTERS,
  );
  assert.deepEqual(problems, []);
  const messages = warnings.map((warning) => warning.message);
  assert.deepEqual(messages, [
    'spec.placement.clusters.names[1]: no registered cluster is named "esat"; nothing happens there until one is (check the spelling)',
    'spec.placement.clusters.exclude[0]: no registered cluster is named "sotuh"; nothing happens there until one is (check the spelling)',
    'spec.overrides[0].clusters.names[0]: no registered cluster is named "wset"; nothing happens there until one is (check the spelling)',
    'spec.failover: with Duplicated placement every cluster already runs all the replicas, so failover has nothing to move; set spec.placement.replicas.mode to Weighted or Capacity',
  ]);
  // The same warnings as codes and values, for the console to word in the reader's language.
  assert.deepEqual(
    warnings.map((warning) => warning.wording),
    [
      {
        code: 'warning.unknown-cluster',
        params: { field: 'spec.placement.clusters.names[1]', cluster: 'esat' },
      },
      {
        code: 'warning.unknown-cluster',
        params: { field: 'spec.placement.clusters.exclude[0]', cluster: 'sotuh' },
      },
      {
        code: 'warning.unknown-cluster',
        params: { field: 'spec.overrides[0].clusters.names[0]', cluster: 'wset' },
      },
      { code: 'warning.failover-duplicated', params: {} },
    ],
  );
  assert.deepEqual(
    findProblems(
      documentWith({
        placement: { clusters: { all: true }, replicas: { mode: 'Capacity' } },
        failover: { enabled: true, graceSeconds: 60 },
      }),
      CLUSTERS,
    ).warnings,
    [],
  );
});

test('a document that names nothing to propagate is warned of, in English and as a code', () => {
  const { warnings } = findProblems(documentWith({ templates: [] }), CLUSTERS);
  assert.deepEqual(warningFields(warnings), {
    warnings: ['spec: names nothing to propagate; add spec.templates, or spec.resources with spec.source'],
    warningCodes: [{ code: 'warning.nothing-to-propagate', params: {} }],
  });
  // No warning: neither field, so an answer without warnings stays as it was.
  assert.deepEqual(warningFields([]), {});
});

test('checkPropagation throws every problem at once, the message naming the first field', () => {
  assert.throws(
    () =>
      checkPropagation(
        documentWith({ placement: { clusters: {} }, overrides: [{ clusters: { all: true } }] }),
        CLUSTERS,
      ),
    (error: unknown) => {
      assert.ok(error instanceof PropagationCheckError);
      assert.equal(error.field, 'spec.placement.clusters');
      assert.equal(error.problems.length, 2);
      assert.match(error.message, /^spec.placement.clusters: selects no cluster; .* \(and 1 more problems/);
      return true;
    },
  );
  assert.deepEqual(checkPropagation(documentWith({}), CLUSTERS), []);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PropagationDocument } from '@portolan/api';
import type { RenderedObject, RenderedTarget } from '../contract.ts';
import type { EngineCluster } from './cluster-facts.ts';
import { PROPAGATION_LABEL } from './object-shape.ts';
import { baseObjects, renderTargets } from './render.ts';
import { planReplicas } from './replica-plan.ts';
import { WordedError } from './wording.ts';

const cluster = (name: string, labels: Record<string, string> = {}): EngineCluster => ({
  id: `id-${name}`,
  name,
  labels,
  status: 'Ready',
});
const clusters = [cluster('a'), cluster('b', { tier: 'edge' }), cluster('src')];
const web = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: {
    replicas: 6,
    selector: {},
    template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
  },
};
const documentOf = (spec: Partial<PropagationDocument['spec']> = {}): PropagationDocument => ({
  apiVersion: 'portolan.dev/v1',
  kind: 'Propagation',
  metadata: { name: 'p' },
  spec: {
    templates: [web, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }],
    placement: {
      clusters: { all: true },
      replicas: {
        mode: 'Weighted',
        weights: [
          { cluster: 'a', weight: 2 },
          { cluster: 'b', weight: 1 },
        ],
      },
    },
    includeDependencies: true,
    suspended: false,
    ...spec,
  },
});

function render(
  document: PropagationDocument,
  base: RenderedObject[] | Error,
  appliedBefore = () => [] as never[],
) {
  const targets = ['a', 'b'];
  const objects = base instanceof Error ? [] : base;
  const planned = planReplicas({
    document,
    objects,
    targets: clusters.filter((c) => targets.includes(c.name)),
    source: document.spec.resources?.length ? document.spec.source?.cluster : undefined,
    now: new Date(0),
    stored: {},
    ready: () => undefined,
  });
  return renderTargets({
    document,
    generation: 4,
    clusters,
    targets,
    base,
    plan: planned.plan,
    appliedBefore,
  });
}

test('each target gets its share of replicas, its overrides and the label, namespaces first', () => {
  const document = documentOf({
    overrides: [{ clusters: { labelSelector: 'tier=edge' }, image: { tag: 'alpine' } }],
  });
  const [a, b] = render(document, baseObjects(document, []));
  assert.deepEqual(
    a?.objects.map((o) => o.object.kind),
    ['Namespace', 'Deployment'],
  );
  const deployment = (target: RenderedTarget | undefined) =>
    target?.objects[1]?.object as typeof web & { metadata: { labels?: Record<string, string> } };
  assert.equal(deployment(a).spec.replicas, 4);
  assert.equal(deployment(b).spec.replicas, 2);
  assert.equal(a?.replicas, 4);
  assert.equal(deployment(a).spec.template.spec.containers[0]?.image, 'nginx:1.27');
  assert.equal(deployment(b).spec.template.spec.containers[0]?.image, 'nginx:alpine');
  assert.equal(deployment(b).metadata.labels?.[PROPAGATION_LABEL], 'p');
  assert.equal(web.spec.replicas, 6, 'the document is not changed');
});

test('what was applied before and is no longer rendered is listed for removal; a failing override renders nothing and removes nothing', () => {
  const document = documentOf();
  const before = [
    { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'old' },
    { apiVersion: 'v1', kind: 'Namespace', namespace: '', name: 'shop' },
  ];
  const [a] = render(document, baseObjects(document, []), () => before as never);
  assert.deepEqual(a?.removals, [{ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'old' }]);
  const broken = documentOf({
    overrides: [{ clusters: { names: ['b'] }, jsonPatch: [{ op: 'remove', path: '/spec/nothing' }] }],
  });
  const [, b] = render(broken, baseObjects(broken, []), () => before as never);
  assert.equal(
    b?.error,
    'spec.overrides[0]: override 0, JSON patch on Deployment shop/web: path /spec/nothing does not exist',
  );
  // The override's failure and the JSON patch's inside it, each as a code and values.
  assert.deepEqual(b?.errorWording, {
    code: 'reason.override-failed',
    params: {
      override: 0,
      detail: 'override 0, JSON patch on Deployment shop/web: path /spec/nothing does not exist',
      detailCode: 'override.json-patch',
      'detail.override': 0,
      'detail.object': 'Deployment shop/web',
      'detail.detail': 'path /spec/nothing does not exist',
      'detail.detailCode': 'patch.no-path',
      'detail.detail.pointer': '/spec/nothing',
    },
  });
  assert.deepEqual(b?.objects, []);
  assert.deepEqual(b?.removals, [], 'nothing is removed while the document cannot be rendered');
});

test('an unreadable source renders nothing anywhere and removes nothing; the source cluster gets templates only', () => {
  const failed = render(
    documentOf(),
    new Error('source cluster src cannot be reached'),
    () => [{ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'x' }] as never,
  );
  for (const target of failed) {
    assert.equal(target.error, 'source cluster src cannot be reached');
    assert.deepEqual(target.removals, []);
  }
  // A source error that carries its code keeps it, and its English is the code's.
  const worded = render(
    documentOf(),
    new WordedError({ code: 'reason.source-unreachable', params: { source: 'src' } }),
    () => [],
  );
  for (const target of worded) {
    assert.deepEqual(target.errorWording, { code: 'reason.source-unreachable', params: { source: 'src' } });
    assert.equal(
      target.error,
      'source cluster src cannot be reached now; nothing is applied or removed until it can',
    );
  }
  const document = documentOf({
    source: { cluster: 'a' },
    resources: [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'api' }],
  });
  const fromSource = [
    { object: { ...web, metadata: { name: 'api', namespace: 'shop' } }, origin: 'source' as const },
  ];
  const [a, b] = render(document, baseObjects(document, fromSource));
  assert.deepEqual(
    a?.objects.map((o) => o.object.metadata?.name),
    ['shop', 'web'],
    'no copy over the original on a',
  );
  const api = b?.objects.find((o) => o.object.metadata?.name === 'api')?.object as typeof web | undefined;
  assert.equal(api?.spec.replicas, 6, 'the source’s replicas are split over the other targets only');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import type { ClusterSelector, PropagationOverride } from '@portolan/api';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { type ClusterFacts, OverrideError } from '../contract.ts';
import { applyOverrides } from './overrides.ts';
import { selectorMatches } from './select.ts';

const clusters: ClusterFacts[] = [
  { name: 'eu', labels: { region: 'eu' }, status: 'Ready' },
  { name: 'us', labels: { region: 'us' }, status: 'Ready' },
];
const selects = (selector: ClusterSelector, name: string): boolean =>
  clusters.some((cluster) => cluster.name === name && selectorMatches(selector, cluster));
const eu = clusters[0] as ClusterFacts;
const everywhere = { all: true };

const deployment = (): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
  spec: {
    replicas: 3,
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        initContainers: [{ name: 'migrate', image: 'ghcr.io/acme/migrate:1.0' }],
        containers: [
          {
            name: 'app',
            image: 'nginx:1.25',
            env: [
              { name: 'A', value: '1' },
              { name: 'B', value: '2' },
            ],
          },
          { name: 'sidecar', image: 'registry.local:5000/tools/proxy@sha256:abc' },
        ],
      },
    },
  },
});
type Container = { name: string; image: string; env?: { name: string; value: string }[] };
const podSpec = (object: KubeObject) =>
  (object.spec as { template: { spec: { containers: Container[]; initContainers: Container[] } } }).template
    .spec;

test('image: whole, or its registry or tag, in every container or the named one', () => {
  const whole = applyOverrides(
    deployment(),
    [{ clusters: everywhere, image: { container: 'app', image: 'web:2' } }],
    eu,
    selects,
  );
  assert.deepEqual(
    podSpec(whole).containers.map((c) => c.image),
    ['web:2', 'registry.local:5000/tools/proxy@sha256:abc'],
  );
  const registry = applyOverrides(
    deployment(),
    [{ clusters: everywhere, image: { registry: 'mirror.eu' } }],
    eu,
    selects,
  );
  assert.deepEqual(
    [...podSpec(registry).initContainers, ...podSpec(registry).containers].map((c) => c.image),
    ['mirror.eu/acme/migrate:1.0', 'mirror.eu/library/nginx:1.25', 'mirror.eu/tools/proxy@sha256:abc'],
  );
  const tag = applyOverrides(deployment(), [{ clusters: everywhere, image: { tag: '9' } }], eu, selects);
  assert.deepEqual(
    [...podSpec(tag).initContainers, ...podSpec(tag).containers].map((c) => c.image),
    ['ghcr.io/acme/migrate:9', 'nginx:9', 'registry.local:5000/tools/proxy:9'],
  );
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers: [{ name: 'c', image: 'localhost/x' }] },
  };
  const patched = applyOverrides(
    pod,
    [{ clusters: everywhere, image: { registry: 'r.io', tag: 't' } }],
    eu,
    selects,
  );
  assert.deepEqual(patched.spec, { containers: [{ name: 'c', image: 'r.io/x:t' }] });
  const cron: KubeObject = {
    kind: 'CronJob',
    spec: {
      jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } } },
    },
  };
  const cronPatched = applyOverrides(cron, [{ clusters: everywhere, image: { tag: '1.36' } }], eu, selects);
  assert.match(JSON.stringify(cronPatched), /"busybox:1.36"/);
});

test('a named container the workload lacks is an error naming the override and the fix', () => {
  assert.throws(
    () =>
      applyOverrides(
        deployment(),
        [{ clusters: everywhere }, { clusters: everywhere, image: { container: 'nope', tag: '1' } }],
        eu,
        selects,
      ),
    (error: unknown) =>
      error instanceof OverrideError &&
      error.override === 1 &&
      error.message ===
        'override 1: Deployment shop/web has no container named "nope"; name one of its containers, or limit the override to other objects with its "resource"' &&
      isDeepStrictEqual(error.wording, {
        code: 'override.no-container',
        params: { override: 1, object: 'Deployment shop/web', container: 'nope' },
      }),
  );
  const configMap: KubeObject = { kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } };
  assert.deepEqual(
    applyOverrides(
      configMap,
      [{ clusters: everywhere, image: { container: 'x', tag: '1' }, replicas: 2 }],
      eu,
      selects,
    ),
    configMap,
  );
});

test('replicas on scaled workloads; env set, replaced in place and removed; labels and annotations merged', () => {
  const override: PropagationOverride = {
    clusters: { names: ['eu'] },
    replicas: 5,
    env: [
      { name: 'A', value: 'changed' },
      { name: 'B' },
      { name: 'C', value: '3', container: 'app' },
      { name: 'MIGRATE', value: 'yes', container: 'migrate' },
    ],
    labels: { tier: 'front' },
    annotations: { note: 'eu' },
  };
  const result = applyOverrides(deployment(), [override], eu, selects);
  assert.equal((result.spec as { replicas: number }).replicas, 5);
  assert.deepEqual(podSpec(result).containers[0]?.env, [
    { name: 'A', value: 'changed' },
    { name: 'C', value: '3' },
  ]);
  assert.deepEqual(podSpec(result).containers[1]?.env, [{ name: 'A', value: 'changed' }]);
  assert.deepEqual(podSpec(result).initContainers[0]?.env, [
    { name: 'A', value: 'changed' },
    { name: 'MIGRATE', value: 'yes' },
  ]);
  assert.deepEqual(result.metadata?.labels, { app: 'web', tier: 'front' });
  assert.deepEqual(result.metadata?.annotations, { note: 'eu' });
  const removeOnly = applyOverrides(
    deployment(),
    [{ clusters: everywhere, env: [{ name: 'A' }, { name: 'B' }] }],
    eu,
    selects,
  );
  assert.equal(podSpec(removeOnly).containers[0]?.env, undefined);
});

test('only overrides whose clusters select this cluster and whose resource matches, in order', () => {
  const overrides: PropagationOverride[] = [
    { clusters: { labelSelector: 'region=us' }, labels: { only: 'us' } },
    { clusters: everywhere, resource: { kind: 'Deployment', name: 'other' }, labels: { other: 'yes' } },
    { clusters: everywhere, resource: { kind: 'Deployment', namespace: 'shop' }, labels: { order: 'first' } },
    { clusters: { all: true, exclude: ['us'] }, labels: { order: 'second' } },
  ];
  assert.deepEqual(applyOverrides(deployment(), overrides, eu, selects).metadata?.labels, {
    app: 'web',
    order: 'second',
  });
  assert.deepEqual(
    applyOverrides(deployment(), overrides, clusters[1] as ClusterFacts, selects).metadata?.labels,
    {
      app: 'web',
      only: 'us',
      order: 'first',
    },
  );
});

test('the JSON patch runs last; its failures name the override, the object and the path; the input never changes', () => {
  const input = deployment();
  const before = structuredClone(input);
  const result = applyOverrides(
    input,
    [
      {
        clusters: everywhere,
        labels: { a: 'b' },
        jsonPatch: [
          { op: 'test', path: '/metadata/labels/a', value: 'b' },
          { op: 'add', path: '/spec/template/spec/containers/0/ports', value: [{ containerPort: 80 }] },
          { op: 'replace', path: '/spec/replicas', value: 1 },
        ],
      },
    ],
    eu,
    selects,
  );
  assert.equal((result.spec as { replicas: number }).replicas, 1);
  assert.deepEqual((podSpec(result).containers[0] as unknown as { ports: unknown }).ports, [
    { containerPort: 80 },
  ]);
  assert.deepEqual(input, before);
  assert.throws(
    () =>
      applyOverrides(
        input,
        [
          { clusters: everywhere },
          { clusters: everywhere, jsonPatch: [{ op: 'remove', path: '/spec/paused' }] },
        ],
        eu,
        selects,
      ),
    (error: unknown) =>
      error instanceof OverrideError &&
      error.override === 1 &&
      error.message === 'override 1, JSON patch on Deployment shop/web: path /spec/paused does not exist' &&
      // Its code and values too, the JSON patch's own failure inside as its detail.
      isDeepStrictEqual(error.wording, {
        code: 'override.json-patch',
        params: {
          override: 1,
          object: 'Deployment shop/web',
          detail: 'path /spec/paused does not exist',
          detailCode: 'patch.no-path',
          'detail.pointer': '/spec/paused',
        },
      }),
  );
  assert.throws(
    () =>
      applyOverrides(
        input,
        [{ clusters: everywhere, jsonPatch: [{ op: 'replace', path: '', value: 'x' }] }],
        eu,
        selects,
      ),
    (error: unknown) =>
      error instanceof OverrideError &&
      error.message === 'override 0: the JSON patch leaves Deployment shop/web not an object' &&
      isDeepStrictEqual(error.wording, {
        code: 'override.not-object',
        params: { override: 0, object: 'Deployment shop/web' },
      }),
  );
  assert.deepEqual(input, before);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILTIN_KIND_DESCRIPTORS, KIND_REGISTRY, withKinds } from './builtin-kinds.ts';
import { describeKind } from './kind-descriptor.ts';
import { createKindRegistry } from './kind-registry.ts';
import { VOLUME_ATTRIBUTES_CLASS } from './testing/example-kind.ts';

test('a kind is found by its Kind, plural, singular, short name, plural.group and group/plural, in any case', () => {
  for (const name of [
    'Deployment',
    'deployments',
    'deployment',
    'deploy',
    'deployments.apps',
    'apps/deployments',
  ]) {
    assert.equal(KIND_REGISTRY.find(name)?.plural, 'deployments', name);
  }
  assert.equal(KIND_REGISTRY.find('PO')?.kind, 'Pod');
  assert.equal(KIND_REGISTRY.find('crds')?.kind, 'CustomResourceDefinition');
  assert.equal(KIND_REGISTRY.get('', 'nodes')?.namespaced, false);
  assert.equal(KIND_REGISTRY.find('widgets.example.com'), undefined);
  assert.equal(KIND_REGISTRY.find('deployments.batch'), undefined, 'the group must be the kind’s own');
});

test('the registry refuses two kinds that answer to one name, naming both', () => {
  const deployment = KIND_REGISTRY.find('deployments');
  assert.ok(deployment);
  const samePlural = { ...deployment, group: 'example.com', kind: 'Rollout', shortNames: [] };
  assert.throws(
    () => createKindRegistry([deployment, samePlural]),
    /kind Rollout \(deployments\) and kind Deployment \(deployments\) both answer to "deployments"/,
  );
  const sameShortName = describeKind(
    {
      group: 'example.com',
      version: 'v1',
      plural: 'dashboards',
      kind: 'Dashboard',
      namespaced: true,
      shortNames: ['deploy'],
    },
    [],
  );
  assert.throws(() => withKinds(sameShortName), /both answer to "deploy"/);
  const sameKind = { ...sameShortName, plural: 'deploymentz', kind: 'Deployment', shortNames: [] };
  assert.throws(() => withKinds(sameKind), /both answer to "deployment"/);
  assert.throws(() => withKinds(deployment), /both answer to/, 'the same kind twice');
});

test('the built-in kinds are described once each, with the traits the actions rely on', () => {
  assert.equal(
    new Set(BUILTIN_KIND_DESCRIPTORS.map((kind) => kind.kind)).size,
    BUILTIN_KIND_DESCRIPTORS.length,
  );
  const workloads = KIND_REGISTRY.inCollection('workloads');
  assert.deepEqual(
    workloads.map((kind) => kind.kind),
    ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'],
  );
  assert.ok(
    workloads.every((kind) => kind.health),
    'every workload has a health rule',
  );
  assert.deepEqual(
    workloads.filter((kind) => kind.scalable).map((kind) => kind.kind),
    ['Deployment', 'StatefulSet'],
  );
  assert.deepEqual(
    workloads.filter((kind) => kind.restartable).map((kind) => kind.kind),
    ['Deployment', 'StatefulSet', 'DaemonSet'],
  );
  assert.deepEqual([...KIND_REGISTRY.collections].sort(), [
    'config',
    'network',
    'rbac',
    'storage',
    'workloads',
  ]);
});

test('a new descriptor joins its collection and answers to its names', () => {
  const registry = withKinds(VOLUME_ATTRIBUTES_CLASS);
  assert.equal(registry.find('vac'), VOLUME_ATTRIBUTES_CLASS);
  assert.ok(registry.inCollection('storage').includes(VOLUME_ATTRIBUTES_CLASS));
  assert.equal(KIND_REGISTRY.find('vac'), undefined, 'the built-in registry is left as it was');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILTIN_KINDS, type NamedType } from './builtin-kinds.ts';
import { parseKinds, readKinds } from './collections.ts';

const widget2: NamedType = {
  group: 'example.com',
  resource: 'widget2s',
  kind: 'Widget2',
  singular: 'widget2',
  shortNames: ['wd2'],
};
const known = [...BUILTIN_KINDS, widget2];
const deployments = [{ group: 'apps', resource: 'deployments' }];

test('a built-in kind is read from its Kind name, plural, singular, short name and qualified forms', () => {
  for (const name of [
    'Deployment',
    'deployment',
    'deployments',
    'deploy',
    'deployments.apps',
    'Deployment.apps',
    'deployments.v1.apps',
    'apps/deployments',
    'apps/v1/deployments',
  ]) {
    assert.deepEqual(readKinds([name], known), { types: deployments, unknown: [], unchecked: [] }, name);
  }
  for (const name of ['Pod', 'pods', 'po', 'v1/pods', 'core/pods']) {
    assert.deepEqual(readKinds([name], known).types, [{ group: '', resource: 'pods' }], name);
  }
});

test('a custom kind is read from every name its CRD gives it', () => {
  for (const name of [
    'Widget2',
    'widget2s',
    'widget2',
    'wd2',
    'widget2s.example.com',
    'example.com/widget2s',
  ]) {
    assert.deepEqual(readKinds([name], known).types, [{ group: 'example.com', resource: 'widget2s' }], name);
  }
});

test('collections expand, and a type named twice is searched once', () => {
  const reading = readKinds(['workloads', 'Deployment', 'cm'], known);
  assert.equal(reading.types.filter((type) => type.resource === 'deployments').length, 1);
  assert.deepEqual(reading.types.at(-1), { group: '', resource: 'configmaps' });
});

test('an unknown kind is reported with its close matches, written as the user would write them', () => {
  const reading = readKinds(['Widget3', 'pods'], known);
  assert.deepEqual(reading.unknown, [{ name: 'Widget3', suggestions: ['Widget2', 'widget2s.example.com'] }]);
  const typo = readKinds(['deploymnets'], known).unknown[0];
  assert.ok(typo?.suggestions.includes('deployments.apps'), JSON.stringify(typo));
  assert.deepEqual(readKinds(['Widget2'], BUILTIN_KINDS).unknown[0]?.name, 'Widget2', 'not known, not quiet');
  assert.equal(readKinds(['gizmos.apps'], known).unknown.length, 1, 'a known group checks its resources');
});

test('a qualified name in a group no known type has is taken as written, and said so', () => {
  const reading = readKinds(['widgets.v1.gone.example.org'], known);
  assert.deepEqual(reading.types, [{ group: 'gone.example.org', resource: 'widgets' }]);
  assert.deepEqual(reading.unchecked, ['widgets.v1.gone.example.org']);
});

test('a built-in wins over a custom type with the same name, as kubectl prefers it', () => {
  const clash: NamedType = { group: 'example.com', resource: 'pods', kind: 'Pod' };
  assert.deepEqual(readKinds(['pods'], [...known, clash]).types, [{ group: '', resource: 'pods' }]);
  assert.equal(readKinds(['pods.example.com'], [...known, clash]).types[0]?.group, 'example.com');
});

test('the change stream reads built-in names and takes anything else as written', () => {
  assert.deepEqual(parseKinds(['Deployment', 'widgets.example.com', 'gadgets']), [
    ...deployments,
    { group: 'example.com', resource: 'widgets' },
    { group: '', resource: 'gadgets' },
  ]);
});

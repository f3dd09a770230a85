import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withKinds } from '@portolan/kinds';
import { VOLUME_ATTRIBUTES_CLASS } from '@portolan/kinds/testing';
import type { DiscoveredResource } from '#server/kube/discovery-types.ts';
import { BUILTIN_KINDS, namedTypesOf } from '#server/search/builtin-kinds.ts';
import { parseKinds, readKinds } from '#server/search/collections.ts';
import { selectResources } from './resource-selection.ts';

/** What a cluster's discovery lists for a type that can be listed and watched. */
const served = (group: string, resource: string, kind: string, namespaced: boolean): DiscoveredResource => ({
  group,
  version: 'v1',
  resource,
  kind,
  singular: kind.toLowerCase(),
  namespaced,
  verbs: ['get', 'list', 'watch'],
  shortNames: [],
  categories: [],
  subresources: [],
  preferred: true,
});

const cluster = [
  served('', 'pods', 'Pod', true),
  served('', 'endpoints', 'Endpoints', true),
  served('storage.k8s.io', 'volumeattributesclasses', 'VolumeAttributesClass', false),
  served('example.com', 'widgets', 'Widget', true),
];
const keys = (resources: DiscoveredResource[]) => resources.map((r) => `${r.group}/${r.resource}`);
const vac = { group: 'storage.k8s.io', resource: 'volumeattributesclasses' };

test('one descriptor added to the kind registry is synced by default and named by search', () => {
  const kinds = withKinds(VOLUME_ATTRIBUTES_CLASS);

  // Sync: a built-in group's type is synced only once the registry describes it.
  assert.deepEqual(keys(selectResources(cluster, { include: 'default' })), ['/pods', 'example.com/widgets']);
  assert.deepEqual(keys(selectResources(cluster, { include: 'default' }, kinds)), [
    '/pods',
    'example.com/widgets',
    'storage.k8s.io/volumeattributesclasses',
  ]);

  // Search: its names and its collection.
  assert.equal(readKinds(['vac'], BUILTIN_KINDS).unknown.length, 1, 'unknown before');
  for (const name of ['vac', 'VolumeAttributesClass', 'volumeattributesclasses.storage.k8s.io']) {
    assert.deepEqual(readKinds([name], namedTypesOf(kinds), kinds).types, [vac], name);
  }
  assert.ok(!readKinds(['storage'], BUILTIN_KINDS).types.some((type) => type.resource === vac.resource));
  assert.deepEqual(readKinds(['storage'], namedTypesOf(kinds), kinds).types.at(-1), vac);
  assert.deepEqual(parseKinds(['storage'], kinds).at(-1), vac, 'the change stream reads collections too');
});

test('the default selection is the registry’s: Endpoints are described but not synced', () => {
  const chosen = keys(selectResources(cluster, { include: 'default' }));
  assert.ok(!chosen.includes('/endpoints'));
  assert.deepEqual(keys(selectResources(cluster, { include: ['endpoints'] })), ['/endpoints']);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAggregatedDiscovery, parseLegacyGroups, parseResourceList } from './discovery-parse.ts';
import { resourcePath } from './discovery-types.ts';

const aggregatedCore = {
  kind: 'APIGroupDiscoveryList',
  items: [
    {
      metadata: { name: '' },
      versions: [
        {
          version: 'v1',
          resources: [
            {
              resource: 'pods',
              responseKind: { group: '', version: 'v1', kind: 'Pod' },
              scope: 'Namespaced',
              singularResource: 'pod',
              verbs: ['get', 'list', 'watch'],
              shortNames: ['po'],
              categories: ['all'],
              subresources: [{ subresource: 'log' }, { subresource: 'status' }],
            },
          ],
        },
      ],
    },
  ],
};

const aggregatedGroups = {
  kind: 'APIGroupDiscoveryList',
  items: [
    {
      metadata: { name: 'autoscaling' },
      versions: [
        {
          version: 'v2',
          resources: [
            {
              resource: 'horizontalpodautoscalers',
              responseKind: { kind: 'HorizontalPodAutoscaler' },
              scope: 'Namespaced',
              verbs: ['list', 'watch'],
            },
          ],
        },
        { version: 'v1', freshness: 'Stale', resources: [] },
      ],
    },
  ],
};

test('aggregated discovery marks the first version preferred, keeps subresources and reports stale groups', () => {
  const discovery = parseAggregatedDiscovery([aggregatedCore, aggregatedGroups]);
  assert.deepEqual(
    discovery.groups.map((group) => [group.name, group.preferredVersion, group.versions]),
    [
      ['', 'v1', ['v1']],
      ['autoscaling', 'v2', ['v2', 'v1']],
    ],
  );
  const pods = discovery.resources.find((resource) => resource.resource === 'pods');
  assert.deepEqual(pods, {
    group: '',
    version: 'v1',
    resource: 'pods',
    kind: 'Pod',
    singular: 'pod',
    namespaced: true,
    verbs: ['get', 'list', 'watch'],
    shortNames: ['po'],
    categories: ['all'],
    subresources: ['log', 'status'],
    preferred: true,
  });
  const hpa = discovery.resources.find((resource) => resource.resource === 'horizontalpodautoscalers');
  assert.equal(hpa?.singular, 'horizontalpodautoscaler');
  assert.deepEqual(discovery.failed, [
    { groupVersion: 'autoscaling/v1', message: 'the server reports this group version as stale' },
  ]);
});

test('legacy discovery reads the same facts, subresources folded into their resource', () => {
  const groups = parseLegacyGroups(
    { kind: 'APIVersions', versions: ['v1'] },
    {
      kind: 'APIGroupList',
      groups: [
        {
          name: 'autoscaling',
          versions: [{ version: 'v1' }, { version: 'v2' }],
          preferredVersion: { version: 'v2' },
        },
      ],
    },
  );
  assert.deepEqual(
    groups.map((group) => [group.name, group.preferredVersion, group.versions]),
    [
      ['', 'v1', ['v1']],
      ['autoscaling', 'v2', ['v2', 'v1']],
    ],
  );
  const resources = parseResourceList(
    {
      kind: 'APIResourceList',
      groupVersion: 'v1',
      resources: [
        { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list', 'watch'] },
        { name: 'pods/log', namespaced: true, kind: 'Pod', verbs: ['get'] },
        { name: 'nodes', singularName: '', namespaced: false, kind: 'Node', verbs: ['list'] },
      ],
    },
    true,
  );
  assert.deepEqual(
    resources.map((resource) => [
      resource.resource,
      resource.singular,
      resource.namespaced,
      resource.subresources,
    ]),
    [
      ['pods', 'pod', true, ['log']],
      ['nodes', 'node', false, []],
    ],
  );
});

test('resource paths for the core group, named groups and namespaces', () => {
  const pods = { group: '', version: 'v1', resource: 'pods', namespaced: true };
  assert.equal(resourcePath(pods), '/api/v1/pods');
  assert.equal(resourcePath(pods, 'kube-system'), '/api/v1/namespaces/kube-system/pods');
  const nodes = { group: '', version: 'v1', resource: 'nodes', namespaced: false };
  assert.equal(resourcePath(nodes, 'ignored'), '/api/v1/nodes');
  assert.equal(
    resourcePath({ group: 'apps', version: 'v1', resource: 'deployments', namespaced: true }, 'a'),
    '/apis/apps/v1/namespaces/a/deployments',
  );
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_KINDS, linkOf, parseQuery, searchParamsOf } from './search-query.ts';

test('one box reads kinds, labels, namespaces, clusters and names', () => {
  assert.deepEqual(parseQuery('pods app=web ns:shop name~api cluster:eu'), {
    kinds: ['pods'],
    namespaces: ['shop'],
    clusters: ['eu'],
    labels: ['app=web'],
    nameContains: 'api',
  });
  assert.deepEqual(
    parseQuery(
      '  configmaps,secrets  namespace:a,b tier!=db env in (prod, staging) label:team name:web-1 kind:deploy',
    ),
    {
      kinds: ['configmaps', 'secrets', 'deploy'],
      namespaces: ['a', 'b'],
      clusters: [],
      labels: ['tier!=db', 'env in (prod, staging)', 'team'],
      name: 'web-1',
    },
  );
  assert.deepEqual(parseQuery('!legacy')?.labels, ['!legacy']);
});

test('the request names every part; with no kind it searches the common ones, sorted by cluster', () => {
  assert.deepEqual(searchParamsOf(parseQuery('app=web tier=front ns:shop'), { limit: 50, continue: 'abc' }), {
    kinds: DEFAULT_KINDS.join(','),
    namespaces: 'shop',
    labelSelector: 'app=web,tier=front',
    sort: 'cluster',
    limit: 50,
    continue: 'abc',
  });
});

test('each row links to where it is acted on', () => {
  const at = { cluster: 'eu', namespace: 'shop', name: 'web' };
  assert.equal(linkOf({ ...at, group: '', resource: 'pods' }), '/clusters/eu/pods/shop/web');
  assert.equal(
    linkOf({ ...at, group: 'apps', resource: 'deployments' }),
    '/clusters/eu/workloads/deployments/shop/web',
  );
  assert.equal(
    linkOf({ ...at, group: '', resource: 'configmaps' }),
    '/clusters/eu/config?view=configmaps&namespace=shop&name=web',
  );
  assert.equal(
    linkOf({ ...at, group: 'networking.k8s.io', resource: 'ingresses' }),
    '/clusters/eu/network?view=ingresses&namespace=shop&name=web',
  );
  assert.equal(
    linkOf({ ...at, group: 'example.com', resource: 'databases' }),
    '/clusters/eu/custom?crd=databases.example.com',
  );
  assert.equal(linkOf({ ...at, group: 'rbac.authorization.k8s.io', resource: 'roles' }), '/clusters/eu');
});

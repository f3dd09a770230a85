import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kubeRequestInfo, resourceKindOf } from './kube-request-info.ts';

const cases: Array<[method: string, path: string, expected: ReturnType<typeof kubeRequestInfo>]> = [
  [
    'GET',
    '/api/v1/namespaces/ns/pods/p',
    {
      isResource: true,
      verb: 'get',
      group: '',
      version: 'v1',
      namespace: 'ns',
      resource: 'pods',
      name: 'p',
    },
  ],
  [
    'GET',
    '/api/v1/namespaces/ns/pods?limit=500',
    { isResource: true, verb: 'list', group: '', version: 'v1', namespace: 'ns', resource: 'pods' },
  ],
  [
    'GET',
    '/api/v1/pods?watch=true&resourceVersion=1',
    { isResource: true, verb: 'watch', group: '', version: 'v1', resource: 'pods' },
  ],
  [
    'GET',
    '/api/v1/watch/namespaces/ns/configmaps',
    { isResource: true, verb: 'watch', group: '', version: 'v1', namespace: 'ns', resource: 'configmaps' },
  ],
  [
    'PATCH',
    '/apis/apps/v1/namespaces/ns/deployments/d/scale',
    {
      isResource: true,
      verb: 'patch',
      group: 'apps',
      version: 'v1',
      namespace: 'ns',
      resource: 'deployments',
      name: 'd',
      subresource: 'scale',
    },
  ],
  [
    'POST',
    '/api/v1/namespaces/ns/pods/p/exec?command=ls&container=app',
    {
      isResource: true,
      verb: 'create',
      group: '',
      version: 'v1',
      namespace: 'ns',
      resource: 'pods',
      name: 'p',
      subresource: 'exec',
    },
  ],
  [
    'DELETE',
    '/api/v1/namespaces/ns/configmaps',
    {
      isResource: true,
      verb: 'deletecollection',
      group: '',
      version: 'v1',
      namespace: 'ns',
      resource: 'configmaps',
    },
  ],
  [
    // A namespace is named by its own path; its status is a subresource of it.
    'PUT',
    '/api/v1/namespaces/ns/status',
    {
      isResource: true,
      verb: 'update',
      group: '',
      version: 'v1',
      namespace: 'ns',
      resource: 'namespaces',
      name: 'ns',
      subresource: 'status',
    },
  ],
  [
    'DELETE',
    '/api/v1/namespaces/ns',
    {
      isResource: true,
      verb: 'delete',
      group: '',
      version: 'v1',
      namespace: 'ns',
      resource: 'namespaces',
      name: 'ns',
    },
  ],
  [
    'POST',
    '/apis/rbac.authorization.k8s.io/v1/clusterroles',
    {
      isResource: true,
      verb: 'create',
      group: 'rbac.authorization.k8s.io',
      version: 'v1',
      resource: 'clusterroles',
    },
  ],
  [
    'PUT',
    '/api/v1/nodes/n%201',
    { isResource: true, verb: 'update', group: '', version: 'v1', resource: 'nodes', name: 'n 1' },
  ],
  ['GET', '/api', { isResource: false, verb: 'get' }],
  ['GET', '/api/v1', { isResource: false, verb: 'get' }],
  ['GET', '/apis/apps/v1', { isResource: false, verb: 'get' }],
  ['GET', '/version', { isResource: false, verb: 'get' }],
  ['POST', '/openapi/v3', { isResource: false, verb: 'post' }],
];

test('the verb, namespace, resource, subresource and name of Kubernetes API paths', () => {
  for (const [method, path, expected] of cases)
    assert.deepEqual(kubeRequestInfo(method, path), expected, `${method} ${path}`);
});

test('the resource kind names the subresource as RBAC does', () => {
  assert.equal(
    resourceKindOf(kubeRequestInfo('PATCH', '/apis/apps/v1/namespaces/ns/deployments/d/scale')),
    'deployments/scale',
  );
  assert.equal(resourceKindOf(kubeRequestInfo('GET', '/api/v1/namespaces/ns/pods/p')), 'pods');
  assert.equal(resourceKindOf(kubeRequestInfo('GET', '/version')), undefined);
});

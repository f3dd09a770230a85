import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitProxyPath } from './proxy-path.ts';

test('the cluster name and the API path with its query are split apart', () => {
  assert.deepEqual(splitProxyPath('/k8s/clusters/prod/api/v1/pods?watch=1&labelSelector=a%3Db'), {
    ok: true,
    cluster: 'prod',
    path: '/api/v1/pods?watch=1&labelSelector=a%3Db',
  });
  assert.deepEqual(splitProxyPath('/k8s/clusters/edge%201'), { ok: true, cluster: 'edge 1', path: '/' });
  assert.deepEqual(splitProxyPath('/k8s/clusters/a?timeout=32s'), {
    ok: true,
    cluster: 'a',
    path: '/?timeout=32s',
  });
});

test('URLs outside the proxy are not its business', () => {
  assert.equal(splitProxyPath('/api/v1/sandboxes'), undefined);
  assert.equal(splitProxyPath('/k8s/clustersx/a'), undefined);
});

test('dot segments, missing names and bad encodings are refused', () => {
  for (const url of [
    '/k8s/clusters/a/../b/api',
    '/k8s/clusters/a/api/%2e%2e/x',
    '/k8s/clusters//api',
    '/k8s/clusters/a%zz/api',
  ]) {
    const result = splitProxyPath(url);
    assert.equal(result?.ok, false, url);
  }
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { consumerName, consumerPath } from './top-model.ts';

const workloadPath = (ref: { cluster: string; kind: string; namespace: string; name: string }) =>
  `/w/${ref.cluster}/${ref.kind}/${ref.namespace}/${ref.name}`;

test('each top consumer links to the page where it is acted on', () => {
  assert.equal(
    consumerPath('east', 'node', { node: 'n 1' }, workloadPath),
    '/clusters/east/nodes?node=n%201',
  );
  assert.equal(
    consumerPath('east', 'namespace', { namespace: 'shop' }, workloadPath),
    '/clusters/east/namespaces?namespace=shop',
  );
  assert.equal(
    consumerPath('east', 'pod', { namespace: 'shop', pod: 'web-1' }, workloadPath),
    '/clusters/east/pods/shop/web-1',
  );
  assert.equal(
    consumerPath(
      'east',
      'workload',
      { namespace: 'shop', workload: 'web', workload_kind: 'Deployment' },
      workloadPath,
    ),
    '/w/east/Deployment/shop/web',
  );
  assert.equal(consumerPath('east', 'pod', { pod: 'web-1' }, workloadPath), undefined);
});

test('consumers are named with their namespace below the cluster level', () => {
  assert.equal(consumerName('pod', { namespace: 'shop', pod: 'web-1' }), 'shop/web-1');
  assert.equal(consumerName('node', { node: 'n1' }), 'n1');
  assert.equal(consumerName('workload', { workload: 'web' }), 'web');
});

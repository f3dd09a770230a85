import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endpointsOf, isReadyPod, selectorOf } from './export-endpoints.ts';
import { importedService, importedSlice, sliceNameOf } from './import-objects.ts';

const pod = (
  name: string,
  more: { ip?: string; ready?: boolean; phase?: string; deleting?: boolean } = {},
) => ({
  metadata: { name, ...(more.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
  spec: { nodeName: 'node-1', containers: [{ ports: [{ name: 'http', containerPort: 8080 }] }] },
  status: {
    phase: more.phase ?? 'Running',
    ...(more.ip === undefined ? { podIP: `10.0.0.${name.length}` } : more.ip ? { podIP: more.ip } : {}),
    conditions: [{ type: 'Ready', status: more.ready === false ? 'False' : 'True' }],
  },
});

const service = (targetPort: number | string | undefined) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'shop' },
  spec: {
    selector: { app: 'web', tier: 'front' },
    ports: [{ name: 'http', port: 80, protocol: 'TCP', ...(targetPort === undefined ? {} : { targetPort }) }],
  },
});

test('only Running, Ready pods with an IPv4 address that are not being deleted serve', () => {
  assert.equal(isReadyPod(pod('a', { ip: '10.1.0.1' })), true);
  assert.equal(isReadyPod(pod('b', { ready: false })), false);
  assert.equal(isReadyPod(pod('c', { phase: 'Pending' })), false);
  assert.equal(isReadyPod(pod('d', { ip: '' })), false, 'no IP yet');
  assert.equal(isReadyPod(pod('e', { ip: 'fd00::1' })), false, 'IPv6 only: the slices are IPv4');
  assert.equal(isReadyPod(pod('f', { deleting: true })), false);
});

test('endpoints are the ready pods by name; a named target port is read from the containers', () => {
  const pods = [
    pod('web-b', { ip: '10.1.0.2' }),
    pod('web-a', { ip: '10.1.0.1' }),
    pod('web-c', { ready: false }),
  ];
  assert.deepEqual(endpointsOf(service('http'), pods), {
    endpoints: [
      { address: '10.1.0.1', pod: 'web-a', nodeName: 'node-1' },
      { address: '10.1.0.2', pod: 'web-b', nodeName: 'node-1' },
    ],
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  });
  assert.equal(endpointsOf(service(9090), pods).ports[0]?.port, 9090);
  assert.equal(endpointsOf(service(undefined), pods).ports[0]?.port, 80, 'no target port: the port itself');
  assert.equal(endpointsOf(service('grpc'), pods).ports[0]?.port, 80, 'a name no container has');
  assert.equal(selectorOf(service(80)), 'app=web,tier=front');
  assert.equal(selectorOf({ spec: {} }), undefined);
});

test('slice names are DNS labels, cut and hashed when too long or not valid, never shared by two clusters', () => {
  assert.equal(sliceNameOf('web-mcs', 'eu-1'), 'web-mcs-eu-1');
  const long = sliceNameOf('a'.repeat(60), 'cluster-one');
  const other = sliceNameOf('a'.repeat(60), 'cluster-two');
  assert.ok(long.length <= 63 && other.length <= 63);
  assert.notEqual(long, other);
  assert.match(sliceNameOf('web-mcs', 'Prod_EU'), /^web-mcs-prod-eu-[0-9a-f]{10}$/);
});

test('the imported Service has no selector and the exported ports; a slice carries the labels and ready endpoints', () => {
  const document = {
    apiVersion: 'portolan.dev/v1' as const,
    kind: 'MultiClusterService' as const,
    metadata: { namespace: 'shop', name: 'web' },
    spec: { importTo: { names: ['b'] } },
  };
  assert.deepEqual(importedService(document, service('http')), {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web-mcs', namespace: 'shop', labels: { 'portolan.dev/multicluster-service': 'web' } },
    spec: { type: 'ClusterIP', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] },
  });
  const slice = importedSlice(document, {
    cluster: 'a',
    endpoints: [{ address: '10.1.0.1', pod: 'web-a', nodeName: 'node-1' }],
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    seenAt: new Date(0),
  });
  assert.deepEqual(slice.metadata?.labels, {
    'kubernetes.io/service-name': 'web-mcs',
    'endpointslice.kubernetes.io/managed-by': 'portolan.dev',
    'multicluster.kubernetes.io/source-cluster': 'a',
    'portolan.dev/multicluster-service': 'web',
  });
  assert.deepEqual(slice.endpoints, [{ addresses: ['10.1.0.1'], conditions: { ready: true } }]);
  assert.deepEqual(slice.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { podRecord } from '../testing/store-fixtures.ts';
import { heldRequest, holdsRequests, podRequest } from './pod-requests.ts';

const request = (spec: Parameters<typeof podRecord>[0]) => podRequest(podRecord(spec).object);
const base = { namespace: 'ns', name: 'p' };

test('a pod requests the sum of its containers, in whole millicores and bytes', () => {
  assert.deepEqual(request(base), { cpuMillicores: 0, memoryBytes: 0 });
  assert.deepEqual(request({ ...base, requests: [{ cpu: '100m', memory: '128Mi' }, { cpu: '0.25' }] }), {
    cpuMillicores: 350,
    memoryBytes: 128 * 2 ** 20,
  });
  // Decimal fractions do not pick up binary noise; sub-millicore requests round up like Kubernetes.
  assert.deepEqual(request({ ...base, requests: [{ cpu: '0.1', memory: '1.5Gi' }, { cpu: '1u' }] }), {
    cpuMillicores: 101,
    memoryBytes: 1.5 * 2 ** 30,
  });
  assert.deepEqual(request({ ...base, requests: [{ cpu: 'lots', memory: '1e3' }] }), {
    cpuMillicores: 0,
    memoryBytes: 1000,
  });
});

test('init containers count by their largest step, sidecars all along, then overhead', () => {
  // A regular init container runs alone: max(sum of containers, largest init container).
  assert.deepEqual(
    request({
      ...base,
      requests: [{ cpu: '200m' }],
      initContainers: [{ requests: { cpu: '1', memory: '1Mi' } }],
    }),
    { cpuMillicores: 1000, memoryBytes: 2 ** 20 },
  );
  // A sidecar (restartPolicy Always) keeps running: it adds to the containers and to later init steps.
  assert.deepEqual(
    request({
      ...base,
      requests: [{ cpu: '200m' }],
      initContainers: [{ requests: { cpu: '100m' }, sidecar: true }, { requests: { cpu: '500m' } }],
    }),
    { cpuMillicores: 600, memoryBytes: 0 },
  );
  assert.deepEqual(
    request({
      ...base,
      requests: [{ cpu: '200m' }],
      initContainers: [{ requests: { cpu: '500m' } }, { requests: { cpu: '100m' }, sidecar: true }],
    }),
    { cpuMillicores: 500, memoryBytes: 0 },
  );
  assert.deepEqual(
    request({
      ...base,
      requests: [{ cpu: '200m', memory: '1Gi' }],
      overhead: { cpu: '250m', memory: '120Mi' },
    }),
    { cpuMillicores: 450, memoryBytes: 2 ** 30 + 120 * 2 ** 20 },
  );
});

test('pod-level requests replace the containers’ where set', () => {
  const object = podRecord({ ...base, requests: [{ cpu: '200m', memory: '1Gi' }] }).object as {
    spec: Record<string, unknown>;
  };
  object.spec.resources = { requests: { cpu: '2' } };
  assert.deepEqual(podRequest(object), { cpuMillicores: 2000, memoryBytes: 2 ** 30 });
});

test('finished pods hold nothing', () => {
  assert.equal(holdsRequests('Running'), true);
  assert.equal(holdsRequests('Pending'), true);
  assert.equal(holdsRequests(null), true);
  assert.equal(holdsRequests('Succeeded'), false);
  assert.equal(holdsRequests('Failed'), false);
  assert.deepEqual(heldRequest('Failed', { cpuMillicores: 5, memoryBytes: 5 }), {
    pods: 0,
    cpuMillicores: 0,
    memoryBytes: 0,
  });
  assert.deepEqual(heldRequest('Running', { cpuMillicores: null, memoryBytes: 7 }), {
    pods: 1,
    cpuMillicores: 0,
    memoryBytes: 7,
  });
});

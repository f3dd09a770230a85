import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkClusterSpec } from './cluster-spec.ts';
import { LifecycleError } from './lifecycle-errors.ts';

const catalogue = [
  { version: 'v1.37.2', default: true },
  { version: 'v1.36.1', default: false },
];

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof LifecycleError, String(error));
    assert.equal(error.code, 'invalid');
    return error.field;
  }
  assert.fail('accepted');
}

test('defaults: the default version, both ranges, one pool "default" of 3 nodes 8 CPU 32Gi 110 pods', () => {
  assert.deepEqual(checkClusterSpec({ name: 'lab' }, catalogue), {
    name: 'lab',
    provider: 'sandbox',
    version: 'v1.37.2',
    nodePools: [
      { name: 'default', count: 3, cpu: '8', memory: '32Gi', maxPods: 110, labels: {}, taints: [] },
    ],
    podCidr: '10.244.0.0/16',
    serviceCidr: '10.96.0.0/16',
    auditLog: false,
  });
});

test('each bad field is refused with its name', () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ name: 'Lab' }, 'name'],
    [{ name: 'a'.repeat(41) }, 'name'],
    [{ name: 'lab', version: 'v1.30.0' }, 'version'],
    [{ name: 'lab', podCidr: '10.244.0.0' }, 'podCidr'],
    [{ name: 'lab', serviceCidr: '10.300.0.0/16' }, 'serviceCidr'],
    [{ name: 'lab', podCidr: '10.0.0.0/8', serviceCidr: '10.96.0.0/16' }, 'serviceCidr'],
    [{ name: 'lab', nodePools: [] }, 'nodePools'],
    [{ name: 'lab', nodePools: [{ name: 'a' }, { name: 'a' }] }, 'nodePools[1].name'],
    [{ name: 'lab', nodePools: [{ name: 'a', count: 101 }] }, 'nodePools[0].count'],
    [{ name: 'lab', nodePools: [{ name: 'a', count: -1 }] }, 'nodePools[0].count'],
    [{ name: 'lab', nodePools: [{ name: 'a', cpu: 'lots' }] }, 'nodePools[0].cpu'],
    [{ name: 'lab', nodePools: [{ name: 'a', memory: '32 GB' }] }, 'nodePools[0].memory'],
    [{ name: 'lab', nodePools: [{ name: 'a', labels: { 'bad key!': 'x' } }] }, 'nodePools[0].labels'],
    [
      { name: 'lab', nodePools: [{ name: 'a', taints: [{ key: 'k', effect: 'Sometimes' }] }] },
      'nodePools[0].taints[0].effect',
    ],
  ];
  for (const [input, field] of cases)
    assert.equal(
      fieldOf(() => checkClusterSpec(input as never, catalogue)),
      field,
      JSON.stringify(input),
    );
});

test('a full spec is kept as given', () => {
  const spec = checkClusterSpec(
    {
      name: 'edge-1',
      version: 'v1.36.1',
      podCidr: '172.16.0.0/16',
      serviceCidr: '172.17.0.0/16',
      auditLog: true,
      nodePools: [
        {
          name: 'gpu',
          count: 0,
          cpu: '500m',
          memory: '1Gi',
          maxPods: 20,
          labels: { 'example.com/tier': 'gpu' },
          taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }],
          zone: 'zone-a',
        },
      ],
    },
    catalogue,
  );
  assert.equal(spec.version, 'v1.36.1');
  assert.equal(spec.nodePools[0]?.zone, 'zone-a');
  assert.equal(spec.auditLog, true);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SandboxError } from './errors.ts';
import { resolveOptions } from './options.ts';
import { nextPoolNodeNames } from './pool-nodes.ts';

const pool = { name: 'web', count: 2, cpu: '4', memory: '8Gi', maxPods: 50, labels: {}, taints: [] };

const refused = (input: Parameters<typeof resolveOptions>[0], field: string) =>
  assert.throws(
    () => resolveOptions(input),
    (error: unknown) =>
      error instanceof SandboxError &&
      error.code === 'invalid-option' &&
      error.message.startsWith(`${field}:`),
    `expected a refusal naming ${field}`,
  );

test('a sandbox without the cluster options resolves as before: no version, no pools, no ranges', () => {
  const options = resolveOptions({ name: 'plain' });
  assert.equal(options.version, undefined);
  assert.equal(options.nodePools, undefined);
  assert.equal(options.podCidr, undefined);
  assert.equal(options.auditLog, undefined);
  assert.equal(options.nodes, 3);
});

test('pools set the node count, and version, ranges and audit log are kept', () => {
  const options = resolveOptions({
    name: 'pooled',
    version: 'v1.36.1',
    nodePools: [
      { ...pool, labels: { 'example.com/tier': 'web' } },
      {
        ...pool,
        name: 'gpu',
        count: 1,
        zone: 'zone-b',
        taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }],
      },
    ],
    podCidr: '10.200.0.0/16',
    serviceCidr: '10.100.0.0/16',
    auditLog: true,
  });
  assert.equal(options.nodes, 3);
  assert.equal(options.nodePools?.[1]?.zone, 'zone-b');
  assert.equal(options.version, 'v1.36.1');
});

test('every bad cluster option is refused naming its field', () => {
  refused({ name: 'x', version: 'v1.20.0' }, 'version');
  refused({ name: 'x', nodePools: [{ ...pool, name: 'Web' }] }, 'nodePools[0].name');
  refused({ name: 'x', nodePools: [pool, pool] }, 'nodePools[1].name');
  refused({ name: 'x', nodePools: [{ ...pool, count: -1 }] }, 'nodePools[0].count');
  refused({ name: 'x', nodePools: [{ ...pool, cpu: 'lots' }] }, 'nodePools[0].cpu');
  refused({ name: 'x', nodePools: [{ ...pool, memory: '8 GB' }] }, 'nodePools[0].memory');
  refused({ name: 'x', nodePools: [{ ...pool, maxPods: 0 }] }, 'nodePools[0].maxPods');
  refused({ name: 'x', nodePools: [{ ...pool, labels: { 'bad key!': 'x' } }] }, 'nodePools[0].labels');
  refused({ name: 'x', nodePools: [{ ...pool, labels: { team: 'a b' } }] }, 'nodePools[0].labels["team"]');
  refused(
    { name: 'x', nodePools: [{ ...pool, labels: { 'portolan.dev/node-pool': 'x' } }] },
    'nodePools[0].labels',
  );
  refused(
    { name: 'x', nodePools: [{ ...pool, taints: [{ key: 'gpu', effect: 'Never' as 'NoSchedule' }] }] },
    'nodePools[0].taints[0].effect',
  );
  refused(
    { name: 'x', nodePools: [{ ...pool, taints: [{ key: '-bad', effect: 'NoSchedule' }] }] },
    'nodePools[0].taints[0].key',
  );
  refused({ name: 'x', nodePools: [{ ...pool, zone: 'zone b' }] }, 'nodePools[0].zone');
  refused({ name: 'x', podCidr: '10.244.0.0' }, 'podCidr');
  refused({ name: 'x', podCidr: '10.244.1.0/16' }, 'podCidr');
  refused({ name: 'x', podCidr: '10.244.0.0/24' }, 'podCidr');
  refused({ name: 'x', serviceCidr: '10.96.0.0/8' }, 'serviceCidr');
  refused({ name: 'x', podCidr: '10.0.0.0/8', serviceCidr: '10.96.0.0/16' }, 'serviceCidr');
  refused({ name: 'x', nodePools: [{ ...pool, count: 20 }], podCidr: '10.244.0.0/22' }, 'podCidr');
  refused({ name: 'x', auditLog: 'yes' as unknown as boolean }, 'auditLog');
});

test('new pool nodes take numbers after the highest, so a removed node name is never reused', () => {
  assert.deepEqual(nextPoolNodeNames('c', 'web', [], 2), ['c-web-1', 'c-web-2']);
  assert.deepEqual(nextPoolNodeNames('c', 'web', ['c-web-1', 'c-web-3'], 2), ['c-web-4', 'c-web-5']);
});

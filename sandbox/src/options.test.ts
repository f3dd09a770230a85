import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SandboxError } from './errors.ts';
import { DEFAULT_OPTIONS, resolveOptions } from './options.ts';

const refused = (input: Parameters<typeof resolveOptions>[0], field: RegExp) =>
  assert.throws(
    () => resolveOptions(input),
    (error: unknown) =>
      error instanceof SandboxError && error.code === 'invalid-option' && field.test(error.message),
  );

test('defaults give three nodes spread over three zones', () => {
  const options = resolveOptions({ name: 'dev' });
  assert.equal(options.nodes, 3);
  assert.deepEqual(options.zones, DEFAULT_OPTIONS.zones);
});

test('bad names, counts, quantities, zones and labels are refused naming the field', () => {
  refused({ name: 'Dev' }, /^name:/);
  refused({ name: 'a'.repeat(41) }, /^name:/);
  refused({ name: 'dev', nodes: -1 }, /^nodes:/);
  refused({ name: 'dev', nodes: 2.5 }, /^nodes:/);
  refused({ name: 'dev', nodeCpu: 'lots' }, /^nodeCpu:/);
  refused({ name: 'dev', nodeMemory: '8 GB' }, /^nodeMemory:/);
  refused({ name: 'dev', nodePods: 0 }, /^nodePods:/);
  refused({ name: 'dev', zones: [] }, /^zones:/);
  refused({ name: 'dev', zones: ['bad zone'] }, /^zones:/);
  refused({ name: 'dev', nodeLabels: { 'bad key!': 'x' } }, /^nodeLabels:/);
  refused({ name: 'dev', nodeLabels: { team: 'has space' } }, /^nodeLabels:/);
  refused({ name: 'dev', apiserverPort: 80 }, /^apiserverPort:/);
});

test('valid custom options are kept', () => {
  const options = resolveOptions({
    name: 'edge-1',
    nodes: 10,
    nodeCpu: '500m',
    nodeMemory: '2Gi',
    nodeLabels: { 'example.com/team': 'payments', tier: '' },
  });
  assert.equal(options.nodeCpu, '500m');
  assert.equal(options.nodeLabels['example.com/team'], 'payments');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formFieldOf } from './form-refusal.ts';
import { ruleFields, ruleFormOf, ruleSpecOf } from './rule-form.ts';

const template = {
  id: 'cpu-over-threshold',
  level: 'warning' as const,
  params: [{ name: 'threshold', type: 'ratio' as const, default: 0.9 }],
  sources: ['node_cpu_usage'],
};

test('a template rule saves its parameters and scope, and leaves empty fields to the server', () => {
  const spec = ruleSpecOf({
    name: 'busy',
    source: 'template',
    template: 'cpu-over-threshold',
    params: { threshold: 0.8, window: '' },
    promql: 'ignored',
    level: 'critical',
    for: ' 5m ',
    scope: { clusters: ['a'], namespaces: [] },
    summary: '',
    enabled: true,
  });
  assert.deepEqual(spec, {
    level: 'critical',
    template: 'cpu-over-threshold',
    params: { threshold: 0.8 },
    for: '5m',
    scope: { clusters: ['a'] },
    enabled: true,
  });
});

test('a custom rule saves its expression only, and reads back into the same form', () => {
  const spec = ruleSpecOf({
    name: 'x',
    source: 'promql',
    promql: ' up == 0 ',
    level: 'info',
    enabled: false,
  });
  assert.deepEqual(spec, { level: 'info', promql: 'up == 0', enabled: false });
  const form = ruleFormOf({ name: 'x', spec, clusters: [], firing: 0, createdBy: 'a', updatedAt: '' });
  assert.equal(form.source, 'promql');
  assert.equal(form.enabled, false);
});

test("the server's field at fault finds the form's field", () => {
  const known = ruleFields(template);
  assert.deepEqual(formFieldOf('/params/threshold', known), ['params', 'threshold']);
  assert.deepEqual(formFieldOf('/scope/clusters/0', known), ['scope', 'clusters']);
  assert.deepEqual(formFieldOf('params.unknown', known), ['params']);
  assert.equal(formFieldOf('/labels/x', known), undefined);
});

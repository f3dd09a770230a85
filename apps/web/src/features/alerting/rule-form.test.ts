import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formFieldOf } from './form-refusal.ts';
import { ruleFields, ruleFormOf, ruleSpecOf, templateDefaults } from './rule-form.ts';

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
    params: { threshold: 0.8, window: '', for: '10m' },
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

test("a template's for fills the rule's own For field, and a saved params.for reads back there", () => {
  const withFor = {
    ...template,
    params: [...template.params, { name: 'for', type: 'duration' as const, default: '10m' }],
  };
  assert.deepEqual(templateDefaults(withFor), { level: 'warning', params: { threshold: 0.9 }, for: '10m' });
  const form = ruleFormOf({
    name: 'x',
    spec: { level: 'info', template: 'cpu-over-threshold', params: { for: '3m' }, enabled: true },
    clusters: [],
    firing: 0,
    createdBy: 'a',
    updatedAt: '',
  });
  assert.equal(form.for, '3m');
  assert.deepEqual(ruleSpecOf(form).params, undefined);
});

test("the server's field at fault finds the form's field", () => {
  const known = ruleFields(template);
  assert.deepEqual(formFieldOf('/params/threshold', known), ['params', 'threshold']);
  assert.deepEqual(formFieldOf('/scope/clusters/0', known), ['scope', 'clusters']);
  assert.deepEqual(formFieldOf('params.unknown', known), ['params']);
  assert.equal(formFieldOf('/labels/x', known), undefined);
});

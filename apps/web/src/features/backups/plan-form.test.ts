import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type PlanForm, planField, planFormOf, planSpecOf, selectorProblem } from './plan-form.ts';

const form: PlanForm = {
  name: 'nightly',
  cluster: 'a',
  allNamespaces: false,
  namespaces: ['shop'],
  labelSelector: ' app=web ',
  includeKinds: [],
  excludeKinds: ['events'],
  clusterScoped: false,
  schedule: '',
  retentionCount: 5,
  retentionDays: null,
  destination: 'local',
  deadlineSeconds: 300,
};

test('the form becomes the spec the server takes, and back', () => {
  const spec = planSpecOf(form);
  assert.deepEqual(spec, {
    cluster: 'a',
    namespaces: ['shop'],
    labelSelector: 'app=web',
    includeKinds: [],
    excludeKinds: ['events'],
    clusterScoped: false,
    schedule: null,
    retention: { count: 5, maxAgeDays: null },
    destination: 'local',
    deadlineSeconds: 300,
  });
  const back = planFormOf({
    ...spec,
    name: 'nightly',
    createdAt: '',
    createdBy: { id: '1', name: 'admin' },
    lastBackup: null,
    nextRunAt: null,
  });
  assert.equal(back.schedule, '');
  assert.equal(back.labelSelector, 'app=web');
});

test('all namespaces is an empty list', () => {
  assert.deepEqual(planSpecOf({ ...form, allNamespaces: true }).namespaces, []);
});

test("the server's field paths land on the form's fields", () => {
  assert.equal(planField('/retention/count'), 'retentionCount');
  assert.equal(planField('/retention/maxAgeDays'), 'retentionDays');
  assert.equal(planField('/namespaces/0'), 'namespaces.0');
  assert.equal(planField('schedule'), 'schedule');
});

test('a label selector is checked the way Kubernetes reads one', () => {
  for (const good of [
    '',
    'app=web',
    'app==web,tier!=cache',
    '!legacy',
    'env in (prod, staging)',
    'app.kubernetes.io/name=shop',
  ])
    assert.equal(selectorProblem(good), false, good);
  for (const bad of ['app=web=x', 'app web', '=web', 'app=web,'])
    assert.equal(selectorProblem(bad), true, bad);
});

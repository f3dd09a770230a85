/**
 * Alerting through the API against a real server and real sandboxes, with the metrics engine off
 * (Portolan's own templates need none): a sandbox of this file's own stopped fires the built-in
 * cluster-offline rule and holds back its other alerts (inhibited), started again resolves it; a
 * silence holds an alert back and expiring it brings it back, both on the timeline; a namespace
 * Viewer reads only its namespace's alerts and may write no silence; rule writes are checked, audited
 * with what they name, and a rule on metrics says why it waits while no engine runs.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { AlertPage, AlertRuleView, AlertView, SilenceView } from '@portolan/api';
import { createSandboxManager } from '@portolan/sandbox';
import { eventually, sharedSandboxes } from '@portolan/sandbox/testing';
import { addMember } from '#server/testing/members.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';

const { binDir, clusters: shared } = sharedSandboxes();
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-alerting-'));
const sandboxes = createSandboxManager({ dataDir, binDir: async () => binDir });
const OWN = 'alerting-own';
let harness: Harness;

const alerts = async (query = '') =>
  (await harness.call<AlertPage>('GET', `/api/v1/alerting/alerts${query}`)).body;
const alertOf = async (id: string) =>
  (await harness.call<AlertView>('GET', `/api/v1/alerting/alerts/${id}`)).body;
const events = async (id: string) => (await alertOf(id)).timeline?.map((event) => event.event) ?? [];
/** A pod alert Portolan raises itself (as notify/ raises its own), so no metrics engine is needed. */
const raisePodAlert = (cluster: string, namespace: string, pod: string) =>
  harness.portolan.alerting.feed.raise({
    rule: 'TestPodAlert',
    level: 'warning',
    labels: { cluster, namespace, pod },
    summary: `Pod ${namespace}/${pod} on ${cluster} is unwell`,
    description: 'raised by the test',
  });
const find = async (pod: string) =>
  (await alerts('?state=all')).items.find(
    (alert) => alert.labels.pod === pod && alert.rule === 'TestPodAlert',
  );

before(async () => {
  const own = (await sandboxes.create({ name: OWN, nodes: 1 })).sandbox.kubeconfigPath;
  harness = await startHarness({ args: ['--alert-evaluation-interval', '0.5'] });
  await harness.register('own', own);
  await harness.register('shared', shared[0]?.kubeconfig ?? '');
});
after(async () => {
  await harness?.stop({ removeData: true });
  await sandboxes.delete(OWN).catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
});

test('the built-in cluster-offline rule exists, may be changed and disabled but not deleted; its writes are audited by name', async () => {
  const rule = (await harness.call<AlertRuleView>('GET', '/api/v1/alerting/rules/cluster-offline')).body;
  assert.equal(rule.builtIn, true);
  assert.equal(rule.spec.template, 'cluster-offline');
  const put = await harness.call<AlertRuleView>('PUT', '/api/v1/alerting/rules/cluster-offline', {
    ...rule.spec,
    for: '0s',
  });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  assert.equal(put.body.spec.for, '0s');
  const removed = await harness.call<{ error: { message: string } }>(
    'DELETE',
    '/api/v1/alerting/rules/cluster-offline',
  );
  assert.equal(removed.status, 409);
  assert.match(removed.body.error.message, /disable it/);
  const retemplated = await harness.call<{ error: { field: string } }>(
    'PUT',
    '/api/v1/alerting/rules/cluster-offline',
    {
      ...rule.spec,
      template: 'node-not-ready',
    },
  );
  assert.equal(retemplated.status, 400);
  assert.equal(retemplated.body.error.field, 'template');
  const audit = await harness.call<{
    items: Array<{ resourceKind: string; resourceName: string; verb: string }>;
  }>('GET', '/api/v1/audit?action=alerts:write');
  assert.ok(
    audit.body.items.some(
      (item) =>
        item.verb === 'PUT' && item.resourceKind === 'alert-rule' && item.resourceName === 'cluster-offline',
    ),
    JSON.stringify(audit.body.items.slice(0, 3)),
  );
});

test('a stopped cluster fires cluster-offline and inhibits its other alerts; started again, it resolves and they fire again', async () => {
  await raisePodAlert('own', 'shop', 'web-1');
  const pod = await eventually('the pod alert firing', async () => {
    const alert = await find('web-1');
    return alert?.state === 'firing' ? alert : undefined;
  });
  await sandboxes.stop(OWN);
  const offline = await eventually(
    'cluster-offline firing for own',
    async () =>
      (await alerts('?rule=cluster-offline')).items.find(
        (alert) => alert.labels.cluster === 'own' && alert.state === 'firing',
      ),
    90_000,
  );
  assert.equal(offline.level, 'critical');
  assert.equal(offline.summary, 'Cluster own is offline');
  const held = await eventually('the pod alert inhibited', async () => {
    const alert = await find('web-1');
    return alert?.state === 'inhibited' ? alert : undefined;
  });
  assert.equal(held.inhibitedBy, offline.id);
  assert.equal(
    (await alerts('?cluster=shared&rule=cluster-offline')).items.length,
    0,
    'the other cluster is fine',
  );
  // The audit trail has the change of state, by Portolan itself.
  const audit = await harness.call<{ items: Array<{ actor: string; cluster: string }> }>(
    'GET',
    '/api/v1/audit?action=alert.firing',
  );
  assert.ok(audit.body.items.some((item) => item.actor === 'portolan' && item.cluster === 'own'));

  await sandboxes.start(OWN);
  await eventually(
    'cluster-offline resolved',
    async () => ((await alertOf(offline.id)).state === 'resolved' ? true : undefined),
    90_000,
  );
  await eventually('the pod alert firing again', async () =>
    (await find('web-1'))?.state === 'firing' ? true : undefined,
  );
  assert.deepEqual(await events(pod.id), ['firing', 'inhibited', 'uninhibited']);
  assert.deepEqual(await events(offline.id), ['firing', 'resolved']);
  await harness.portolan.alerting.feed.resolve('TestPodAlert', pod.labels);
});

test('a silence holds an alert back with its author and reason on the timeline; expiring it brings the alert back', async () => {
  await raisePodAlert('shared', 'shop', 'api-1');
  const alert = await eventually('the alert', () => find('api-1'));
  const created = await harness.call<SilenceView>('POST', '/api/v1/alerting/silences', {
    matchers: [
      { label: 'cluster', op: '=', value: 'shared' },
      { label: 'pod', op: '=~', value: 'api-.*' },
    ],
    endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    comment: 'rolling out a fix',
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.state, 'active');
  assert.equal(created.body.createdBy, 'admin');
  await eventually('silenced', async () => ((await find('api-1'))?.state === 'silenced' ? true : undefined));
  assert.equal((await find('api-1'))?.silencedBy, created.body.id);
  const listed = (
    await harness.call<{ items: SilenceView[] }>('GET', '/api/v1/alerting/silences?state=active')
  ).body;
  assert.equal(listed.items.find((s) => s.id === created.body.id)?.silencing, 1);
  const expired = await harness.call<SilenceView>('DELETE', `/api/v1/alerting/silences/${created.body.id}`);
  assert.equal(expired.status, 200);
  assert.equal(expired.body.state, 'expired');
  await eventually('firing again', async () =>
    (await find('api-1'))?.state === 'firing' ? true : undefined,
  );
  const timeline = (await alertOf(alert.id)).timeline ?? [];
  assert.deepEqual(
    timeline.map((event) => event.event),
    ['firing', 'silenced', 'unsilenced'],
  );
  assert.match(timeline[1]?.detail ?? '', /by admin: rolling out a fix/);
  const bad = await harness.call<{ error: { field: string } }>('POST', '/api/v1/alerting/silences', {
    matchers: [{ label: 'pod', op: '=~', value: '(' }],
    endsAt: new Date(Date.now() + 60_000).toISOString(),
    comment: 'x',
  });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'matchers[0].value');
});

test('a namespace Viewer reads only its namespace’s alerts, and may write no silence or rule', async () => {
  await raisePodAlert('shared', 'team-a', 'a-1');
  await raisePodAlert('shared', 'team-b', 'b-1');
  const viewer = await addMember(harness, 'nina', 'Viewer', {
    level: 'namespace',
    cluster: 'shared',
    namespace: 'team-a',
  });
  const { token } = await viewer.newToken();
  const as = async <T>(method: string, route: string, body?: unknown) => {
    const response = await fetch(`${harness.url}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json().catch(() => undefined)) as T };
  };
  const page = await as<AlertPage>('GET', '/api/v1/alerting/alerts');
  assert.equal(page.status, 200);
  assert.deepEqual(
    page.body.items.map((alert) => `${alert.labels.cluster}/${alert.labels.namespace}`),
    ['shared/team-a'],
  );
  assert.deepEqual(page.body.counts, { critical: 0, warning: 1, info: 0 });
  const hidden = (await find('b-1')) as AlertView;
  assert.equal((await as('GET', `/api/v1/alerting/alerts/${hidden.id}`)).status, 404, 'not even by id');
  const rules = await as<{ items: AlertRuleView[] }>('GET', '/api/v1/alerting/rules');
  const offline = rules.body.items.find((rule) => rule.name === 'cluster-offline');
  assert.ok(offline, 'a rule over every cluster covers the Viewer’s');
  assert.deepEqual(
    offline.clusters.map((state) => state.cluster),
    ['shared'],
    'only the clusters it may read',
  );
  const silence = await as('POST', '/api/v1/alerting/silences', {
    matchers: [{ label: 'cluster', op: '=', value: 'shared' }],
    endsAt: new Date(Date.now() + 60_000).toISOString(),
    comment: 'no',
  });
  assert.equal(silence.status, 403);
  assert.equal(
    (await as('PUT', '/api/v1/alerting/rules/mine', { template: 'node-not-ready', level: 'info' })).status,
    403,
  );
});

test('rules are checked field by field; custom PromQL is a platform Admin’s; with no engine a metrics rule says why it waits', async () => {
  const unknown = await harness.call<{ error: { field: string; message: string } }>(
    'PUT',
    '/api/v1/alerting/rules/x',
    {
      template: 'disk-on-fire',
      level: 'info',
    },
  );
  assert.equal(unknown.status, 400);
  assert.equal(unknown.body.error.field, 'template');
  assert.match(unknown.body.error.message, /pod-crash-looping/);
  const badParam = await harness.call<{ error: { field: string } }>('PUT', '/api/v1/alerting/rules/x', {
    template: 'pvc-almost-full',
    level: 'info',
    params: { threshold: 'lots' },
  });
  assert.equal(badParam.status, 400);
  assert.equal(badParam.body.error.field, 'params.threshold');
  // A name of this test's own: Portolan binds its users on the shared cluster as `portolan:<name>`,
  // and the RBAC reconciler's test impersonates an `eddie` of its own there.
  const editor = await addMember(harness, 'alert-editor', 'Editor', { level: 'platform' });
  const { token } = await editor.newToken();
  const custom = await fetch(`${harness.url}/api/v1/alerting/rules/custom`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ promql: 'up == 0', level: 'info' }),
  });
  assert.equal(custom.status, 403);
  const pvc = await harness.call('PUT', '/api/v1/alerting/rules/pvc', {
    template: 'pvc-almost-full',
    level: 'warning',
  });
  assert.equal(pvc.status, 201, JSON.stringify(pvc.body));
  const waiting = await eventually('evaluated', async () => {
    const rule = (await harness.call<AlertRuleView>('GET', '/api/v1/alerting/rules/pvc')).body;
    return rule.clusters.length === 2 ? rule : undefined;
  });
  assert.deepEqual(
    waiting.clusters.map((state) => state.state),
    ['engine-unavailable', 'engine-unavailable'],
  );
  assert.equal((await harness.call('DELETE', '/api/v1/alerting/rules/pvc')).status, 204);
});

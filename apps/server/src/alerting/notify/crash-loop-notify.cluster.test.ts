/**
 * The end-to-end test: on a real server with the managed metrics engine (Debian's Prometheus)
 * scraping a shared sandbox, a crash-looping pod (the sandbox's crash annotation) fires the
 * pod-crash-looping rule; a local webhook sink and a local SMTP sink receive it through a policy; a
 * silence on the alert stops further messages (the policy repeats every few seconds, so a silence
 * that did not hold would show); the alert's timeline records the notifications.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { AlertPage, AlertView, DeliveryPage } from '@portolan/api';
import { eventually, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import { prometheusBinary } from '#server/monitoring/catalogue/testing/fixture-prometheus.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';
import { startSmtpSink, startWebhookSink, subjectOf } from './testing/sinks.ts';

const shared = sharedSandboxes();
const sandbox = shared.clusters[0];
const CLUSTER = 'notify-e2e';
const namespace = uniqueNamespace('notify');
const k = (...args: string[]) => kubectlOk(shared.binDir, sandbox?.kubeconfig ?? '', args);
let harness: Harness;
let hook: Awaited<ReturnType<typeof startWebhookSink>>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

const crashing = `
apiVersion: v1
kind: Pod
metadata:
  name: crasher
  namespace: ${namespace}
  annotations: { portolan.dev/sandbox-crash: "true" }
spec:
  containers:
    - name: app
      image: busybox
`;

before(async () => {
  assert.ok(sandbox, 'the test runner starts shared sandboxes');
  hook = await startWebhookSink();
  smtp = await startSmtpSink();
  await k('create', 'namespace', namespace);
  harness = await startHarness({
    args: ['--alert-evaluation-interval', '1'],
    metricsEngine: { prometheusBin: await prometheusBinary(), scrapeIntervalSeconds: 2 },
  });
  await harness.register(CLUSTER, sandbox.kubeconfig);
  const put = async (path: string, body: unknown) => {
    const answer = await harness.call('PUT', path, body);
    assert.ok(answer.status === 200 || answer.status === 201, `${path}: ${JSON.stringify(answer.body)}`);
  };
  await put('/api/v1/notifications/receivers/oncall-hook', { type: 'webhook', url: `${hook.url}/alerts` });
  await put('/api/v1/notifications/receivers/oncall-mail', {
    type: 'email',
    smtp: {
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      username: 'alerts',
      password: 'mail-secret',
      from: 'portolan@example.com',
      to: ['oncall@example.com'],
    },
  });
  await put('/api/v1/notifications/policies/crash-loops', {
    receivers: ['oncall-hook', 'oncall-mail'],
    match: { namespaces: [namespace] },
    groupWait: '0s',
    groupInterval: '1s',
    repeatInterval: '3s',
  });
  await put('/api/v1/alerting/rules/notify-crash-loop', {
    template: 'pod-crash-looping',
    level: 'critical',
    for: '0s',
    params: { restarts: 0, window: '1m' },
    scope: { clusters: [CLUSTER], namespaces: [namespace] },
  });
  await eventually('the default ServiceAccount', async () =>
    (await k('get', 'sa', 'default', '-n', namespace).catch(() => '')) ? true : undefined,
  );
  const applied = await harness.call<{ failed: number }>('POST', `/api/v1/clusters/${CLUSTER}/apply`, {
    manifests: crashing,
  });
  assert.equal(applied.body.failed, 0, JSON.stringify(applied.body));
});

after(async () => {
  await harness?.stop({ removeData: true });
  await hook?.close();
  await smtp?.close();
  if (sandbox) await k('delete', 'namespace', namespace, '--wait=false').catch(() => undefined);
});

test('a crash-looping pod fires its alert; the webhook and SMTP sinks receive it; a silence stops it', async () => {
  const message = await eventually(
    'the crash-loop message at the webhook sink',
    async () =>
      hook.received.find((r) =>
        r.body?.alerts?.some((a: { labels: { pod?: string } }) => a.labels.pod === 'crasher'),
      ),
    120_000,
  ).catch(async (error: Error) => {
    // What the rule and the alerts said, so a failure shows where the chain stopped.
    const rule = await harness.call('GET', '/api/v1/alerting/rules/notify-crash-loop');
    const alerts = await harness.call('GET', '/api/v1/alerting/alerts?state=all');
    const deliveries = await harness.call('GET', '/api/v1/notifications/deliveries');
    throw new Error(
      `${error.message}\nrule: ${JSON.stringify(rule.body)}\nalerts: ${JSON.stringify(alerts.body)}\ndeliveries: ${JSON.stringify(deliveries.body)}`,
    );
  });
  assert.equal(message.body.status, 'firing');
  const alert = message.body.alerts[0];
  assert.equal(alert.labels.alertname, 'notify-crash-loop');
  assert.equal(alert.labels.namespace, namespace);
  assert.equal(alert.labels.cluster, CLUSTER);
  assert.match(
    alert.annotations.summary,
    new RegExp(`Pod ${namespace}/crasher on ${CLUSTER} is crash-looping`),
  );
  const mail = await eventually('the crash-loop mail', async () => smtp.received.at(0), 30_000);
  assert.match(subjectOf(mail.raw), /^\[FIRING\] notify-crash-loop · notify-e2e/);
  assert.match(mail.raw, /is crash-looping/);

  const id = alert.fingerprint as string;
  const timeline = await eventually('notified on the timeline', async () => {
    const view = (await harness.call<AlertView>('GET', `/api/v1/alerting/alerts/${id}`)).body;
    return view.timeline?.some((e) => e.event === 'notified') ? view.timeline : undefined;
  });
  assert.ok(timeline.some((e) => e.event === 'notified' && /oncall-hook/.test(e.detail ?? '')));

  const silence = await harness.call('POST', '/api/v1/alerting/silences', {
    matchers: [{ label: 'pod', op: '=', value: 'crasher' }],
    endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    comment: 'notify test: known crash loop',
  });
  assert.equal(silence.status, 201, JSON.stringify(silence.body));
  await eventually('the alert silenced', async () => {
    const page = (await harness.call<AlertPage>('GET', `/api/v1/alerting/alerts?state=silenced`)).body;
    return page.items.some((a) => a.id === id) ? true : undefined;
  });
  // A round in flight may still send once; from then on nothing more comes, though the policy repeats every 3 s.
  await new Promise((resolve) => setTimeout(resolve, 4000));
  const sent = hook.received.length;
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  assert.equal(hook.received.length, sent, 'no message while the silence holds');
  assert.ok(sent >= 1);
  const log = await harness.call<DeliveryPage>('GET', `/api/v1/notifications/deliveries?alert=${id}`);
  assert.ok(log.body.items.length >= 2, 'both receivers logged');
  assert.ok(log.body.items.every((d) => d.ok));
});

/**
 * Rules on metrics with the real metrics engine (Debian's Prometheus scraping a shared sandbox): a
 * pod the sandbox makes crash-loop fires pod-crash-looping in its namespace only, a silence holds it
 * back and expiring the silence brings it back; a template whose source metrics the cluster does not
 * provide says source-missing with their names instead of firing.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { AlertPage, AlertRuleView, AlertView, SilenceView } from '@portolan/api';
import {
  eventually,
  kubectlOk,
  sharedSandboxes,
  uniqueNamespace,
  useNamespace,
} from '@portolan/sandbox/testing';
import { prometheusBinary } from '#server/monitoring/engine/testing/prometheus-binary.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';

const { binDir, clusters } = sharedSandboxes();
const [first] = clusters;
if (!first) throw new Error('this test needs a shared sandbox');
const namespace = uniqueNamespace('alert-rules');
useNamespace({ before, after }, binDir, first.kubeconfig, namespace);
const CLUSTER = `alerts-${process.pid}`;
let harness: Harness;

const crashing = async () =>
  (
    await harness.call<AlertPage>(
      'GET',
      `/api/v1/alerting/alerts?rule=crash&state=all&namespace=${namespace}`,
    )
  ).body.items;

before(async () => {
  harness = await startHarness({
    args: ['--alert-evaluation-interval', '1'],
    metricsEngine: { prometheusBin: await prometheusBinary(), scrapeIntervalSeconds: 2 },
  });
  await harness.register(CLUSTER, first.kubeconfig);
  for (const [name, crash] of [
    ['crasher', 'true'],
    ['steady', 'false'],
  ] as const)
    await kubectlOk(binDir, first.kubeconfig, [
      'run',
      name,
      '-n',
      namespace,
      '--image=registry.example/app:1',
      `--annotations=portolan.dev/sandbox-crash=${crash}`,
    ]);
});
after(async () => {
  await harness?.stop({ removeData: true });
});

test('a crash-looping pod fires pod-crash-looping; a silence holds it back and its expiry brings it back', async () => {
  const put = await harness.call<AlertRuleView>('PUT', '/api/v1/alerting/rules/crash', {
    template: 'pod-crash-looping',
    level: 'warning',
    for: '0s',
    params: { restarts: 1, window: '2m' },
    scope: { clusters: [CLUSTER], namespaces: [namespace] },
  });
  assert.equal(put.status, 201, JSON.stringify(put.body));
  const alert = await eventually(
    'the crash-looping pod’s alert',
    async () => (await crashing()).find((a) => a.state === 'firing'),
    90_000,
  );
  assert.equal(alert.labels.cluster, CLUSTER);
  assert.equal(alert.labels.pod, 'crasher');
  assert.equal(alert.level, 'warning');
  assert.match(alert.summary, new RegExp(`Pod ${namespace}/crasher on ${CLUSTER} is crash-looping`));
  assert.deepEqual(
    (await crashing()).map((a) => a.labels.pod),
    ['crasher'],
    'the steady pod does not fire',
  );
  const rule = (await harness.call<AlertRuleView>('GET', '/api/v1/alerting/rules/crash')).body;
  assert.deepEqual(
    rule.clusters.map((state) => [state.cluster, state.state]),
    [[CLUSTER, 'active']],
  );
  assert.equal(rule.firing, 1);

  const silence = await harness.call<SilenceView>('POST', '/api/v1/alerting/silences', {
    matchers: [
      { label: 'alertname', op: '=', value: 'crash' },
      { label: 'cluster', op: '=', value: CLUSTER },
      { label: 'namespace', op: '=', value: namespace },
    ],
    endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    comment: 'the image is being fixed',
  });
  assert.equal(silence.status, 201, JSON.stringify(silence.body));
  await eventually('silenced', async () =>
    (await crashing()).find((a) => a.id === alert.id && a.state === 'silenced'),
  );
  assert.equal((await harness.call('DELETE', `/api/v1/alerting/silences/${silence.body.id}`)).status, 200);
  await eventually('firing again', async () =>
    (await crashing()).find((a) => a.id === alert.id && a.state === 'firing'),
  );
  const view = (await harness.call<AlertView>('GET', `/api/v1/alerting/alerts/${alert.id}`)).body;
  assert.deepEqual(
    view.timeline?.map((event) => event.event),
    ['firing', 'silenced', 'unsilenced'],
  );
});

test('a template whose source metrics the cluster does not provide says source-missing with their names', async () => {
  const put = await harness.call('PUT', '/api/v1/alerting/rules/volumes', {
    template: 'pvc-almost-full',
    level: 'warning',
    scope: { clusters: [CLUSTER] },
  });
  assert.equal(put.status, 201, JSON.stringify(put.body));
  const state = await eventually('evaluated', async () => {
    const rule = (await harness.call<AlertRuleView>('GET', '/api/v1/alerting/rules/volumes')).body;
    return rule.clusters[0];
  });
  assert.equal(state.state, 'source-missing');
  assert.deepEqual(state.missing, ['kubelet_volume_stats_used_bytes', 'kubelet_volume_stats_capacity_bytes']);
  assert.match(state.reason ?? '', /provides no kubelet_volume_stats_used_bytes/);
  assert.equal(state.reasonCode, 'source-missing');
  assert.equal(state.reasonParams?.cluster, CLUSTER);
  assert.equal(
    (await harness.call<AlertPage>('GET', '/api/v1/alerting/alerts?rule=volumes')).body.items.length,
    0,
  );
});

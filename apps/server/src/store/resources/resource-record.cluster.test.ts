import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SearchAnswer } from '@portolan/api';
import { eventually, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';

// The store's status word of a workload is its health in words, so search's `phase=` (the console's
// health filter) finds exactly the workloads whose row reads that word: a Deployment with a replica
// that never becomes available is found by Degraded and not by Available, once its progress deadline
// passes, on a real cluster synced by the watch.
const shared = sharedSandboxes();
const sandbox = shared.clusters[0];
const CLUSTER = 'health-words';
const namespace = uniqueNamespace('health-words');
const k = (...args: string[]) => kubectlOk(shared.binDir, sandbox?.kubeconfig ?? '', args);
let harness: Harness;

/** `stranded`: its pod asks for a node no cluster has, so it never runs and the deadline (1 s) passes. */
const deployment = (name: string, stranded: boolean) => `
apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  replicas: 1
  progressDeadlineSeconds: ${stranded ? 1 : 600}
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      ${stranded ? 'nodeSelector: { portolan.test/none: "true" }' : ''}
      containers: [{ name: web, image: 'nginx:1.27' }]
`;

const cronJob = `
apiVersion: batch/v1
kind: CronJob
metadata: { name: report, namespace: ${namespace} }
spec:
  schedule: '0 3 * * *'
  suspend: true
  jobTemplate:
    spec:
      template:
        spec: { restartPolicy: Never, containers: [{ name: report, image: 'busybox:1.37' }] }
`;

before(async () => {
  assert.ok(sandbox, 'the test runner starts shared sandboxes');
  await k('create', 'namespace', namespace);
  harness = await startHarness();
  await harness.register(CLUSTER, sandbox.kubeconfig);
  const applied = await harness.call<{ failed: number }>('POST', `/api/v1/clusters/${CLUSTER}/apply`, {
    manifests: [deployment('healthy', false), deployment('stranded', true), cronJob].join('\n---\n'),
  });
  assert.equal(applied.body.failed, 0, JSON.stringify(applied.body));
});

after(async () => {
  await harness?.stop({ removeData: true });
  if (sandbox) await k('delete', 'namespace', namespace, '--wait=false').catch(() => undefined);
});

/** Names of the workloads in the test's namespace whose status word is `phase`. */
async function found(phase: string): Promise<string[]> {
  const kinds = 'deployments.apps,statefulsets.apps,daemonsets.apps,jobs.batch,cronjobs.batch';
  const answer = await harness.call<SearchAnswer>(
    'GET',
    `/api/v1/search?kinds=${kinds}&namespaces=${namespace}&clusters=${CLUSTER}&phase=${phase}`,
  );
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body.items.map((item) => item.name).sort();
}

test('a Deployment with an unavailable replica is found by health Degraded, not by Available', async () => {
  // With a deadline of 1 s, Kubernetes may mark the stranded rollout progressing again for a moment
  // when its ReplicaSet's status changes late (a loaded machine): the words are checked together,
  // until they hold at once.
  await eventually('Degraded finds only the stranded Deployment, Available only the healthy one', async () =>
    (await found('Degraded')).join() === 'stranded' && (await found('Available')).join() === 'healthy'
      ? true
      : undefined,
  );
  assert.deepEqual(await found('Suspended'), ['report'], 'a CronJob has a status word too');
  await eventually("the workload's page says the same word as the filter", async () => {
    const view = await harness.call<{ health: { state: string; reason?: string } }>(
      'GET',
      `/api/v1/clusters/${CLUSTER}/workloads/deployments/${namespace}/stranded`,
    );
    const degraded = await found('Degraded');
    return view.body.health.state === 'Degraded' &&
      view.body.health.reason === 'ProgressDeadlineExceeded' &&
      degraded.includes('stranded')
      ? true
      : undefined;
  });
});

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { PropagationDocument, PropagationView } from '@portolan/api';
import { createSandboxManager } from '@portolan/sandbox';
import { eventually, kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import type { KubeClient } from '#server/kube/kube-client.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';
import { adminClient } from '#server/testing/sandbox-clients.ts';

/**
 * Three clusters (the two shared sandboxes and one of this file's own) split 10 replicas 2:1:2. And
 * the karmada#5150 case, without failover: a member that goes Offline and comes back loses nothing,
 * neither what Portolan did not create nor what it did; a template removed while it was Offline is
 * cleaned up only once it is back. The member is a sandbox of this file's own, stopped and started
 * again (a shared one must never stop).
 */
const { binDir, clusters: shared } = sharedSandboxes();
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-offline-'));
const sandboxes = createSandboxManager({ dataDir, binDir: async () => binDir });
const OWN = 'offline';
const namespace = uniqueNamespace('offline');
const name = `offline-${process.pid}`;
let harness: Harness;
let kubeconfig: string;
let client: KubeClient;

const configMap = (name: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace },
  data: { name },
});
const documentOf = (templates: string[], generation?: number): PropagationDocument => ({
  apiVersion: 'portolan.dev/v1',
  kind: 'Propagation',
  metadata: { name, ...(generation === undefined ? {} : { generation }) },
  spec: {
    includeDependencies: true,
    suspended: false,
    templates: [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
      ...templates.map(configMap),
    ],
    placement: { clusters: { names: ['member-x'] } },
  },
});
const paths = {
  namespace: `/api/v1/namespaces/${namespace}`,
  kept: `/api/v1/namespaces/${namespace}/configmaps/kept`,
  dropped: `/api/v1/namespaces/${namespace}/configmaps/dropped`,
  theirs: `/api/v1/namespaces/${namespace}/configmaps/theirs`,
};
async function uids(): Promise<Record<string, string | undefined>> {
  const entries = await Promise.all(
    Object.entries(paths).map(async ([key, route]) => {
      const object = await client.get<KubeObject>(route).catch(() => undefined);
      return [key, object?.metadata?.deletionTimestamp ? undefined : object?.metadata?.uid] as const;
    }),
  );
  return Object.fromEntries(entries);
}
const view = async () => (await harness.portolan.propagations.get(name)) as PropagationView;
const target = async () => (await view()).status.targets.find((t) => t.cluster === 'member-x');
const reasons = async () =>
  (await harness.portolan.propagations.events(name, { limit: 500 })).items.map(
    (e) => `${e.reason} ${e.object ?? ''}`,
  );

before(async () => {
  kubeconfig = (await sandboxes.create({ name: OWN, nodes: 1 })).sandbox.kubeconfigPath;
  client = await adminClient(kubeconfig);
  harness = await startHarness();
  await harness.register('member-x', kubeconfig);
  for (const [index, sandbox] of shared.slice(0, 2).entries())
    await harness.register(`member-${'ab'[index]}`, sandbox.kubeconfig);
});

after(async () => {
  await harness?.stop({ removeData: true });
  for (const sandbox of shared.slice(0, 2))
    await kubectl(binDir, sandbox.kubeconfig, ['delete', 'namespace', namespace, '--wait=false']);
  await sandboxes.delete(OWN).catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
});

test('a member Offline and back keeps every object; what was removed meanwhile goes only once it is back', async () => {
  // Something Portolan did not create, in the namespace it propagates.
  await kubectlOk(binDir, kubeconfig, ['create', 'namespace', namespace]);
  await kubectlOk(binDir, kubeconfig, [
    '-n',
    namespace,
    'create',
    'configmap',
    'theirs',
    '--from-literal=a=b',
  ]);
  await harness.portolan.propagations.save(documentOf(['kept', 'dropped']), 'admin');
  await eventually('applied on member-x', async () =>
    (await target())?.state === 'applied' ? true : undefined,
  );
  const before = await uids();
  assert.ok(Object.values(before).every(Boolean), JSON.stringify(before));

  await sandboxes.stop(OWN);
  await eventually('member-x offline in the status', async () =>
    (await target())?.state === 'offline' ? true : undefined,
  );
  // Removed from the document while the member cannot be reached: kept in the records, not cleaned.
  await harness.portolan.propagations.save(documentOf(['kept'], (await view()).generation), 'admin');
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const offline = await target();
  assert.equal(offline?.state, 'offline');
  assert.ok(
    offline?.objects.some((o) => o.name === 'dropped' && o.state === 'offline'),
    'its record is kept while Offline',
  );
  assert.ok(!(await reasons()).some((r) => r.startsWith('CleanedUp')));
  assert.ok((await reasons()).some((r) => r.startsWith('ClusterOffline')));
  // The reason and the event as codes: the cluster's own reason carried inside, for the console to word.
  const worded = await eventually('the offline reason with the cluster’s own code', async () => {
    const found = await target();
    return typeof found?.reasonParams?.clusterCode === 'string' ? found : undefined;
  });
  assert.equal(worded.reasonCode, 'reason.offline');
  assert.equal(worded.reasonParams?.detail, worded.reason);
  const event = (await harness.portolan.propagations.events(name, { limit: 500 })).items.find(
    (e) => e.reason === 'ClusterOffline',
  );
  assert.equal(event?.messageCode, 'event.cluster-offline');
  assert.equal(event?.messageParams?.cluster, 'member-x');
  assert.equal(event?.messageParams?.detailCode, 'reason.offline');
  assert.match(event?.message ?? '', /^cluster member-x cannot be reached: /);

  await sandboxes.start(OWN);
  await eventually(
    'member-x applied again',
    async () => ((await target())?.state === 'applied' ? true : undefined),
    90_000,
  );
  await eventually('the dropped ConfigMap cleaned up once back', async () =>
    (await uids()).dropped === undefined ? true : undefined,
  );
  // Everything else is the very same object as before: nothing was deleted and made again.
  const afterwards = await uids();
  assert.deepEqual(
    { namespace: afterwards.namespace, kept: afterwards.kept, theirs: afterwards.theirs },
    { namespace: before.namespace, kept: before.kept, theirs: before.theirs },
  );
  const all = await reasons();
  assert.deepEqual(
    all.filter((r) => r.startsWith('CleanedUp')),
    [`CleanedUp ConfigMap/${namespace}/dropped`],
  );
  assert.ok(all.some((r) => r.startsWith('ClusterBack')));
});

test('three clusters, 10 replicas weighted 2:1:2: 4, 2 and 4', async () => {
  const split = `split-${process.pid}`;
  await harness.portolan.propagations.save(
    {
      apiVersion: 'portolan.dev/v1',
      kind: 'Propagation',
      metadata: { name: split },
      spec: {
        includeDependencies: true,
        suspended: false,
        templates: [
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name: 'split', namespace },
            spec: {
              replicas: 10,
              selector: { matchLabels: { app: 'split' } },
              template: {
                metadata: { labels: { app: 'split' } },
                spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
              },
            },
          },
        ],
        placement: {
          clusters: { names: ['member-a', 'member-x', 'member-b'] },
          replicas: {
            mode: 'Weighted',
            weights: [
              { cluster: 'member-a', weight: 2 },
              { cluster: 'member-x', weight: 1 },
              { cluster: 'member-b', weight: 2 },
            ],
          },
        },
      },
    },
    'admin',
  );
  const kubeconfigs: Record<string, string> = { 'member-x': kubeconfig };
  for (const [index, sandbox] of shared.slice(0, 2).entries())
    kubeconfigs[`member-${'ab'[index]}`] = sandbox.kubeconfig;
  const placed = await eventually('the Deployment Ready on all three', async () => {
    const counts: Record<string, number> = {};
    for (const [cluster, file] of Object.entries(kubeconfigs)) {
      const member = await adminClient(file);
      const web = await member
        .get<{ spec: { replicas: number }; status?: { readyReplicas?: number } }>(
          `/apis/apps/v1/namespaces/${namespace}/deployments/split`,
        )
        .catch(() => undefined)
        .finally(() => member.close());
      if (!web || web.status?.readyReplicas !== web.spec.replicas) return undefined;
      counts[cluster] = web.spec.replicas;
    }
    return counts;
  });
  assert.deepEqual(placed, { 'member-a': 4, 'member-b': 4, 'member-x': 2 });
  const status = await eventually('10 ready in the status', async () => {
    const current = await harness.portolan.propagations.get(split);
    return current?.status.replicas?.ready === 10 ? current : undefined;
  });
  assert.deepEqual(status.status.replicas, { desired: 10, ready: 10 });
  await harness.portolan.propagations.remove(split, 'admin');
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { PropagationDocument, PropagationView } from '@portolan/api';
import { eventually, kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import type { KubeClient } from '#server/kube/kube-client.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';
import { adminClient } from '#server/testing/sandbox-clients.ts';
import { FIELD_MANAGER, GENERATION_ANNOTATION, PROPAGATION_LABEL } from './index.ts';

/**
 * The engine against the two shared sandboxes, registered in this file's Portolan with labels of
 * its own (the third cluster and the karmada#5150 case are in ../failover.cluster.test.ts, which
 * stops and starts a sandbox of its own). Objects live in a namespace of this process's own.
 */
const { binDir, clusters: shared } = sharedSandboxes();
const [a, b] = [shared[0], shared[1]];
if (!a || !b) throw new Error('the engine tests need two shared sandboxes');
const namespace = uniqueNamespace('prop');
const name = `engine-${process.pid}`;
const sourced = `sourced-${process.pid}`;
const env = `engine-${process.pid}`;
let harness: Harness;
const clients = new Map<string, KubeClient>();
const kubeconfigs = new Map([
  ['member-a', a.kubeconfig],
  ['member-b', b.kubeconfig],
]);
const k = (cluster: string, args: string[], input?: string) =>
  kubectlOk(binDir, kubeconfigs.get(cluster) as string, args, input === undefined ? {} : { input });

const deploymentOf = (name: string, replicas: number, container: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27', ...container }] },
    },
  },
});

function documentOf(
  spec: Partial<PropagationDocument['spec']> = {},
  generation?: number,
): PropagationDocument {
  return {
    apiVersion: 'portolan.dev/v1',
    kind: 'Propagation',
    metadata: { name, ...(generation === undefined ? {} : { generation }) },
    spec: {
      includeDependencies: true,
      suspended: false,
      templates: [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'settings', namespace },
          data: { mode: 'multi' },
        },
        deploymentOf('web', 10),
      ],
      placement: {
        clusters: { labelSelector: `engine=${env}` },
        replicas: {
          mode: 'Weighted',
          weights: [
            { cluster: 'member-a', weight: 2 },
            { cluster: 'member-b', weight: 1 },
          ],
        },
      },
      overrides: [{ clusters: { labelSelector: 'tier=edge' }, image: { tag: '1.27-alpine' } }],
      ...spec,
    },
  };
}

async function get(cluster: string, path: string): Promise<KubeObject | undefined> {
  return (clients.get(cluster) as KubeClient).get<KubeObject>(path).catch(() => undefined);
}
const paths = {
  namespace: `/api/v1/namespaces/${namespace}`,
  settings: `/api/v1/namespaces/${namespace}/configmaps/settings`,
  web: `/apis/apps/v1/namespaces/${namespace}/deployments/web`,
  api: `/apis/apps/v1/namespaces/${namespace}/deployments/api`,
  fromSource: `/api/v1/namespaces/${namespace}/configmaps/from-source`,
};
type PodSpec = {
  template?: { metadata?: { labels?: Record<string, string> }; spec: { containers: { image: string }[] } };
};
const specOf = (object: KubeObject | undefined) =>
  object?.spec as (PodSpec & { replicas?: number }) | undefined;
const imageOf = (object: KubeObject | undefined) => specOf(object)?.template?.spec.containers[0]?.image;
const replicasOf = (object: KubeObject | undefined) => specOf(object)?.replicas;
const gone = (object: KubeObject | undefined) => !object || Boolean(object.metadata?.deletionTimestamp);

/** A template added only so that the save is a new generation (a round runs at once). */
const hpaMarker = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'hpa-marker', namespace },
  data: {},
};
const view = async () => (await harness.portolan.propagations.get(name)) as PropagationView;
const targetOf = async (cluster: string) => (await view()).status.targets.find((t) => t.cluster === cluster);
async function events(of = name) {
  return (await harness.portolan.propagations.events(of, { limit: 500 })).items;
}

before(async () => {
  // member-a has the namespace before Portolan applies it, and a Deployment (with the ConfigMap it
  // reads its environment from) that the second propagation reads from it.
  await k('member-a', ['create', 'namespace', namespace]);
  await k('member-a', ['-n', namespace, 'create', 'configmap', 'from-source', '--from-literal=colour=blue']);
  const api = deploymentOf('api', 2, { envFrom: [{ configMapRef: { name: 'from-source' } }] });
  await k('member-a', ['apply', '-f', '-'], JSON.stringify(api));
  harness = await startHarness();
  await harness.register('member-a', a.kubeconfig, { engine: env });
  await harness.register('member-b', b.kubeconfig, { engine: env, tier: 'edge' });
  for (const [cluster, kubeconfig] of kubeconfigs) clients.set(cluster, await adminClient(kubeconfig));
});

after(async () => {
  await harness?.stop({ removeData: true });
  for (const kubeconfig of kubeconfigs.values())
    await kubectl(binDir, kubeconfig, ['delete', 'namespace', namespace, '--wait=false']);
});

test('a namespace, a ConfigMap and a Deployment reach the clusters chosen by label, 10 replicas split 2:1, the image overridden where selected', async () => {
  const started = Date.now();
  const saved = await harness.portolan.propagations.save(documentOf(), 'admin');
  assert.equal(saved.created, true);
  await eventually(
    'every object on both members',
    async () => {
      for (const cluster of kubeconfigs.keys())
        for (const path of [paths.namespace, paths.settings, paths.web])
          if (!(await get(cluster, path))) return undefined;
      return true;
    },
    30_000,
    50,
  );
  console.log(`# save to applied on 2 clusters: ${Date.now() - started} ms`);
  const webA = await get('member-a', paths.web);
  const webB = await get('member-b', paths.web);
  assert.equal(replicasOf(webA), 7, '10 replicas split 2:1 (7 and 3, largest remainder)');
  assert.equal(replicasOf(webB), 3);
  assert.equal(imageOf(webA), 'nginx:1.27', 'member-a is not selected by the override');
  assert.equal(imageOf(webB), 'nginx:1.27-alpine', 'tier=edge gets the tag override');
  for (const object of [webB, await get('member-b', paths.settings), await get('member-b', paths.namespace)])
    assert.equal(object?.metadata?.labels?.[PROPAGATION_LABEL], name);
  assert.equal(specOf(webB)?.template?.metadata?.labels?.[PROPAGATION_LABEL], name, 'the pod template too');
  assert.equal(webB?.metadata?.annotations?.[GENERATION_ANNOTATION], '1');
  const managers = (webB?.metadata?.managedFields ?? []) as { manager: string }[];
  assert.ok(
    managers.some((entry) => entry.manager === FIELD_MANAGER),
    'applied under portolan-propagation',
  );
  // Status per target and object: Portolan created everything but member-a's Namespace.
  const status = await eventually('the propagation Applied', async () => {
    const current = await view();
    return current.status.phase === 'Applied' ? current : undefined;
  });
  const byCluster = new Map(status.status.targets.map((target) => [target.cluster, target]));
  assert.deepEqual([...byCluster.keys()].sort(), ['member-a', 'member-b']);
  assert.ok(
    byCluster.get('member-b')?.objects.every((object) => object.created && object.state === 'applied'),
  );
  const onA = byCluster.get('member-a')?.objects ?? [];
  assert.equal(onA.find((o) => o.kind === 'Namespace')?.created, false, 'it was there first');
  assert.equal(onA.find((o) => o.kind === 'Deployment')?.created, true);
  // Ready replicas come from the synced store.
  const ready = await eventually('10 ready replicas in the status', async () => {
    const current = await view();
    return current.status.replicas?.ready === 10 ? current : undefined;
  });
  assert.deepEqual(ready.status.targets.find((t) => t.cluster === 'member-b')?.replicas, {
    desired: 3,
    ready: 3,
  });
  const applied = (await events()).find((e) => e.reason === 'Applied' && e.cluster === 'member-b');
  // Said as a code and values too, which the console words in the reader's language (issue #10).
  assert.equal(applied?.messageCode, 'event.applied');
  assert.deepEqual(applied?.messageParams, { generation: 1, cluster: 'member-b', count: 3 });
  assert.equal(applied?.message, 'generation 1 applied on member-b (3 objects)');
});

test('a member edited by another field manager is set back, with a DriftRepaired event naming the field', async () => {
  const started = Date.now();
  await k('member-b', ['-n', namespace, 'set', 'image', 'deployment/web', 'web=nginx:drifted']);
  await eventually(
    'the image set back',
    async () => (imageOf(await get('member-b', paths.web)) === 'nginx:1.27-alpine' ? true : undefined),
    20_000,
    50,
  );
  console.log(`# drift repaired in ${Date.now() - started} ms`);
  const repaired = await eventually('a DriftRepaired event', async () =>
    (await events()).find((e) => e.reason === 'DriftRepaired'),
  );
  assert.match(repaired.message, /image/);
  assert.equal(repaired.messageCode, 'event.drift-repaired');
  assert.equal(repaired.messageParams?.cluster, 'member-b');
  assert.match(String(repaired.messageParams?.fields), /image/);
  assert.equal(repaired.cluster, 'member-b');
  assert.equal(repaired.object, `Deployment/${namespace}/web`);
  // Deleted there by someone: made again, and said so.
  const uid = (await get('member-b', paths.settings))?.metadata?.uid;
  await k('member-b', ['-n', namespace, 'delete', 'configmap', 'settings']);
  const again = await eventually(
    'the ConfigMap made again',
    async () => {
      const settings = await get('member-b', paths.settings);
      return settings && settings.metadata?.uid !== uid ? settings : undefined;
    },
    20_000,
    50,
  );
  assert.deepEqual(again.data, { mode: 'multi' });
  const remade = await eventually('a DriftRepaired event for the deletion', async () =>
    (await events()).find((e) => e.reason === 'DriftRepaired' && /deleted from member-b/.test(e.message)),
  );
  assert.equal(remade.messageCode, 'event.remade');
});

test('a suspended propagation writes nothing but still reports drift, and repairs it once resumed', async () => {
  await harness.portolan.propagations.save(
    documentOf({ suspended: true }, (await view()).generation),
    'admin',
  );
  await eventually('Suspended', async () => ((await view()).status.phase === 'Suspended' ? true : undefined));
  await k('member-b', ['-n', namespace, 'set', 'image', 'deployment/web', 'web=nginx:while-suspended']);
  const drifted = await eventually('member-b drifted', async () => {
    const target = await targetOf('member-b');
    return target?.state === 'drifted' ? target : undefined;
  });
  const web = drifted.objects.find((o) => o.kind === 'Deployment');
  assert.equal(web?.state, 'drifted');
  assert.match(web?.reason ?? '', /image/);
  assert.equal(web?.reasonCode, 'reason.drifted');
  assert.match(String(web?.reasonParams?.fields), /image/);
  assert.equal(drifted.reasonCode, 'reason.suspended');
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  assert.equal(
    imageOf(await get('member-b', paths.web)),
    'nginx:while-suspended',
    'nothing written while suspended',
  );
  await harness.portolan.propagations.save(
    documentOf({ suspended: false }, (await view()).generation),
    'admin',
  );
  await eventually('set back once resumed', async () =>
    imageOf(await get('member-b', paths.web)) === 'nginx:1.27-alpine' ? true : undefined,
  );
  await eventually('member-b applied', async () =>
    (await targetOf('member-b'))?.state === 'applied' ? true : undefined,
  );
});

test('where the last author may not write, the target is forbidden and nothing is applied there', async () => {
  const editor = `engine-editor-${process.pid}`;
  const user = await harness.call('POST', '/api/v1/users', {
    username: editor,
    password: `${editor}-password`,
  });
  assert.equal(user.status, 201, JSON.stringify(user.body));
  const binding = await harness.call('POST', '/api/v1/rolebindings', {
    subject: { kind: 'user', name: editor },
    role: 'Editor',
    scope: { level: 'cluster', cluster: 'member-a' },
  });
  assert.equal(binding.status, 201, JSON.stringify(binding.body));
  const extra = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'editors', namespace },
    data: { by: editor },
  };
  const templates = [...(documentOf().spec.templates ?? []), extra];
  await harness.portolan.propagations.save(documentOf({ templates }, (await view()).generation), editor);
  const target = await eventually('member-b forbidden', async () => {
    const found = await targetOf('member-b');
    return found?.state === 'forbidden' ? found : undefined;
  });
  assert.match(target.reason ?? '', new RegExp(`${editor}.*may not write`));
  // The Namespace is refused first: the whole cluster, as a code with the user and cluster.
  assert.equal(target.reasonCode, 'reason.author-cluster');
  assert.deepEqual(target.reasonParams, { user: editor, cluster: 'member-b' });
  const refusal = target.objects.find((o) => o.name === 'editors');
  assert.equal(refusal?.reasonCode, 'reason.author-namespace');
  assert.deepEqual(refusal?.reasonParams, { user: editor, namespace, cluster: 'member-b' });
  await eventually('the editor’s ConfigMap on member-a', async () =>
    (await get('member-a', `/api/v1/namespaces/${namespace}/configmaps/editors`)) ? true : undefined,
  );
  assert.equal(await get('member-b', `/api/v1/namespaces/${namespace}/configmaps/editors`), undefined);
  const forbidden = (await events()).find((e) => e.reason === 'Forbidden' && e.cluster === 'member-b');
  assert.equal(forbidden?.message, target.reason);
  assert.equal(forbidden?.messageCode, 'event.forbidden');
  assert.equal(forbidden?.messageParams?.detailCode, 'reason.author-cluster');
  assert.equal(forbidden?.messageParams?.['detail.user'], editor);
  // Saved again by an administrator: applied everywhere.
  await harness.portolan.propagations.save(documentOf({}, (await view()).generation), 'admin');
  await eventually('member-b applied again', async () =>
    (await targetOf('member-b'))?.state === 'applied' ? true : undefined,
  );
});

test('a cluster taken out of the targets loses only what Portolan created there; what was there before stays, unlabelled', async () => {
  const namespaceUid = (await get('member-a', paths.namespace))?.metadata?.uid;
  assert.ok(namespaceUid);
  const placement = { ...documentOf().spec.placement };
  placement.clusters = { labelSelector: `engine=${env}`, exclude: ['member-a'] };
  await harness.portolan.propagations.save(documentOf({ placement }, (await view()).generation), 'admin');
  await eventually(
    'what Portolan made removed from member-a',
    async () =>
      gone(await get('member-a', paths.settings)) && gone(await get('member-a', paths.web))
        ? true
        : undefined,
    30_000,
    100,
  );
  // The Namespace was applied first, so it is seen to last: it loses the label after the rest is gone.
  const left = await eventually(
    'the Namespace on member-a without Portolan’s label',
    async () => {
      const found = await get('member-a', paths.namespace);
      return found?.metadata?.labels?.[PROPAGATION_LABEL] === undefined ? found : undefined;
    },
    30_000,
    100,
  );
  assert.equal(left?.metadata?.uid, namespaceUid, 'the Namespace was not Portolan’s to delete');
  assert.equal(left?.metadata?.deletionTimestamp, undefined);
  assert.ok(await get('member-a', paths.api), 'nor what else is in it');
  await eventually('member-b runs all 10 replicas', async () =>
    replicasOf(await get('member-b', paths.web)) === 10 ? true : undefined,
  );
  const reasons = (await events()).map((e) => `${e.reason} ${e.object ?? ''}`);
  assert.ok(reasons.includes(`CleanedUp Deployment/${namespace}/web`), reasons.join('\n'));
  assert.ok(reasons.includes(`LeftInPlace Namespace/${namespace}`), reasons.join('\n'));
  const said = (reason: string, object: string) =>
    events().then((all) => all.find((e) => e.reason === reason && e.object === object));
  const cleaned = await said('CleanedUp', `Deployment/${namespace}/web`);
  assert.equal(cleaned?.messageCode, 'event.cleaned-up');
  assert.deepEqual(cleaned?.messageParams, { cluster: 'member-a' });
  // member-a had the Namespace before Portolan applied it.
  const kept = await said('LeftInPlace', `Namespace/${namespace}`);
  assert.equal(kept?.messageCode, 'event.left-preexisting');
  assert.match(kept?.message ?? '', /there before Portolan applied it/);
  await eventually('only member-b in the status', async () => {
    const targets = (await view()).status.targets.map((t) => t.cluster);
    return targets.length === 1 && targets[0] === 'member-b' ? true : undefined;
  });
});

test('where an HPA scales a propagated Deployment, its replicas are the HPA’s: Portolan lets go of them without changing them', async () => {
  const ownsReplicas = async () => {
    const entries = ((await get('member-b', paths.web))?.metadata?.managedFields ?? []) as {
      manager: string;
      fieldsV1?: { 'f:spec'?: Record<string, unknown> };
    }[];
    return entries.some(
      (e) => e.manager === FIELD_MANAGER && e.fieldsV1?.['f:spec']?.['f:replicas'] !== undefined,
    );
  };
  assert.equal(await ownsReplicas(), true, 'Portolan placed the replicas so far');
  const replicasBefore = replicasOf(await get('member-b', paths.web));
  const hpa = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 1,
      maxReplicas: 20,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
        },
      ],
    },
  };
  await k('member-b', ['apply', '-f', '-'], JSON.stringify(hpa));
  await eventually('the HPA synced', async () => {
    const page = await harness.portolan.store.resources.search({
      namespaces: [namespace],
      kinds: ['HorizontalPodAutoscaler'],
    });
    return page.items.length ? true : undefined;
  });
  // A new split would give member-b 5; with the HPA there, its replicas stay as they are.
  const weights = [
    { cluster: 'member-a', weight: 1 },
    { cluster: 'member-b', weight: 1 },
  ];
  const placement = { ...documentOf().spec.placement };
  placement.clusters = { labelSelector: `engine=${env}` };
  placement.replicas = { mode: 'Weighted', weights };
  await harness.portolan.propagations.save(
    documentOf(
      { placement, templates: [...(documentOf().spec.templates ?? []), hpaMarker] },
      (await view()).generation,
    ),
    'admin',
  );
  await eventually('Portolan no longer owns the replicas on member-b', async () =>
    (await ownsReplicas()) ? undefined : true,
  );
  assert.equal(replicasOf(await get('member-b', paths.web)), replicasBefore, 'not reset, not changed');
  await eventually('member-a placed as the split says', async () =>
    replicasOf(await get('member-a', paths.web)) === 5 ? true : undefined,
  );
  assert.equal(replicasOf(await get('member-b', paths.web)), replicasBefore);
  assert.equal((await targetOf('member-b'))?.state, 'applied');
});

test('a Deployment read from the source cluster comes with the ConfigMap it reads; the original is left as it is', async () => {
  await harness.portolan.propagations.save(
    {
      apiVersion: 'portolan.dev/v1',
      kind: 'Propagation',
      metadata: { name: sourced },
      spec: {
        source: { cluster: 'member-a' },
        resources: [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace, name: 'api' }],
        includeDependencies: true,
        suspended: false,
        placement: { clusters: { all: true } },
      },
    },
    'admin',
  );
  const copy = await eventually('the Deployment and its ConfigMap on member-b', async () => {
    const [deployment, config] = await Promise.all([
      get('member-b', paths.api),
      get('member-b', paths.fromSource),
    ]);
    return deployment && config ? { deployment, config } : undefined;
  });
  assert.deepEqual(copy.config.data, { colour: 'blue' });
  assert.equal(replicasOf(copy.deployment), 2);
  assert.equal(copy.deployment.metadata?.labels?.[PROPAGATION_LABEL], sourced);
  const original = await get('member-a', paths.api);
  assert.equal(
    original?.metadata?.labels?.[PROPAGATION_LABEL],
    undefined,
    'nothing is applied over the original',
  );
  assert.equal(replicasOf(original), 2);
  const status = await eventually('the sourced propagation Applied', async () => {
    const current = await harness.portolan.propagations.get(sourced);
    return current?.status.phase === 'Applied' ? current : undefined;
  });
  const onB = status.status.targets.find((t) => t.cluster === 'member-b')?.objects ?? [];
  assert.deepEqual(onB.map((o) => `${o.kind}/${o.name}`).sort(), ['ConfigMap/from-source', 'Deployment/api']);
  // An edit on the source reaches the members at once (the 30 s resync is not what carries it).
  const edited = Date.now();
  await k('member-a', [
    '-n',
    namespace,
    'patch',
    'configmap',
    'from-source',
    '-p',
    '{"data":{"colour":"green"}}',
  ]);
  await eventually('the edited ConfigMap on member-b', async () => {
    const config = (await get('member-b', paths.fromSource)) as { data?: Record<string, string> } | undefined;
    return config?.data?.colour === 'green' ? true : undefined;
  });
  const took = Date.now() - edited;
  assert.ok(took < 5_000, `the source's edit reached member-b after ${took} ms`);
  process.stdout.write(`# source edit to member in ${took} ms\n`);
});

test('deleting a propagation removes what it created, then its record; a Namespace holding others’ objects stays', async () => {
  await k('member-b', ['-n', namespace, 'create', 'configmap', 'theirs', '--from-literal=a=b']);
  await eventually('the ConfigMap synced', async () => {
    const page = await harness.portolan.store.resources.search({ namespaces: [namespace], name: 'theirs' });
    return page.items.length ? true : undefined;
  });
  await harness.portolan.propagations.remove(name, 'admin');
  await harness.portolan.propagations.remove(sourced, 'admin');
  for (const propagation of [name, sourced])
    await eventually(
      `${propagation} gone`,
      async () => ((await harness.portolan.propagations.get(propagation)) ? undefined : true),
      30_000,
      100,
    );
  for (const path of [paths.settings, paths.web, paths.api, paths.fromSource])
    assert.ok(gone(await get('member-b', path)), `${path} removed from member-b`);
  // Portolan created the Namespace on member-b, but someone else's ConfigMap is in it now.
  assert.ok(!gone(await get('member-b', paths.namespace)), 'the Namespace is left in place');
  assert.ok(!gone(await get('member-b', `/api/v1/namespaces/${namespace}/configmaps/theirs`)));
  // member-a: what was there before Portolan is still there.
  for (const path of [paths.namespace, paths.api, paths.fromSource])
    assert.ok(!gone(await get('member-a', path)), `${path} still on member-a`);
});

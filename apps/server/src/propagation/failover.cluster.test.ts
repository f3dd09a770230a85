import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { AuditPage, PropagationDocument, PropagationEventPage, PropagationView } from '@portolan/api';
import { createSandboxManager } from '@portolan/sandbox';
import { eventually, kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import type { KubeClient } from '#server/kube/kube-client.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';
import { adminClient } from '#server/testing/sandbox-clients.ts';

/**
 * Failover end to end (issue #12): a Deployment of 6 replicas split 1:1:1 over two shared sandboxes
 * and one of this test's own, which it stops (a shared one must never stop) and starts again.
 * The karmada#5150 case: when the cluster comes back, nothing there is deleted, neither what
 * Portolan did not create nor what it did.
 */
const { binDir, clusters: shared } = sharedSandboxes();
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-failover-'));
const sandboxes = createSandboxManager({ dataDir, binDir: async () => binDir });
const OWN = 'failover';
const GRACE_SECONDS = 10;
const namespace = uniqueNamespace('failover');
const propagation = `failover-${process.pid}`;
const names = ['member-a', 'member-b', 'member-c'] as const;
let harness: Harness;
let ownKubeconfig: string;
const clients = new Map<string, KubeClient>();

const template = (kind: string, apiVersion: string, rest: Record<string, unknown>) => ({
  apiVersion,
  kind,
  ...rest,
});
/** The propagation with `replicas` in all and never fewer than all of them Ready while they move. */
const documentFor = (replicas: number): PropagationDocument => ({
  apiVersion: 'portolan.dev/v1',
  kind: 'Propagation',
  metadata: { name: propagation },
  spec: {
    includeDependencies: true,
    suspended: false,
    templates: [
      template('Namespace', 'v1', { metadata: { name: namespace } }),
      template('ConfigMap', 'v1', { metadata: { name: 'settings', namespace }, data: { mode: 'multi' } }),
      template('Deployment', 'apps/v1', {
        metadata: { name: 'web', namespace },
        spec: {
          replicas,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
          },
        },
      }),
    ],
    placement: {
      clusters: { names: [...names] },
      replicas: { mode: 'Weighted', weights: names.map((cluster) => ({ cluster, weight: 1 })) },
    },
    failover: { enabled: true, graceSeconds: GRACE_SECONDS, minReadyReplicas: replicas },
  },
});

const client = (cluster: string): KubeClient => clients.get(cluster) as KubeClient;
const objectPath = {
  namespace: () => `/api/v1/namespaces/${namespace}`,
  settings: () => `/api/v1/namespaces/${namespace}/configmaps/settings`,
  unrelated: () => `/api/v1/namespaces/${namespace}/configmaps/not-portolans`,
  web: () => `/apis/apps/v1/namespaces/${namespace}/deployments/web`,
};

interface Replicas {
  desired: number;
  ready: number;
}
/** The Deployment's replicas on a member, as that cluster says; none when it cannot be read. */
async function replicasOn(cluster: string): Promise<Replicas | undefined> {
  try {
    const web = await client(cluster).get<{
      spec: { replicas: number };
      status?: { readyReplicas?: number };
    }>(objectPath.web());
    return { desired: web.spec.replicas, ready: web.status?.readyReplicas ?? 0 };
  } catch {
    return undefined;
  }
}

async function uidsOn(cluster: string): Promise<Record<keyof typeof objectPath, string | undefined>> {
  const entries = await Promise.all(
    Object.entries(objectPath).map(async ([key, route]) => {
      const object = await client(cluster)
        .get<KubeObject>(route())
        .catch(() => undefined);
      return [key, object?.metadata?.uid] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<keyof typeof objectPath, string | undefined>;
}

/** Waits until every member's Deployment asks for and has these replicas. */
function settled(expected: Record<string, number>, timeoutMs: number) {
  return eventually(
    `replicas ${JSON.stringify(expected)} Ready`,
    async () => {
      for (const [cluster, count] of Object.entries(expected)) {
        const replicas = await replicasOn(cluster);
        if (replicas?.desired !== count || replicas.ready !== count) return undefined;
      }
      return true;
    },
    timeoutMs,
    250,
  );
}

async function events(): Promise<PropagationEventPage['items']> {
  const page = await harness.call<PropagationEventPage>(
    'GET',
    `/api/v1/propagations/${propagation}/events?limit=500`,
  );
  assert.equal(page.status, 200, JSON.stringify(page.body));
  return page.body.items;
}

before(async () => {
  const own = (await sandboxes.create({ name: OWN, nodes: 1 })).sandbox;
  ownKubeconfig = own.kubeconfigPath;
  harness = await startHarness();
  const kubeconfigs = [shared[0]?.kubeconfig, shared[1]?.kubeconfig, ownKubeconfig];
  for (const [i, name] of names.entries()) {
    const kubeconfig = kubeconfigs[i] as string;
    await harness.register(name, kubeconfig);
    clients.set(name, await adminClient(kubeconfig));
  }
});

after(async () => {
  await harness?.call('DELETE', `/api/v1/propagations/${propagation}`).catch(() => undefined);
  for (const cluster of shared.slice(0, 2)) {
    await kubectl(binDir, cluster.kubeconfig, ['delete', 'namespace', namespace, '--wait=false']);
  }
  for (const member of clients.values()) member.close();
  await harness?.stop({ removeData: true });
  await sandboxes.delete(OWN).catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
});

test('a stopped cluster’s replicas run elsewhere within grace + 30 s and come back without anything there deleted', async (t) => {
  // Something Portolan did not create, in the namespace it will propagate, on the cluster that will stop.
  await kubectlOk(binDir, ownKubeconfig, ['create', 'namespace', namespace]);
  await kubectlOk(binDir, ownKubeconfig, [
    '-n',
    namespace,
    'create',
    'configmap',
    'not-portolans',
    '--from-literal=owner=someone-else',
  ]);

  const saved = await harness.call<PropagationView>(
    'PUT',
    `/api/v1/propagations/${propagation}`,
    documentFor(6),
  );
  assert.equal(saved.status, 201, JSON.stringify(saved.body));
  await settled({ 'member-a': 2, 'member-b': 2, 'member-c': 2 }, 90_000);
  const before = await uidsOn('member-c');
  assert.ok(before.namespace && before.settings && before.web && before.unrelated, JSON.stringify(before));

  // Stopped: Offline within a few probes, its 2 replicas elsewhere after the grace, not before.
  // Timed from the moment the stop is asked for: stopping the sandbox's processes takes seconds.
  const stopAsked = Date.now();
  await sandboxes.stop(OWN);
  const stopTook = Date.now() - stopAsked;
  await settled({ 'member-a': 3, 'member-b': 3 }, (GRACE_SECONDS + 30) * 1000 - stopTook);
  const movedAfter = (Date.now() - stopAsked) / 1000;

  const failover = (await events()).filter((event) => event.reason === 'FailoverMoved');
  assert.ok(failover.length > 0, 'every move is an event');
  for (const event of failover) {
    assert.match(event.message, /member-c/);
    assert.match(event.message, /Offline/);
    // As a code and values too, for the console to word (issue #10).
    assert.equal(event.messageCode, 'event.failover-moved');
    assert.equal(event.messageParams?.from, 'member-c');
    assert.equal(typeof event.messageParams?.seconds, 'number');
    // The grace counts from the last probe that passed, at most a probe interval (1 s) before the stop.
    const after = (Date.parse(event.time) - stopAsked) / 1000;
    assert.ok(after >= GRACE_SECONDS - 1.5, `a move ${after.toFixed(1)} s after the stop, within the grace`);
  }
  const moved = (Date.parse(failover.at(-1)?.time ?? '') - stopAsked) / 1000;
  t.diagnostic(
    `stop took ${(stopTook / 1000).toFixed(1)} s; moves after ${moved.toFixed(1)} s; 6 Ready on the other two after ${movedAfter.toFixed(1)} s`,
  );
  const audit = await harness.call<AuditPage>('GET', '/api/v1/audit?action=propagation.failover&limit=100');
  const audited = audit.body.items.filter((record) => record.detail?.includes(namespace));
  assert.ok(audited.length > 0, 'every move is in the audit log');
  for (const record of audited)
    assert.match(record.detail ?? '', /from member-c to member-[ab]: member-c has been Offline/);
  const view = await harness.call<PropagationView>('GET', `/api/v1/propagations/${propagation}`);
  const targets = new Map(view.body.status.targets.map((target) => [target.cluster, target]));
  assert.equal(targets.get('member-c')?.state, 'offline');
  assert.equal(targets.get('member-c')?.failover?.movedOut, 2);
  assert.equal(targets.get('member-a')?.failover?.movedIn, 1);
  assert.equal(targets.get('member-b')?.failover?.movedIn, 1);

  // Scaled to 9 while it is away: its share (now 3) is covered by the other two, 5 and 4.
  const scaled = await harness.call<PropagationView>(
    'PUT',
    `/api/v1/propagations/${propagation}`,
    documentFor(9),
  );
  assert.equal(scaled.status, 200, JSON.stringify(scaled.body));
  await settled({ 'member-a': 5, 'member-b': 4 }, 30_000);

  // Back: its 2 old replicas count at once, the third only once it is Ready there, so the borrowed
  // ones go back in steps. The Ready total is sampled from before the sandbox starts (Portolan sees
  // its API server before the sandbox has finished starting).
  let lowest = Number.POSITIVE_INFINITY;
  let samples = 0;
  let back = false;
  const timeline: string[] = [];
  const sampling = (async () => {
    while (!back) {
      const counts = await Promise.all(names.map(replicasOn));
      lowest = Math.min(
        lowest,
        counts.reduce((sum, replicas) => sum + (replicas?.ready ?? 0), 0),
      );
      samples += 1;
      const line = counts.map((c) => (c ? `${c.ready}/${c.desired}` : '-')).join(' ');
      if (timeline.at(-1) !== line) timeline.push(line);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  try {
    await sandboxes.start(OWN);
    await settled({ 'member-a': 3, 'member-b': 3, 'member-c': 3 }, 120_000);
  } finally {
    back = true;
    await sampling;
  }
  t.diagnostic(`ready/desired on a b c as they came back: ${timeline.join(' → ')}`);
  t.diagnostic(`lowest Ready total over ${samples} samples while replicas came back: ${lowest}`);
  assert.ok(lowest >= 9, `the Ready total fell to ${lowest}, below the minimum of 9`);
  const failback = (await events()).filter((event) => event.reason === 'FailbackMoved');
  // In steps: one round cannot give back more than has become Ready there.
  assert.ok(failback.length >= 2, `the return came in ${failback.length} step(s)`);
  const returned = failback.map((event) => Number(/^(\d+) replicas? /.exec(event.message)?.[1]));
  assert.equal(
    returned.reduce((sum, count) => sum + count, 0),
    3,
    failback.map((event) => event.message).join('\n'),
  );
  for (const event of failback) {
    assert.match(event.message, /to member-c: member-c is back with \d of its 3 replicas Ready/);
    assert.equal(event.messageCode, 'event.failback-moved');
    assert.equal(event.messageParams?.share, 3);
  }

  // Nothing was deleted there: not the ConfigMap Portolan never made, nor any object it propagated.
  assert.deepEqual(await uidsOn('member-c'), before);
  const unrelated = await client('member-c').get<{ data: Record<string, string> }>(objectPath.unrelated());
  assert.deepEqual(unrelated.data, { owner: 'someone-else' });
  const deleted = (await events()).filter((event) => event.reason === 'CleanedUp');
  assert.deepEqual(deleted, []);
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  eventually,
  kubectl,
  kubectlOk,
  sharedSandboxes,
  testCrd,
  uniqueNamespace,
} from '@portolan/sandbox/testing';
import type { SearchResult } from '#server/search/search-service.ts';
import { HARNESS_STORES } from '#server/testing/harness-database.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';

const { binDir, clusters } = sharedSandboxes();
const [first, second] = clusters;
if (!first || !second) throw new Error('these tests need two shared sandboxes (PORTOLAN_TEST_CLUSTERS=2)');
/** The namespace of the run in progress: each store's run has its own. */
let ns = uniqueNamespace('sync');

const k = (kubeconfig: string, args: string[], input?: string) =>
  kubectlOk(binDir, kubeconfig, args, input === undefined ? {} : { input });

/** name → resourceVersion of every object of a kind in the namespace, as kubectl sees it. */
async function live(kubeconfig: string, kind: string): Promise<Record<string, string>> {
  const list = JSON.parse(await k(kubeconfig, ['get', kind, '-n', ns, '-o', 'json'])) as {
    items: { metadata: { name: string; resourceVersion: string } }[];
  };
  return Object.fromEntries(
    list.items.map((item) => [item.metadata.name, item.metadata.resourceVersion]).sort(),
  );
}

async function stored(harness: Harness, cluster: string, kind: string): Promise<Record<string, string>> {
  const rows: [string, string][] = [];
  let token: string | undefined;
  do {
    const query = `kinds=${kind}&clusters=${cluster}&namespaces=${ns}&limit=50&objects=false${token ? `&continue=${encodeURIComponent(token)}` : ''}`;
    const page = (await harness.call<SearchResult>('GET', `/api/v1/search?${query}`)).body;
    rows.push(...page.items.map((item): [string, string] => [item.name, item.resourceVersion]));
    token = page.continue;
  } while (token);
  const names = rows.map(([name]) => name);
  assert.equal(new Set(names).size, names.length, `no row is duplicated: ${names.join(', ')}`);
  return Object.fromEntries(rows.sort());
}

async function converged(harness: Harness, cluster: { name: string; kubeconfig: string }, kinds: string[]) {
  for (const kind of kinds) {
    await eventually(
      `the store to equal ${cluster.name}'s ${kind}`,
      async () => {
        const [want, have] = await Promise.all([
          live(cluster.kubeconfig, kind),
          stored(harness, cluster.name, kind),
        ]);
        return JSON.stringify(want) === JSON.stringify(have) ? true : undefined;
      },
      30_000,
      300,
    );
  }
}

// The whole path from watch to store to search answer, on each store.
for (const store of HARNESS_STORES)
  describe(`sync engine and search over two sandbox clusters, on ${store}`, () => {
    let harness: Harness;

    before(async () => {
      ns = uniqueNamespace(`sync-${store}`);
      harness = await startHarness({ store });
      for (const cluster of [first, second]) {
        await k(cluster.kubeconfig, ['create', 'namespace', ns]);
        await harness.register(cluster.name, cluster.kubeconfig, { env: cluster === first ? 'prod' : 'dev' });
      }
    });
    after(async () => {
      await harness?.stop({ removeData: true });
      for (const cluster of [first, second]) {
        // Searched for in every namespace: gone now, not when the namespace is, for the other store's run.
        await kubectl(binDir, cluster.kubeconfig, ['delete', 'configmap', 'find-me-alpha', '-n', ns]);
        await kubectl(binDir, cluster.kubeconfig, ['delete', 'namespace', ns, '--wait=false']);
      }
    });

    test('after random churn the store equals kubectl get, object for object, in both clusters', async () => {
      let seed = 7;
      const random = () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      for (const cluster of [first, second]) {
        const names = Array.from({ length: 30 }, (_, i) => `cm-${i}`);
        const manifests = names.map((name) => ({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name, namespace: ns, labels: { tier: 'a' } },
          data: { v: '0' },
        }));
        await k(
          cluster.kubeconfig,
          ['apply', '-f', '-'],
          JSON.stringify({ apiVersion: 'v1', kind: 'List', items: manifests }),
        );
        await k(cluster.kubeconfig, [
          'create',
          'deployment',
          'churn',
          '--image=nginx',
          '--replicas=5',
          '-n',
          ns,
        ]);
        const present = new Set(names);
        for (let round = 0; round < 3; round++) {
          const pick = [...present].filter(() => random() < 0.3);
          if (pick.length)
            await k(cluster.kubeconfig, [
              'label',
              'configmap',
              ...pick,
              `round=${round}`,
              '--overwrite',
              '-n',
              ns,
            ]);
          const gone = [...present].filter(() => random() < 0.1);
          for (const name of gone) present.delete(name);
          if (gone.length)
            await kubectl(binDir, cluster.kubeconfig, [
              'delete',
              'configmap',
              ...gone,
              '-n',
              ns,
              '--ignore-not-found',
            ]);
          await k(cluster.kubeconfig, [
            'scale',
            'deployment/churn',
            `--replicas=${1 + Math.floor(random() * 6)}`,
            '-n',
            ns,
          ]);
        }
        await k(cluster.kubeconfig, ['set', 'image', 'deployment/churn', 'nginx=nginx:2', '-n', ns]);
      }
      for (const cluster of [first, second]) {
        await converged(harness, cluster, ['configmaps', 'deployments', 'replicasets', 'pods']);
      }
    });

    test('search filters by cluster labels, labels, name substring, phase and pages with continue', async () => {
      for (const cluster of [first, second]) {
        await k(cluster.kubeconfig, ['create', 'configmap', 'find-me-alpha', '-n', ns]);
        await k(cluster.kubeconfig, ['label', 'configmap', 'find-me-alpha', 'team=search', '-n', ns]);
      }
      const found = await eventually('the labelled configmap in both clusters', async () => {
        const page = (
          await harness.call<SearchResult>(
            'GET',
            `/api/v1/search?kinds=configmaps&labelSelector=team%3Dsearch&namespaces=${ns}`,
          )
        ).body;
        return page.items.length === 2 ? page : undefined;
      });
      assert.deepEqual(found.items.map((item) => item.cluster).sort(), [first.name, second.name].sort());
      assert.ok(
        found.clusters.every((cluster) => cluster.status === 'fresh'),
        JSON.stringify(found.clusters),
      );

      const prodOnly = (
        await harness.call<SearchResult>(
          'GET',
          `/api/v1/search?kinds=configmaps&nameContains=me-alp&clusterSelector=env%3Dprod`,
        )
      ).body;
      assert.deepEqual(
        prodOnly.items.map((item) => `${item.cluster}/${item.name}`),
        [`${first.name}/find-me-alpha`],
      );

      const running = (
        await harness.call<SearchResult>(
          'GET',
          `/api/v1/search?kinds=pods&phase=Running&namespaces=${ns}&clusters=${first.name}`,
        )
      ).body;
      assert.ok(running.items.length > 0 && running.items.every((item) => item.phase === 'Running'));

      const seen: string[] = [];
      let token: string | undefined;
      let firstRemaining: number | undefined;
      do {
        const page = (
          await harness.call<SearchResult>(
            'GET',
            `/api/v1/search?kinds=configmaps&namespaces=${ns}&sort=name&limit=7${token ? `&continue=${encodeURIComponent(token)}` : ''}`,
          )
        ).body;
        firstRemaining ??= page.remaining + page.items.length;
        seen.push(...page.items.map((item) => `${item.cluster}/${item.name}`));
        token = page.continue;
      } while (token);
      assert.equal(new Set(seen).size, seen.length, 'pages never repeat a row');
      assert.equal(seen.length, firstRemaining, 'the first page counted what followed');

      const bad = await harness.call<{ error: { message: string; field: string } }>(
        'GET',
        '/api/v1/search?kinds=pods&labelSelector=%3D%3Dbroken',
      );
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.field, 'labelSelector');
      const unknown = await harness.call<{ error: { message: string } }>(
        'GET',
        '/api/v1/search?kinds=pods&clusters=nowhere',
      );
      assert.equal(unknown.status, 400);
      assert.match(unknown.body.error.message, /no cluster named "nowhere"/);
    });

    test('a CRD created after registration is synced, and its rows go when it goes', async () => {
      const crd = testCrd({ group: `${ns}.example.com`, kind: 'Widget', plural: 'widgets' });
      await k(first.kubeconfig, ['apply', '-f', '-'], JSON.stringify(crd));
      await k(first.kubeconfig, [
        'wait',
        '--for=condition=Established',
        `crd/${crd.metadata.name}`,
        '--timeout=30s',
      ]);
      const widget = {
        apiVersion: `${ns}.example.com/v1`,
        kind: 'Widget',
        metadata: { name: 'w1', namespace: ns },
        spec: { size: 3 },
      };
      await k(first.kubeconfig, ['apply', '-f', '-'], JSON.stringify(widget));
      const kind = `${ns}.example.com/widgets`;
      const row = await eventually(
        'the custom resource in the store',
        async () => (await harness.call<SearchResult>('GET', `/api/v1/search?kinds=${kind}`)).body.items[0],
        30_000,
      );
      assert.equal(row.kind, 'Widget');
      assert.deepEqual((row.object as { spec: unknown }).spec, { size: 3 });

      await k(first.kubeconfig, ['delete', 'crd', crd.metadata.name]);
      await eventually(
        'the custom resource rows to be purged',
        async () =>
          (await harness.call<SearchResult>('GET', `/api/v1/search?kinds=${kind}`)).body.items.length === 0
            ? true
            : undefined,
        90_000,
        1000,
      );
    });

    test('Secret values never reach the store; the change stream sends filtered events', async () => {
      const events: string[] = [];
      const controller = new AbortController();
      const stream = await fetch(
        `${harness.url}/api/v1/changes?kinds=configmaps,secrets&namespaces=${ns}&clusters=${second.name}`,
        {
          signal: controller.signal,
          headers: harness.headers,
        },
      );
      const reading = (async () => {
        const decoder = new TextDecoder();
        for await (const chunk of stream.body as unknown as AsyncIterable<Uint8Array>)
          events.push(decoder.decode(chunk));
      })().catch(() => undefined);
      await k(second.kubeconfig, [
        'create',
        'secret',
        'generic',
        'db',
        '--from-literal=password=hunter2',
        '-n',
        ns,
      ]);
      await k(second.kubeconfig, ['create', 'configmap', 'streamed', '-n', ns]);
      await k(first.kubeconfig, ['create', 'configmap', 'not-streamed', '-n', ns]);
      await eventually('events for the secret and the configmap', async () =>
        events.join('').includes('"name":"streamed"') ? true : undefined,
      );
      controller.abort();
      await reading;
      const text = events.join('');
      assert.match(
        text,
        /event: ADDED\ndata: \{"cluster":"[^"]+","group":"","version":"v1","resource":"secrets"/,
      );
      assert.ok(!text.includes('not-streamed'), 'an event of another cluster is filtered out');
      assert.ok(
        !text.includes('hunter2') && !text.includes(Buffer.from('hunter2').toString('base64')),
        'no secret value in the stream',
      );

      const secret = (
        await harness.call<SearchResult>('GET', `/api/v1/search?kinds=secrets&namespaces=${ns}&name=db`)
      ).body.items[0];
      // Masked by the same rule as the REST answers.
      assert.deepEqual((secret?.object as { data?: unknown } | undefined)?.data, { password: '<masked>' });
    });

    test('summaries count nodes, pods and workloads per cluster and in all', async () => {
      const summary = (
        await harness.call<{
          total: {
            nodes: { ready: number; total: number };
            pods: Record<string, number>;
            workloads: Record<string, Record<string, number>>;
          };
          clusters: { name: string; nodes: { total: number } }[];
        }>('GET', '/api/v1/summary')
      ).body;
      assert.equal(summary.clusters.length, 2);
      assert.equal(summary.total.nodes.total, 6);
      assert.equal(summary.total.nodes.ready, 6);
      assert.ok((summary.total.pods.Running ?? 0) > 0);
      assert.ok(summary.total.workloads['apps/deployments']);
    });

    test('removing a cluster stops its sync and purges its rows', async () => {
      const removed = await harness.call('DELETE', `/api/v1/clusters/${second.name}`);
      assert.equal(removed.status, 204);
      const page = (
        await harness.call<SearchResult>('GET', '/api/v1/search?kinds=configmaps,pods,nodes&limit=1000')
      ).body;
      assert.ok(page.items.every((item) => item.cluster === first.name));
      assert.equal((await harness.call('GET', `/api/v1/clusters/${second.name}`)).status, 404);
    });
  });

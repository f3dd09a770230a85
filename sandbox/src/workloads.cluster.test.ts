import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventually, kubectlOk, useNamespace } from './testing/kubectl.ts';
import { sharedSandboxes, uniqueNamespace } from './testing/shared-sandboxes.ts';

interface Pod {
  metadata: { name: string; creationTimestamp: string; ownerReferences?: { kind: string; name: string }[] };
  spec: { nodeName?: string; containers: { image: string }[] };
  status: { phase: string; podIP?: string };
}

const { binDir, clusters } = sharedSandboxes();
const cluster = clusters[0];
if (!cluster) throw new Error('no shared sandbox');
const k = (args: string[], input?: string) =>
  kubectlOk(binDir, cluster.kubeconfig, args, input === undefined ? {} : { input });
const ns = uniqueNamespace('workloads');

async function pods(selector: string): Promise<Pod[]> {
  return (JSON.parse(await k(['get', 'pods', '-n', ns, '-l', selector, '-o', 'json'])) as { items: Pod[] })
    .items;
}

function deployment(name: string, replicas: number, image: string): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image }] } },
    },
  });
}

describe('workloads on a sandbox cluster', () => {
  useNamespace({ before, after }, binDir, cluster.kubeconfig, ns);

  test('a Deployment of 3 replicas has 3 Running pods spread over the nodes', async () => {
    await k(['apply', '-f', '-'], deployment('spread', 3, 'nginx:1.27'));
    const running = await eventually('3 Running pods', async () => {
      const list = await pods('app=spread');
      return list.length === 3 && list.every((pod) => pod.status.phase === 'Running') ? list : undefined;
    });
    const nodes = new Set(running.map((pod) => pod.spec.nodeName));
    assert.equal(nodes.size, 3, `pods landed on ${[...nodes].join(', ')}`);
    assert.ok(
      running.every((pod) => pod.status.podIP),
      'every Running pod has an IP',
    );
  });

  test('a rollout to a new image makes a new ReplicaSet and a rollback restores the old template', async () => {
    await k(['apply', '-f', '-'], deployment('roll', 2, 'nginx:1.26'));
    await k(['rollout', 'status', `deployment/roll`, '-n', ns, '--timeout=60s']);
    await k(['set', 'image', 'deployment/roll', 'web=nginx:1.27', '-n', ns]);
    await k(['rollout', 'status', 'deployment/roll', '-n', ns, '--timeout=60s']);
    const replicaSets = JSON.parse(await k(['get', 'rs', '-n', ns, '-l', 'app=roll', '-o', 'json'])) as {
      items: { spec: { replicas: number; template: { spec: { containers: { image: string }[] } } } }[];
    };
    const images = replicaSets.items
      .map((rs) => `${rs.spec.template.spec.containers[0]?.image}:${rs.spec.replicas}`)
      .sort();
    assert.deepEqual(images, ['nginx:1.26:0', 'nginx:1.27:2']);

    await k(['rollout', 'undo', 'deployment/roll', '-n', ns]);
    await k(['rollout', 'status', 'deployment/roll', '-n', ns, '--timeout=60s']);
    const image = await k([
      'get',
      'deployment/roll',
      '-n',
      ns,
      '-o',
      'jsonpath={.spec.template.spec.containers[0].image}',
    ]);
    assert.equal(image, 'nginx:1.26');
    const running = await eventually('pods of the old template', async () => {
      const list = await pods('app=roll');
      return list.length === 2 &&
        list.every((pod) => pod.spec.containers[0]?.image === 'nginx:1.26' && pod.status.phase === 'Running')
        ? list
        : undefined;
    });
    assert.equal(running.length, 2);
  });

  test('a StatefulSet creates ordered pods with stable names', async () => {
    const manifest = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: ns },
      spec: {
        replicas: 3,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: {
          metadata: { labels: { app: 'db' } },
          spec: { containers: [{ name: 'db', image: 'postgres:17' }] },
        },
      },
    };
    await k(['apply', '-f', '-'], JSON.stringify(manifest));
    const running = await eventually('3 Running StatefulSet pods', async () => {
      const list = await pods('app=db');
      return list.length === 3 && list.every((pod) => pod.status.phase === 'Running') ? list : undefined;
    });
    const byName = running.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    assert.deepEqual(
      byName.map((pod) => pod.metadata.name),
      ['db-0', 'db-1', 'db-2'],
    );
    const [first = 0, second = 0, third = 0] = byName.map((pod) =>
      Date.parse(pod.metadata.creationTimestamp),
    );
    assert.ok(first <= second && second <= third, `pods were created in order: ${[first, second, third]}`);

    await k(['delete', 'pod', 'db-1', '-n', ns, '--wait=false']);
    await eventually('db-1 to come back under the same name', async () => {
      const list = await pods('app=db');
      const pod = list.find((item) => item.metadata.name === 'db-1');
      return pod &&
        Date.parse(pod.metadata.creationTimestamp) >= second &&
        pod.status.phase === 'Running' &&
        list.length === 3
        ? pod
        : undefined;
    });
  });

  test('a DaemonSet has one pod per node', async () => {
    const manifest = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: ns },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: { containers: [{ name: 'agent', image: 'fluent-bit:3' }] },
        },
      },
    };
    await k(['apply', '-f', '-'], JSON.stringify(manifest));
    const nodeCount = (JSON.parse(await k(['get', 'nodes', '-o', 'json'])) as { items: unknown[] }).items
      .length;
    const running = await eventually('one Running agent pod per node', async () => {
      const list = await pods('app=agent');
      return list.length === nodeCount && list.every((pod) => pod.status.phase === 'Running')
        ? list
        : undefined;
    });
    assert.equal(new Set(running.map((pod) => pod.spec.nodeName)).size, nodeCount);
  });

  test('a Job completes and a CronJob creates Jobs', async () => {
    await k(['create', 'job', 'once', '--image=busybox', '-n', ns, '--', 'true']);
    await k(['wait', '--for=condition=Complete', 'job/once', '-n', ns, '--timeout=60s']);
    const succeeded = await k(['get', 'job/once', '-n', ns, '-o', 'jsonpath={.status.succeeded}']);
    assert.equal(succeeded, '1');

    await k(['create', 'cronjob', 'tick', '--image=busybox', '--schedule=* * * * *', '-n', ns, '--', 'true']);
    const job = await eventually(
      'the CronJob to create a Job',
      async () => {
        const jobs = JSON.parse(await k(['get', 'jobs', '-n', ns, '-o', 'json'])) as {
          items: { metadata: { name: string; ownerReferences?: { kind: string; name: string }[] } }[];
        };
        return jobs.items.find((item) =>
          item.metadata.ownerReferences?.some((owner) => owner.kind === 'CronJob' && owner.name === 'tick'),
        );
      },
      90_000,
      2000,
    );
    assert.match(job.metadata.name, /^tick-\d+$/);
  });

  test('a Service gets EndpointSlices with the ready pods', async () => {
    await k(['apply', '-f', '-'], deployment('api', 2, 'nginx:1.27'));
    await k(['expose', 'deployment/api', '--port=80', '-n', ns]);
    const endpoints = await eventually('an EndpointSlice with 2 ready endpoints', async () => {
      const slices = JSON.parse(
        await k(['get', 'endpointslices', '-n', ns, '-l', 'kubernetes.io/service-name=api', '-o', 'json']),
      ) as {
        items: { endpoints?: { addresses: string[]; conditions: { ready?: boolean } }[] }[];
      };
      const ready = slices.items
        .flatMap((slice) => slice.endpoints ?? [])
        .filter((endpoint) => endpoint.conditions.ready);
      return ready.length === 2 ? ready : undefined;
    });
    const podIps = (await pods('app=api')).map((pod) => pod.status.podIP).sort();
    assert.deepEqual(endpoints.flatMap((endpoint) => endpoint.addresses).sort(), podIps);
  });
});

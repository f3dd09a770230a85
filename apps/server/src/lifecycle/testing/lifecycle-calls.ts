import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Operation } from '@portolan/api';
import type { KubeClient } from '#server/kube/kube-client.ts';
import type { Harness } from '#server/testing/portolan-harness.ts';

/** Polls an operation until it leaves `running` (or `until` says so); fails with its steps on timeout. */
export async function waitOperation(
  harness: Harness,
  id: string,
  until: (op: Operation) => boolean = (op) => op.state !== 'running',
  timeoutMs = 600_000,
): Promise<Operation> {
  const deadline = Date.now() + timeoutMs;
  let last: Operation | undefined;
  while (Date.now() < deadline) {
    const answer = await harness.call<Operation>('GET', `/api/v1/lifecycle/operations/${id}`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    last = answer.body;
    if (until(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.fail(
    `operation ${id} did not get there in time: ${JSON.stringify(last?.steps.map((s) => [s.id, s.state, s.message]))}`,
  );
}

export const stepsOf = (op: Operation) =>
  op.steps.map((s) => `${s.id}:${s.state}${s.message ? ` (${s.message})` : ''}`).join('\n');

/** The registered cluster's own client (Portolan's, as the lifecycle uses it). */
export async function clientOf(harness: Harness, name: string): Promise<KubeClient> {
  const cluster = await harness.portolan.store.clusters.getByName(name);
  const client = cluster && harness.portolan.clusters.clientOf(cluster.id);
  assert.ok(client, `cluster ${name} is registered with an open client`);
  return client;
}

/** Stops etcd of a sandbox the way a crash would: its process killed. */
export async function killEtcd(harness: Harness, name: string): Promise<void> {
  const state = JSON.parse(
    await readFile(path.join(harness.dataDir, 'sandboxes', name, 'sandbox.json'), 'utf8'),
  ) as {
    pids: Record<string, number>;
  };
  const pid = state.pids.etcd;
  assert.ok(pid, 'etcd has a pid');
  process.kill(pid, 'SIGKILL');
}

/** The objects a user made, reduced to what must survive: names, specs and data. */
export async function objectsOf(client: KubeClient, namespace: string): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const [kind, url] of [
    ['deployments', `/apis/apps/v1/namespaces/${namespace}/deployments`],
    ['configmaps', `/api/v1/namespaces/${namespace}/configmaps`],
    ['services', `/api/v1/namespaces/${namespace}/services`],
  ] as const) {
    const list = await client.list<{
      metadata: { name: string };
      spec?: { template?: unknown; replicas?: number; ports?: unknown; selector?: unknown };
      data?: unknown;
    }>(url);
    out[kind] = list.items
      .filter((item) => item.metadata.name !== 'kube-root-ca.crt')
      .map((item) => ({
        name: item.metadata.name,
        ...(kind === 'configmaps' ? { data: item.data } : {}),
        ...(kind === 'deployments' ? { replicas: item.spec?.replicas, template: item.spec?.template } : {}),
        ...(kind === 'services' ? { ports: item.spec?.ports, selector: item.spec?.selector } : {}),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
  return JSON.stringify(out);
}

export async function create(client: KubeClient, url: string, body: object): Promise<void> {
  const answer = await client.request({ method: 'POST', path: url, body });
  assert.ok(
    answer.status === 201 || answer.status === 409,
    `POST ${url}: ${answer.status} ${JSON.stringify(answer.body)}`,
  );
}

/**
 * A test's clean-up of the sandbox it created: deleted, and when that fails (processes slow to stop
 * under load), stopped and deleted once more, so no control plane is left running behind the test
 * run. A failure that remains is said on stderr with the sandbox's name, never swallowed in silence.
 */
export async function removeSandbox(harness: Harness | undefined, name: string): Promise<void> {
  if (!harness) return;
  const sandboxes = harness.portolan.sandboxes;
  try {
    await sandboxes.delete(name);
    return;
  } catch (first) {
    if (/not found|no sandbox/i.test(String(first))) return;
    process.stderr.write(`clean-up: deleting sandbox ${name} failed (${String(first)}); stopping it first\n`);
  }
  try {
    await sandboxes.stop(name).catch(() => undefined);
    await sandboxes.delete(name);
  } catch (second) {
    process.stderr.write(`clean-up: sandbox ${name} may be left running: ${String(second)}\n`);
  }
}

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { recordFromObject } from '#server/store/resources/resource-record.ts';
import { openSqliteStore } from '#server/store/sqlite-store.ts';
import type { Cluster, ResourceRecord, Store } from '#server/store/store.ts';
import { DEPLOYMENTS, NODES, podRecord, upsert } from '#server/store/testing/store-fixtures.ts';

/**
 * A SQLite store with three clusters for the search and summary tests:
 *  - prod: nodes (4 CPU, 16Gi each), pods in team-a, team-b and kube-system, a Deployment in team-a;
 *  - dev: one node, pods in team-a;
 *  - secret: one pod, a cluster most callers must not learn of.
 * Every Running or Pending pod requests 100m CPU and 64Mi; Succeeded pods request 1 CPU (never held).
 */
export interface SearchFixture {
  store: Store;
  clusters: Record<'prod' | 'dev' | 'secret', Cluster>;
  close(): Promise<void>;
}

const Mi = 2 ** 20;
export const POD_CPU_MILLICORES = 100;
export const POD_MEMORY_BYTES = 64 * Mi;

function node(name: string, cpu: string, memory: string): ResourceRecord {
  return recordFromObject(NODES, {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: '2025-01-01T00:00:00Z' },
    status: {
      capacity: { cpu, memory, pods: '110' },
      allocatable: { cpu, memory, pods: '110' },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  });
}

const pod = (namespace: string, name: string, phase = 'Running') =>
  podRecord({
    namespace,
    name,
    phase,
    requests: [phase === 'Succeeded' ? { cpu: '1' } : { cpu: '100m', memory: '64Mi' }],
  });

export async function openSearchFixture(): Promise<SearchFixture> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'portolan-search-'));
  const store = await openSqliteStore({ file: path.join(dir, 'portolan.db') });
  const register = async (name: string, version: string) => {
    const cluster = await store.clusters.create({
      name,
      serverUrl: `https://${name}.invalid`,
      credentials: new Uint8Array(),
    });
    await store.clusters.setHealth(cluster.id, { status: 'Ready', version, lastSeenAt: new Date() });
    return (await store.clusters.get(cluster.id)) as Cluster;
  };
  const clusters = {
    prod: await register('prod', 'v1.34.1'),
    dev: await register('dev', 'v1.33.0'),
    secret: await register('secret', 'v1.34.1'),
  };
  const deployment = {
    ...podRecord({ namespace: 'team-a', name: 'web' }),
    ...DEPLOYMENTS,
    kind: 'Deployment',
  };
  await store.resources.applyChanges(clusters.prod.id, [
    upsert(node('prod-1', '4', '16Gi')),
    upsert(node('prod-2', '4', '16Gi')),
    upsert(pod('team-a', 'web-1')),
    upsert(pod('team-a', 'web-2', 'Pending')),
    upsert(pod('team-a', 'job-1', 'Succeeded')),
    upsert(pod('team-b', 'api-1')),
    upsert(pod('team-b', 'api-2')),
    upsert(pod('kube-system', 'dns-1')),
    upsert({ ...deployment, phase: 'Ready', nodeName: null }),
  ]);
  await store.resources.applyChanges(clusters.dev.id, [
    upsert(node('dev-1', '2', '8Gi')),
    upsert(pod('team-a', 'web-1')),
    upsert(pod('team-a', 'web-9')),
  ]);
  await store.resources.applyChanges(clusters.secret.id, [upsert(pod('team-a', 'vault-1'))]);
  return {
    store,
    clusters,
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

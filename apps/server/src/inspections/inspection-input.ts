import type { KubeClient } from '#server/kube/kube-client.ts';
import type { GroupVersionResource, ResourceStore, SyncStateStore } from '#server/store/store.ts';
import { prefixed, type Said, said } from './said.ts';

/** A Kubernetes object as the checks read it: loosely, since every field may be absent. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: Array<{ kind: string; name: string; uid?: string }>;
    creationTimestamp?: string;
  };
  // biome-ignore lint/suspicious/noExplicitAny: the checks read specs and statuses of many kinds
  spec?: any;
  // biome-ignore lint/suspicious/noExplicitAny: idem
  status?: any;
  [field: string]: unknown;
}

/** A live read's answer, or why there is none (a check built on it is then skipped with that reason). */
export type Live<T> = { ok: true; value: T } | { ok: false; reason: Said };

/** What the store gives the checks: every object of each kind, read once per run. */
export const INSPECTED_TYPES = {
  pods: { group: '', resource: 'pods' },
  nodes: { group: '', resource: 'nodes' },
  namespaces: { group: '', resource: 'namespaces' },
  services: { group: '', resource: 'services' },
  configmaps: { group: '', resource: 'configmaps' },
  secrets: { group: '', resource: 'secrets' },
  serviceaccounts: { group: '', resource: 'serviceaccounts' },
  persistentvolumeclaims: { group: '', resource: 'persistentvolumeclaims' },
  deployments: { group: 'apps', resource: 'deployments' },
  statefulsets: { group: 'apps', resource: 'statefulsets' },
  daemonsets: { group: 'apps', resource: 'daemonsets' },
  replicasets: { group: 'apps', resource: 'replicasets' },
  jobs: { group: 'batch', resource: 'jobs' },
  cronjobs: { group: 'batch', resource: 'cronjobs' },
  poddisruptionbudgets: { group: 'policy', resource: 'poddisruptionbudgets' },
  endpointslices: { group: 'discovery.k8s.io', resource: 'endpointslices' },
  ingresses: { group: 'networking.k8s.io', resource: 'ingresses' },
} as const satisfies Record<string, Omit<GroupVersionResource, 'version'>>;

export type InspectedKind = keyof typeof INSPECTED_TYPES;

/** Objects of each kind; a kind Portolan does not sync from the cluster is a reason instead. */
export type StoredObjects = { [K in InspectedKind]: Live<KubeObject[]> };

export interface ClusterFacts {
  name: string;
  status: string;
  reason: string | null;
  /** The reason's code and values (CLUSTER_REASON_CODES), so a report can word it; absent when unknown. */
  reasonCode?: string | null;
  reasonParams?: Record<string, string | number> | null;
  version: string | null;
  credentials: Array<{ kind: string; field: string; expiresAt: string | null; renewable: boolean }>;
}

export interface LiveReads {
  /** /readyz?verbose and /livez?verbose as text (answered 200 or 500 alike). */
  readyz: Live<string>;
  livez: Live<string>;
  /** The API server's own /metrics text. */
  metrics: Live<string>;
  /** Leases in kube-system (scheduler, controller manager) and kube-node-lease (one per node). */
  systemLeases: Live<KubeObject[]>;
  nodeLeases: Live<KubeObject[]>;
  /** metrics.k8s.io NodeMetrics, when the cluster serves it. */
  nodeMetrics: Live<KubeObject[]>;
}

export interface InspectionInput {
  cluster: ClusterFacts;
  now: Date;
  objects: StoredObjects;
  live: LiveReads;
  /** Namespaces the configuration names (absent: all). */
  namespaces?: ReadonlySet<string>;
}

const PAGE = 1000;

/**
 * Every object of the inspected kinds on one cluster, read from the synced store kind by kind (pages
 * of 1,000, no per-object query). A kind with no sync state is not synced from this cluster.
 */
export async function readStoredObjects(
  store: { resources: ResourceStore; syncStates: SyncStateStore },
  clusterId: string,
  namespaces?: ReadonlySet<string>,
): Promise<StoredObjects> {
  const states = await store.syncStates.list(clusterId);
  const synced = new Map(states.map((state) => [`${state.group}/${state.resource}`, state]));
  const entries = await Promise.all(
    (Object.keys(INSPECTED_TYPES) as InspectedKind[]).map(async (kind) => {
      const type = INSPECTED_TYPES[kind];
      const state = synced.get(`${type.group}/${type.resource}`);
      if (!state) return [kind, { ok: false, reason: said('skip.not-synced', { kind }) }] as const;
      if (state.resourceVersion === null)
        return [kind, { ok: false, reason: notSyncedYet(kind, state) }] as const;
      const items: KubeObject[] = [];
      let token: string | undefined;
      do {
        const page = await store.resources.search({
          clusterIds: [clusterId],
          types: [type],
          ...(namespaces && kind !== 'nodes' && kind !== 'namespaces' ? { namespaces: [...namespaces] } : {}),
          limit: PAGE,
          ...(token ? { continue: token } : {}),
        });
        // Listed objects may come without their kind; the row knows it.
        for (const row of page.items) items.push({ ...(row.object as KubeObject), kind: row.kind });
        token = page.continue;
      } while (token);
      return [kind, { ok: true, value: items }] as const;
    }),
  );
  return Object.fromEntries(entries) as StoredObjects;
}

/** A kind listed but not yet in hand: with the sync's error, its code and values, when it has one. */
function notSyncedYet(
  kind: string,
  state: {
    error: string | null;
    reasonCode: string | null;
    reasonParams: Record<string, string | number> | null;
  },
): Said {
  if (!state.error) return said('skip.not-synced-yet', { kind });
  return said('skip.sync-failed', {
    kind,
    detail: state.error,
    ...(state.reasonCode ? { syncCode: state.reasonCode, ...prefixed('sync', state.reasonParams) } : {}),
  });
}

/** Why a live read of `path` got no answer, as a code a report words. */
function reasonOf(error: unknown, path: string): Said {
  const status = (error as { code?: unknown }).code;
  const detail = error instanceof Error ? error.message : String(error);
  if (status === 404) return said('skip.read-not-served', { path });
  if (status === 403) return said('skip.read-forbidden', { path, detail });
  if (status === 503) return said('skip.read-unavailable', { path, detail });
  return said('skip.read-failed', { path, detail });
}

async function text(
  client: KubeClient,
  path: string,
  timeoutMs: number,
  query?: Record<string, string | boolean>,
): Promise<Live<string>> {
  try {
    const answer = await client.request<unknown>({
      path,
      ...(query ? { query } : {}),
      accept: 'text/plain',
      timeoutMs,
    });
    // readyz and livez answer 500 with the same verbose text when a check fails.
    if (answer.status === 200 || (answer.status === 500 && typeof answer.body === 'string'))
      return { ok: true, value: String(answer.body) };
    const message =
      typeof answer.body === 'object' ? (answer.body as { message?: string }).message : answer.body;
    return {
      ok: false,
      reason: reasonOf(Object.assign(new Error(String(message ?? '')), { code: answer.status }), path),
    };
  } catch (error) {
    return { ok: false, reason: reasonOf(error, path) };
  }
}

async function list(client: KubeClient, path: string, timeoutMs: number): Promise<Live<KubeObject[]>> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    return { ok: true, value: (await client.list<KubeObject>(path, { signal, limit: 500 })).items };
  } catch (error) {
    return {
      ok: false,
      reason: signal.aborted ? said('skip.read-timeout', { path, ms: timeoutMs }) : reasonOf(error, path),
    };
  }
}

/** The cluster's name, status and reason (with its code, when known) as a skip's values. */
export function clusterValues(cluster: ClusterFacts) {
  return {
    cluster: cluster.name,
    status: cluster.status,
    ...(cluster.reason ? { detail: cluster.reason } : {}),
    ...(cluster.reason && cluster.reasonCode
      ? { clusterCode: cluster.reasonCode, ...prefixed('cluster', cluster.reasonParams) }
      : {}),
  };
}

/** The few reads only the cluster itself can answer, each with a short deadline, all at once. */
export async function readLive(
  client: KubeClient | undefined,
  cluster: ClusterFacts,
  timeoutMs = 5_000,
): Promise<LiveReads> {
  if (!client || cluster.status === 'Offline') {
    const reason = said(
      cluster.reason ? 'skip.cluster-unreachable.reason' : 'skip.cluster-unreachable',
      clusterValues(cluster),
    );
    const none = { ok: false, reason } as const;
    return {
      readyz: none,
      livez: none,
      metrics: none,
      systemLeases: none,
      nodeLeases: none,
      nodeMetrics: none,
    };
  }
  const [readyz, livez, metrics, systemLeases, nodeLeases, nodeMetrics] = await Promise.all([
    text(client, '/readyz', timeoutMs, { verbose: true }),
    text(client, '/livez', timeoutMs, { verbose: true }),
    text(client, '/metrics', timeoutMs),
    list(client, '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases', timeoutMs),
    list(client, '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases', timeoutMs),
    list(client, '/apis/metrics.k8s.io/v1beta1/nodes', timeoutMs),
  ]);
  return { readyz, livez, metrics, systemLeases, nodeLeases, nodeMetrics };
}

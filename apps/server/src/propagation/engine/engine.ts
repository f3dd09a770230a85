import { randomUUID } from 'node:crypto';
import type { PropagationDocument } from '@portolan/api';
import type { AuditLog } from '#server/audit/audit-log.ts';
import type { KubeClient } from '#server/kube/kube-client.ts';
import { createKindResolver, type KindResolver } from '#server/resources/kind-resolver.ts';
import { isPlainObject } from '#server/resources/kube-object.ts';
import type { StoredPropagation } from '#server/store/propagations/propagation-store.ts';
import type { Store } from '#server/store/store.ts';
import type { Clock } from '#server/time/clock.ts';
import type { RenderedObject, RenderedTarget } from '../contract.ts';
import { selectClusters } from '../placement/index.ts';
import { authorWrites } from './author-access.ts';
import { clusterFacts, type EngineCluster } from './cluster-facts.ts';
import type { Member } from './member-writes.ts';
import {
  describeObject,
  identityOf,
  isScaledWorkload,
  keyOf,
  PROPAGATION_LABEL,
  storedTypeOf,
} from './object-shape.ts';
import { baseObjects, renderTargets } from './render.ts';
import { movedReplicas, type PlannedReplicas, planReplicas } from './replica-plan.ts';
import { readSourceObjects } from './source-objects.ts';
import { type EventInput, runTargetRound } from './target-round.ts';
import { WordedError, wording } from './wording.ts';

export interface EngineDeps {
  store: Store;
  /** The registry's client of a cluster (Portolan's own credential), by cluster id. */
  clientOf: (clusterId: string) => KubeClient | undefined;
  audit: Pick<AuditLog, 'record'>;
  clock: Clock;
  log: { warn(fields: object, message: string): void };
  /** How long one request to a member may take (default 10 s). */
  requestTimeoutMs?: number;
  /** Target clusters worked on at once in one propagation's round. */
  parallelClusters?: number;
}

/**
 * A member's client whose single requests (apply, read, delete) give up after `ms`: a cluster that
 * accepts connections but does not answer (one starting up again) holds its round that long at most.
 */
function boundedRequests(client: KubeClient, ms: number): KubeClient {
  return {
    server: client.server,
    request: (request) => client.request({ timeoutMs: ms, ...request }),
    get: (path, query, signal) => client.get(path, query, signal),
    listPages: (path, options) => client.listPages(path, options),
    list: (path, options) => client.list(path, options),
    watch: (path, options) => client.watch(path, options),
    discover: (options) => client.discover(options),
    withHeaders: (headers) => client.withHeaders(headers),
    close: () => client.close(),
  };
}

/** Runs `work` over `items`, at most `limit` at a time. */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const documentOf = (stored: StoredPropagation) => stored.document as PropagationDocument;

/** The render and the reconcile round: everything the Propagations service does but scheduling. */
export function createEngine(deps: EngineDeps) {
  const { store } = deps;
  const kinds = new Map<string, { client: KubeClient; bounded: KubeClient; kinds: KindResolver }>();

  /** A cluster's client and kinds; discovery is cached while the client stays the same. */
  function memberOf(cluster: EngineCluster): Member | undefined {
    const client = deps.clientOf(cluster.id);
    if (!client) return undefined;
    let entry = kinds.get(cluster.id);
    if (entry?.client !== client) {
      entry = {
        client,
        bounded: boundedRequests(client, deps.requestTimeoutMs ?? 10_000),
        kinds: createKindResolver(client),
      };
      kinds.set(cluster.id, entry);
    }
    return { name: cluster.name, client: entry.bounded, kinds: entry.kinds };
  }

  /** The source's objects, or the Error that says why they cannot be read now. */
  async function readBase(
    document: PropagationDocument,
    clusters: EngineCluster[],
  ): Promise<RenderedObject[] | Error> {
    const selectors = document.spec.resources ?? [];
    if (!selectors.length) return baseObjects(document, []);
    const sourceName = document.spec.source?.cluster ?? '';
    const source = clusters.find((c) => c.name === sourceName);
    if (!source) return new WordedError(wording('reason.source-missing', { source: sourceName }));
    const member = memberOf(source);
    if (!member) return new WordedError(wording('reason.source-unreachable', { source: sourceName }));
    try {
      const read = await readSourceObjects(member, selectors, document.spec.includeDependencies !== false);
      return baseObjects(document, read);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return new WordedError(wording('reason.source-failed', { source: sourceName, detail }));
    }
  }

  /** Ready replicas of a workload on a cluster, from the synced store. */
  async function readyCounts(objects: readonly RenderedObject[], clusters: readonly EngineCluster[]) {
    const counts = new Map<string, number>();
    const reads: Promise<void>[] = [];
    for (const { object } of objects) {
      const identity = identityOf(object);
      const type = isScaledWorkload(identity) ? storedTypeOf(identity) : undefined;
      if (!type) continue;
      for (const cluster of clusters) {
        reads.push(
          store.resources
            .get(cluster.id, { ...type, namespace: identity.namespace, name: identity.name })
            .then((row) => {
              const ready = (row?.object as { status?: { readyReplicas?: unknown } } | undefined)?.status
                ?.readyReplicas;
              counts.set(`${keyOf(identity)}@${cluster.name}`, typeof ready === 'number' ? ready : 0);
            }),
        );
      }
    }
    await Promise.all(reads);
    return (workload: string, cluster: string) => counts.get(`${workload}@${cluster}`);
  }

  /** Everything a round or a preview needs: targets, rendered objects, replicas. */
  async function prepare(
    document: PropagationDocument,
    stored: StoredPropagation | undefined,
    deleting: boolean,
  ) {
    const capacity = document.spec.placement.replicas?.mode === 'Capacity';
    const clusters = await clusterFacts(store, capacity);
    const targets = deleting ? [] : selectClusters(document.spec.placement.clusters, clusters);
    const targetFacts = clusters.filter((c) => targets.includes(c.name));
    const owned = stored ? await store.propagations.objects({ propagation: stored.name }) : [];
    const base = deleting ? [] : await readBase(document, clusters);
    const objects = base instanceof Error ? [] : base;
    const planned: PlannedReplicas = planReplicas({
      document,
      objects,
      targets: targetFacts,
      source: document.spec.resources?.length ? document.spec.source?.cluster : undefined,
      now: deps.clock(),
      stored: stored?.failover ?? {},
      ready: await readyCounts(objects, targetFacts),
    });
    const generation = stored?.generation ?? document.metadata.generation ?? 1;
    const ownedOn = (cluster: string) => owned.filter((o) => o.cluster === cluster);
    const rendered = renderTargets({
      document,
      generation,
      clusters,
      targets,
      base,
      plan: planned.plan,
      appliedBefore: ownedOn,
    });
    // Clusters no longer targeted that still hold what Portolan applied: everything there goes.
    for (const cluster of new Set(owned.map((o) => o.cluster))) {
      if (targets.includes(cluster)) continue;
      rendered.push({
        cluster,
        objects: [],
        removals: ownedOn(cluster).map(({ apiVersion, kind, namespace, name }) => ({
          apiVersion,
          kind,
          name,
          ...(namespace ? { namespace } : {}),
        })),
      });
    }
    return { clusters, targets, owned, rendered, planned, generation, readable: !(base instanceof Error) };
  }

  /** `Kind/namespace/name` of the workloads HPAs scale on a cluster (synced) or in the rendered objects. */
  async function autoscaledOn(cluster: EngineCluster, rendered: RenderedTarget): Promise<Set<string>> {
    const scaled = new Set<string>();
    if (!rendered.objects.some((o) => isScaledWorkload(identityOf(o.object)))) return scaled;
    const add = (object: unknown, namespace: string) => {
      const ref =
        isPlainObject(object) && isPlainObject(object.spec) ? object.spec.scaleTargetRef : undefined;
      if (isPlainObject(ref) && typeof ref.kind === 'string' && typeof ref.name === 'string')
        scaled.add(describeObject({ kind: ref.kind, namespace, name: ref.name }));
    };
    const namespaces = [
      ...new Set(rendered.objects.map((o) => o.object.metadata?.namespace ?? '').filter(Boolean)),
    ];
    const page = await store.resources.search({
      clusterIds: [cluster.id],
      types: [{ group: 'autoscaling', resource: 'horizontalpodautoscalers' }],
      namespaces,
      limit: 1000,
    });
    for (const row of page.items) add(row.object, row.namespace);
    for (const { object } of rendered.objects)
      if (object.kind === 'HorizontalPodAutoscaler') add(object, object.metadata?.namespace ?? '');
    return scaled;
  }

  /**
   * What in a namespace no propagation put there, from the synced store: objects without an owner
   * (pods of a Deployment, a Service's EndpointSlices have one) and without Portolan's label, but
   * for what every namespace has (its root CA ConfigMap, its default ServiceAccount) and events.
   */
  async function strangersIn(cluster: EngineCluster, namespace: string): Promise<string[]> {
    const page = await store.resources.search({
      clusterIds: [cluster.id],
      namespaces: [namespace],
      limit: 500,
      objects: 'none',
    });
    return page.items
      .filter((row) => !row.ownerUid && !row.labels[PROPAGATION_LABEL])
      .filter((row) => row.kind !== 'Event')
      .filter((row) => !(row.kind === 'ConfigMap' && row.name === 'kube-root-ca.crt'))
      .filter((row) => !(row.kind === 'ServiceAccount' && row.name === 'default'))
      .map((row) => `${row.kind}/${row.name}`);
  }

  async function addEvent(propagation: string, input: EventInput) {
    await store.propagations.addEvent({
      id: randomUUID(),
      at: deps.clock(),
      propagation,
      cluster: input.cluster ?? null,
      type: input.type,
      reason: input.reason,
      message: input.message,
      messageWording: input.wording ?? null,
      object: input.object ?? null,
    });
  }

  /** Failover's moves of this round: an event each, and an audit entry each. */
  async function recordMoves(name: string, planned: PlannedReplicas, clusters: readonly EngineCluster[]) {
    for (const move of planned.moves) {
      const from = clusters.find((c) => c.name === move.from);
      const reason = from?.status === 'Offline' ? 'FailoverMoved' : 'FailbackMoved';
      const [, kind = '', namespace = '', workload = ''] = move.workload.split('|');
      const what = describeObject({ kind, namespace, name: workload });
      const message = `${move.replicas} replicas of ${what} moved from ${move.from} to ${move.to}: ${move.reason}`;
      const params = { replicas: move.replicas, workload: what, from: move.from, to: move.to };
      await addEvent(name, {
        cluster: move.to,
        type: reason === 'FailoverMoved' ? 'Warning' : 'Normal',
        reason,
        message,
        wording: wording(move.reasonCode, { ...params, ...move.reasonParams }),
        object: describeObject({ kind, namespace, name: workload }),
      });
      await deps.audit
        .record({
          action: reason === 'FailoverMoved' ? 'propagation.failover' : 'propagation.failback',
          outcome: 'allowed',
          actor: 'portolan',
          verb: 'update',
          route: 'propagation-controller',
          resourceKind: kind,
          resourceName: `${name}: ${namespace}/${workload}`,
          cluster: move.to,
          namespace: namespace || null,
          detail: message,
        })
        .catch((error: unknown) =>
          deps.log.warn({ err: error, propagation: name }, 'audit: a failover move could not be recorded'),
        );
    }
  }

  /**
   * One round of one propagation: every target cluster (in parallel, bounded) gets what is rendered
   * for it and loses what no longer is; a deleting propagation goes once nothing it applied is left.
   * Answers in how many ms another round is due regardless of changes (a target's failover grace
   * ends then), or undefined.
   */
  async function reconcile(name: string): Promise<number | undefined> {
    const stored = await store.propagations.get(name);
    if (!stored) return undefined;
    const document = documentOf(stored);
    const { clusters, owned, rendered, planned, generation, readable } = await prepare(
      document,
      stored,
      stored.deleting,
    );
    const may = await authorWrites(store.iam, stored.updatedBy);
    const previous = new Map((await store.propagations.targets(name)).map((t) => [t.cluster, t]));
    const byName = new Map(clusters.map((c) => [c.name, c]));
    await eachLimited(rendered, deps.parallelClusters ?? 8, async (target) => {
      const cluster = byName.get(target.cluster);
      await runTargetRound({
        propagation: name,
        generation,
        suspended: document.spec.suspended === true,
        rendered: target,
        cluster,
        member: cluster ? memberOf(cluster) : undefined,
        may,
        owned: owned.filter((o) => o.cluster === target.cluster),
        previous: previous.get(target.cluster),
        autoscaled: cluster ? await autoscaledOn(cluster, target) : new Set(),
        strangersIn: (namespace) => (cluster ? strangersIn(cluster, namespace) : Promise.resolve([])),
        moved: movedReplicas(planned.state, target.cluster),
        store: store.propagations,
        now: deps.clock,
        event: (event) => addEvent(name, event),
      });
    });
    // Targets that are neither rendered nor hold anything: gone from the status.
    for (const cluster of previous.keys())
      if (!rendered.some((t) => t.cluster === cluster)) await store.propagations.deleteTarget(name, cluster);
    // Failover's memory moves on only with a round that applied: an unreadable source plans nothing,
    // and a suspended propagation applies nothing, so neither may forget what stands in for whom.
    if (document.spec.failover?.enabled && readable && !document.spec.suspended) {
      await recordMoves(name, planned, clusters);
      await store.propagations.setFailover(name, planned.state);
    }
    if (stored.deleting) {
      const left = await store.propagations.objects({ propagation: name });
      if (left.length === 0) await store.propagations.delete(name);
      return undefined;
    }
    await store.propagations.setObserved(name, generation);
    return graceEndsIn(
      document,
      clusters.filter((c) => rendered.some((t) => t.cluster === c.name)),
    );
  }

  /** Until the first Offline target's failover grace ends (its replicas move then), in ms. */
  function graceEndsIn(document: PropagationDocument, targets: EngineCluster[]): number | undefined {
    const failover = document.spec.failover;
    if (!failover?.enabled) return undefined;
    const now = deps.clock().getTime();
    const ends = targets
      .filter((c) => c.status === 'Offline' && c.offlineSince)
      .map((c) => (c.offlineSince as Date).getTime() + (failover.graceSeconds ?? 60) * 1000 - now)
      .filter((ms) => ms > 0);
    // A little after, so the round sees the grace as over.
    return ends.length ? Math.min(...ends) + 50 : undefined;
  }

  return {
    reconcile,
    async render(document: PropagationDocument): Promise<RenderedTarget[]> {
      const stored = await store.propagations.get(document.metadata.name);
      return (await prepare(document, stored, false)).rendered;
    },
    async targetsOf(document: PropagationDocument): Promise<string[]> {
      return selectClusters(document.spec.placement.clusters, await clusterFacts(store, false));
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;

import type { ClusterFreshness, SearchAnswer, SearchItem } from '@portolan/api';
import { type ScopeList, seesCluster, type VisibleScopes } from '#server/iam/authorize.ts';
import { matchesLabels, parseLabelSelector } from '#server/store/resources/labels.ts';
import type {
  Cluster,
  SearchObjects,
  SearchPage,
  SearchQuery,
  SortField,
  Store,
  StoredResource,
  Within,
  WithinScopes,
} from '#server/store/store.ts';
import { resolveKinds } from './known-kinds.ts';
import { FieldsError, type FieldTree, parseFields, project } from './object-fields.ts';

/** What a caller asks: names and selectors as users write them. */
export interface SearchParams {
  kinds: string[];
  clusters?: string[];
  clusterSelector?: string;
  namespaces?: string[];
  labelSelector?: string;
  name?: string;
  nameContains?: string;
  owner?: string;
  node?: string;
  phases?: string[];
  /** An event's reason, exactly. */
  reason?: string;
  sort?: SortField;
  order?: 'asc' | 'desc';
  limit?: number;
  continue?: string;
  /** Leave the objects out and return only the row fields (smaller pages). */
  withoutObjects?: boolean;
  /** Comma-separated paths (status.phase,spec.nodeName): each object keeps only these, nested as before. */
  fields?: string;
}

/** The answer's shapes are the public API's, defined once in @portolan/api. */
export type { ClusterFreshness, SearchItem };
export type SearchResult = SearchAnswer;

export class SearchError extends Error {
  override name = 'SearchError';
  readonly field: string;
  /** Close matches of a name that matched nothing. */
  readonly suggestions: string[] | undefined;
  constructor(field: string, message: string, suggestions?: string[]) {
    super(message);
    this.field = field;
    this.suggestions = suggestions;
  }
}

/**
 * Chooses clusters by name or by their labels; all when neither is given. With `visible`, only
 * clusters the caller sees at all (whole or some namespaces) exist: one named that the caller cannot
 * see is refused exactly like one that does not exist, so the answer does not tell them apart.
 * Leave `visible` out only where the caller may see every cluster.
 */
export async function resolveClusters(
  store: Store,
  names?: string[],
  selector?: string,
  visible?: VisibleScopes,
): Promise<Cluster[]> {
  const all = (await store.clusters.list()).filter(
    (cluster) => !visible || seesCluster(visible, cluster.name),
  );
  let chosen = all;
  if (names?.length) {
    const unknown = names.filter((name) => !all.some((cluster) => cluster.name === name));
    if (unknown.length) {
      throw new SearchError(
        'clusters',
        `no cluster named ${unknown.map((n) => `"${n}"`).join(', ')}; GET /api/v1/clusters lists them`,
      );
    }
    chosen = chosen.filter((cluster) => names.includes(cluster.name));
  }
  if (selector) {
    let requirements: ReturnType<typeof parseLabelSelector>;
    try {
      requirements = parseLabelSelector(selector);
    } catch (error) {
      throw new SearchError('clusterSelector', error instanceof Error ? error.message : String(error));
    }
    chosen = chosen.filter((cluster) => matchesLabels(cluster.labels, requirements));
  }
  return chosen;
}

/** How fresh each cluster's rows of the given types are. */
export async function freshnessOf(
  store: Store,
  chosen: Cluster[] | Promise<Cluster[]>,
  types: { group: string; resource: string }[],
): Promise<ClusterFreshness[]> {
  // One query for all clusters (the states of the searched types: clusters × types), read beside the
  // clusters when they are still on their way.
  const statesRead = store.syncStates.list(undefined, types.length > 0 ? types : undefined);
  statesRead.catch(() => undefined);
  const clusters = await chosen;
  if (clusters.length === 0) return [];
  const byCluster = new Map<string, Awaited<ReturnType<Store['syncStates']['list']>>>();
  for (const state of await statesRead) {
    const states = byCluster.get(state.clusterId);
    if (states) states.push(state);
    else byCluster.set(state.clusterId, [state]);
  }
  return clusters.map((cluster) => {
    const states = (byCluster.get(cluster.id) ?? []).filter(
      (state) =>
        types.length === 0 ||
        types.some((type) => type.group === state.group && type.resource === state.resource),
    );
    const failed = states.find((state) => state.error);
    const pending = types.length > 0 && states.filter((state) => state.resourceVersion).length < types.length;
    const times = states.map((state) => state.lastEventAt?.getTime() ?? 0).filter((time) => time > 0);
    const base = {
      name: cluster.name,
      lastSeenAt: cluster.lastSeenAt?.toISOString() ?? null,
      syncedAt: times.length ? new Date(Math.min(...times)).toISOString() : null,
      reasonCode: null,
      reasonParams: null,
      failedResource: null,
      syncReasonCode: null,
      syncReasonParams: null,
    };
    if (cluster.status === 'Offline') {
      return {
        ...base,
        status: 'stale' as const,
        error: `cluster is Offline: ${cluster.reason ?? 'no answer'}`,
        // The cluster's own reason as a code and values, for the console to word.
        reasonCode: cluster.reason ? cluster.reasonCode : null,
        reasonParams: cluster.reason ? cluster.reasonParams : null,
      };
    }
    if (failed) {
      const resource = failed.group ? `${failed.resource}.${failed.group}` : failed.resource;
      return {
        ...base,
        status: 'failed' as const,
        error: `${failed.resource}: ${failed.error}`,
        // The type's reason as a code and values, for the console to word.
        failedResource: resource,
        syncReasonCode: failed.reasonCode ?? null,
        syncReasonParams: failed.reasonParams ?? null,
      };
    }
    if (pending) return { ...base, status: 'syncing' as const, error: null };
    return { ...base, status: 'fresh' as const, error: null };
  });
}

function toItem(row: StoredResource, clusterName: string, withObject: boolean): SearchItem {
  const item: SearchItem = {
    cluster: clusterName,
    group: row.group,
    version: row.version,
    resource: row.resource,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    uid: row.uid,
    resourceVersion: row.resourceVersion,
    labels: row.labels,
    ownerUid: row.ownerUid,
    nodeName: row.nodeName,
    phase: row.phase,
    createdAt: row.createdAt?.toISOString() ?? null,
  };
  if (withObject) item.object = row.object;
  return item;
}

/**
 * The store restriction for what a caller sees of `clusters` (ids for the names the grants use):
 * undefined when the caller sees everything, Secrets included.
 */
export function withinOf(visible: VisibleScopes, clusters: Cluster[]): Within | undefined {
  if (visible.all && !visible.secrets) return undefined;
  const idOf = new Map(clusters.map((cluster) => [cluster.name, cluster.id]));
  const ids = (scopes: ScopeList): WithinScopes => ({
    clusterIds: scopes.clusters.flatMap((name) => idOf.get(name) ?? []),
    namespaces: scopes.namespaces.flatMap(({ cluster, namespace }) => {
      const clusterId = idOf.get(cluster);
      return clusterId ? [{ clusterId, namespace }] : [];
    }),
  });
  const rows: Within = visible.all
    ? { everyCluster: true, clusterIds: clusters.map((cluster) => cluster.id), namespaces: [] }
    : ids(visible);
  return visible.secrets ? { ...rows, secrets: ids(visible.secrets) } : rows;
}

/** The tree of `fields`, or a 400 naming the path at fault; undefined when all of each object is asked. */
function fieldsOf(params: SearchParams): FieldTree | undefined {
  if (params.fields === undefined || params.withoutObjects) return undefined;
  try {
    return parseFields(params.fields);
  } catch (error) {
    if (error instanceof FieldsError) throw new SearchError('fields', error.message);
    throw error;
  }
}

interface Found {
  page: SearchPage;
  names: Map<string, string>;
  freshness: ClusterFreshness[];
}

async function find(
  store: Store,
  params: SearchParams,
  visible: VisibleScopes,
  objects: SearchObjects,
): Promise<Found> {
  // Fails closed: a caller written before visibility existed must not see everything by accident.
  if (!visible) throw new Error("searchResources needs the caller's visibility: pass visibleScopes(caller)");
  if (!params.kinds.some((kind) => kind.trim())) {
    throw new SearchError(
      'kinds',
      'name at least one kind (pods, apps/deployments, …) or a collection (workloads, network, …)',
    );
  }
  const clustersRead = resolveClusters(store, params.clusters, params.clusterSelector, visible);
  // Its refusal (a cluster that does not exist) is met where it is awaited below, not unhandled before.
  clustersRead.catch(() => undefined);
  // A caller who sees every cluster whole and asks for them all searches with no cluster filter: the
  // page is read beside the cluster list, not after it, and the store need not check that the list
  // covers every cluster with rows.
  const everyCluster = !params.clusters?.length && !params.clusterSelector && visible.all && !visible.secrets;
  const reading = await resolveKinds(store, params.kinds, async () =>
    (await clustersRead).map((cluster) => cluster.id),
  );
  const [unknown] = reading.unknown;
  if (unknown) {
    const hint = unknown.suggestions.length
      ? `; did you mean ${unknown.suggestions.map((name) => `"${name}"`).join(', ')}?`
      : '; name a Kind (Deployment), a plural (deployments), a short name (deploy), plural.group or a collection (workloads, network, config, storage, rbac)';
    throw new SearchError(
      'kinds',
      `no cluster searched has a kind "${unknown.name}"${hint}`,
      unknown.suggestions,
    );
  }
  const types = reading.types;
  const chosen = everyCluster ? undefined : await clustersRead;
  if (chosen?.length === 0) {
    return { page: { items: [], remaining: 0, estimated: false }, names: new Map(), freshness: [] };
  }
  const query: SearchQuery = { types, objects };
  if (chosen) {
    query.clusterIds = chosen.map((cluster) => cluster.id);
    const within = withinOf(visible, chosen);
    if (within) query.within = within;
  }
  if (params.namespaces?.length) query.namespaces = params.namespaces;
  if (params.labelSelector) {
    try {
      query.labelSelector = parseLabelSelector(params.labelSelector);
    } catch (error) {
      throw new SearchError('labelSelector', error instanceof Error ? error.message : String(error));
    }
  }
  if (params.name) query.name = params.name;
  if (params.nameContains) query.nameContains = params.nameContains;
  if (params.owner) query.ownerUid = params.owner;
  if (params.node) query.nodeName = params.node;
  if (params.phases?.length) query.phases = params.phases;
  if (params.reason) query.reason = params.reason;
  if (params.sort) query.sort = params.sort;
  if (params.order) query.order = params.order;
  query.limit = params.limit ?? 100;
  if (params.continue) query.continue = params.continue;
  // Every check is done: the clusters' freshness is read beside the page (on PostgreSQL, on another
  // connection at the same time), not before it.
  const [page, clusters, freshness] = await Promise.all([
    store.resources.search(query),
    clustersRead,
    freshnessOf(store, clustersRead, types),
  ]);
  const names = new Map(clusters.map((cluster) => [cluster.id, cluster.name]));
  // Rows of a cluster added or removed while the page was read are left out, as a search a moment
  // earlier would have left them.
  if (everyCluster && page.items.some((row) => !names.has(row.clusterId)))
    return {
      page: { ...page, items: page.items.filter((row) => names.has(row.clusterId)) },
      names,
      freshness,
    };
  return { page, names, freshness };
}

/**
 * One query over the stored rows of any kinds across any clusters; a bad cluster never fails it.
 * `visible` (visibleScopes of the caller) limits it to the clusters and namespaces the caller may see.
 */
export async function searchResources(
  store: Store,
  params: SearchParams,
  visible: VisibleScopes,
): Promise<SearchResult> {
  const fields = fieldsOf(params);
  const { page, names, freshness } = await find(
    store,
    params,
    visible,
    params.withoutObjects ? 'none' : 'decoded',
  );
  const result: SearchResult = {
    items: page.items.map((row) => {
      const item = toItem(row, names.get(row.clusterId) ?? row.clusterId, !params.withoutObjects);
      if (fields) item.object = project(row.object, fields) ?? null;
      return item;
    }),
    remaining: page.remaining,
    estimated: page.estimated,
    clusters: freshness,
  };
  if (page.continue) result.continue = page.continue;
  return result;
}

/**
 * searchResources answered as the JSON text of its SearchResult, in one Buffer. The objects are
 * written as the store keeps them, never parsed and serialized again: for a page of whole objects, most
 * of the work. The pieces go straight into the Buffer, which lives outside V8's heap: joined into one
 * string first, the text was copied three times on the heap (joined, flattened, encoded) before it
 * reached the socket, and a page of whole objects is 700 KB.
 */
export async function searchResourcesJson(
  store: Store,
  params: SearchParams,
  visible: VisibleScopes,
): Promise<Buffer> {
  const withObjects = !params.withoutObjects;
  const fields = fieldsOf(params);
  const { page, names, freshness } = await find(store, params, visible, withObjects ? 'json' : 'none');
  const pieces: string[] = ['{"items":['];
  page.items.forEach((row, at) => {
    const json = JSON.stringify(toItem(row, names.get(row.clusterId) ?? row.clusterId, false));
    if (at > 0) pieces.push(',');
    if (!withObjects) {
      pieces.push(json);
      return;
    }
    // With `fields` each object is parsed to be cut down: more work here, far fewer bytes to send and read.
    const object =
      fields && row.objectJson
        ? JSON.stringify(project(JSON.parse(row.objectJson), fields) ?? null)
        : row.objectJson;
    pieces.push(json.slice(0, -1), ',"object":', object ?? 'null', '}');
  });
  const rest = JSON.stringify({
    ...(page.continue ? { continue: page.continue } : {}),
    remaining: page.remaining,
    estimated: page.estimated,
    clusters: freshness,
  });
  pieces.push('],', rest.slice(1));
  return utf8Buffer(pieces);
}

/** The pieces' UTF-8 bytes one after another, in a Buffer of exactly their length. */
function utf8Buffer(pieces: string[]): Buffer {
  let bytes = 0;
  for (const piece of pieces) bytes += Buffer.byteLength(piece, 'utf8');
  const buffer = Buffer.allocUnsafe(bytes);
  let at = 0;
  for (const piece of pieces) at += buffer.write(piece, at, 'utf8');
  // Never the unwritten end of an unzeroed allocation, should a piece have written fewer bytes.
  return at === bytes ? buffer : buffer.subarray(0, at);
}

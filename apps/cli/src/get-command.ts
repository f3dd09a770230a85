import { nameOf, namespaceOf, text } from '@portolan/kinds';
import { type ApiClient, ApiError, describeApiError, segments } from './api-client.ts';
import { apiFor, type CommandContext } from './command-context.ts';
import { GET_USAGE, type GetOptions, type GetRequest, parseGetArgs } from './get-args.ts';
import { groupOf, type KindRef, qualifiedKind, resolveKind, routeKindOf, searchKindOf } from './kinds.ts';
import { isPropagationKind, runGetPropagations } from './propagation-commands.ts';
import { type ListedObject, showObjects } from './resource-output.ts';
import {
  type ClusterFreshness,
  freshnessWarnings,
  type SearchItem,
  type SearchQuery,
  searchAll,
} from './search-client.ts';

export { GET_USAGE };

interface Found {
  items: ListedObject[];
  clusters: ClusterFreshness[];
  missing: string[];
}

const listed = (item: SearchItem): ListedObject => ({
  cluster: item.cluster,
  resource: item.resource,
  kind: item.kind,
  group: item.group,
  namespace: item.namespace,
  name: item.name,
  object: item.object,
});

/** One object per name, read live from the one cluster named. */
async function getLive(
  api: ApiClient,
  cluster: string,
  request: GetRequest,
  namespace: string,
  err: (line: string) => void,
): Promise<Found> {
  const found: Found = { items: [], clusters: [], missing: [] };
  for (const name of request.names) {
    try {
      const path = `/api/v1/clusters/${segments(cluster, 'resources', routeKindOf(request.kind), name)}`;
      const object = await api.get<Record<string, unknown>>(path, { namespace });
      const kind = text(object, 'kind');
      found.items.push({
        cluster,
        resource: request.kind.known?.resource ?? resolveKind(kind).known?.resource ?? '',
        kind,
        group: groupOf(text(object, 'apiVersion')),
        namespace: namespaceOf(object),
        name: nameOf(object),
        object,
      });
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 404 || error.code === 'unknown-kind') throw error;
      for (const line of describeApiError(error)) err(line);
      found.missing.push(name);
    }
  }
  return found;
}

function baseQuery(options: GetOptions, kind: KindRef): SearchQuery {
  const query: SearchQuery = { kinds: searchKindOf(kind) };
  if (options.clusters.length) query.clusters = options.clusters.join(',');
  if (options.clusterSelector) query.clusterSelector = options.clusterSelector;
  if (options.selector) query.labelSelector = options.selector;
  if (options.sortBy) query.sort = options.sortBy;
  return query;
}

/** Rows from the store; names are looked up one by one. */
async function getStored(
  api: ApiClient,
  options: GetOptions,
  request: GetRequest,
  namespace: string,
): Promise<Found> {
  const query = baseQuery(options, request.kind);
  const scoped = !options.allNamespaces && request.kind.known?.namespaced !== false;
  if (scoped) query.namespaces = namespace;
  const run = async (extra: Partial<SearchQuery>) => searchAll(api, { ...query, ...extra }, options.limit);
  const found: Found = { items: [], clusters: [], missing: [] };
  for (const name of request.names.length ? request.names : [undefined]) {
    let page = await run(name ? { name } : {});
    // A custom kind the CLI does not know may be cluster-scoped: look again outside namespaces.
    if (page.items.length === 0 && scoped && !request.kind.known && options.namespace === undefined) {
      const anywhere = await run({ ...(name ? { name } : {}), namespaces: undefined });
      page = { ...anywhere, items: anywhere.items.filter((item) => item.namespace === '') };
    }
    found.items.push(...page.items.map(listed));
    if (found.clusters.length === 0) found.clusters = page.clusters;
    if (name && page.items.length === 0) found.missing.push(name);
  }
  return found;
}

export async function runGet(argv: string[], context: CommandContext): Promise<number> {
  const { args, options } = parseGetArgs(argv);
  // Propagations are Portolan's own, not a cluster's: they have a route and columns of their own.
  if (isPropagationKind(args.positionals[0]?.split('/')[0])) return runGetPropagations(argv, context);
  if (args.values.help) {
    context.out(GET_USAGE);
    return 0;
  }
  const api = apiFor(args, context);
  const fromEnv = context.env.PORTOLAN_CLUSTER;
  if (fromEnv && !options.clusters.length && !options.allClusters && !options.clusterSelector) {
    options.clusters = [fromEnv];
  }
  const namespace = options.namespace ?? context.env.PORTOLAN_NAMESPACE ?? 'default';
  const now = context.now();
  const live = options.clusters.length === 1 && !options.clusterSelector;
  const warned = new Set<string>();
  const results: { request: GetRequest; found: Found }[] = [];
  for (const request of options.requests) {
    const found =
      live && request.names.length > 0
        ? await getLive(api, options.clusters[0] ?? '', request, namespace, context.err)
        : await getStored(api, options, request, namespace);
    for (const line of freshnessWarnings(found.clusters)) {
      if (!warned.has(line)) context.err(line);
      warned.add(line);
    }
    results.push({ request, found });
  }
  const all = results.flatMap((result) => result.found.items);
  const showCluster = new Set(results.flatMap((result) => result.found.clusters.map((c) => c.name))).size > 1;
  const format = options.format;
  const shared = { format, showCluster, now, kindPrefix: options.requests.length > 1 };
  if (format === 'json' || format === 'yaml') {
    const asked = options.requests.reduce((sum, request) => sum + request.names.length, 0);
    showObjects(all, { ...shared, showNamespace: false, single: asked === 1 }, context.write);
  } else {
    let first = true;
    for (const { found } of results) {
      if (found.items.length === 0) continue;
      if (!first && format !== 'name') context.write('\n');
      first = false;
      const showNamespace = options.allNamespaces && found.items.some((item) => item.namespace !== '');
      showObjects(found.items, { ...shared, showNamespace }, context.write);
    }
    const listing = options.requests.every((request) => request.names.length === 0);
    if (all.length === 0 && listing) {
      const namespaced =
        !options.allNamespaces && options.requests.some((r) => r.kind.known?.namespaced !== false);
      context.err(namespaced ? `No resources found in ${namespace} namespace.` : 'No resources found');
    }
  }
  let missing = 0;
  for (const { request, found } of results) {
    if (live) {
      missing += found.missing.length;
      continue;
    }
    for (const name of found.missing) {
      missing += 1;
      const kind = request.kind.known
        ? qualifiedKind(request.kind.known.resource, request.kind.known.group)
        : request.kind.typed;
      context.err(
        `error: ${kind} "${name}" not found${request.kind.known?.namespaced === false ? '' : ` in namespace "${namespace}"`}`,
      );
    }
  }
  return missing > 0 ? 1 : 0;
}

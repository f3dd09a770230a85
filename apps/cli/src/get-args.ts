import {
  COMMON_OPTIONS,
  flagOption,
  integerOption,
  listOption,
  oneOf,
  type ParsedArgs,
  parseCommandArgs,
  stringOption,
} from './cli-args.ts';
import { type KindRef, resolveKind } from './kinds.ts';
import { UsageError } from './output.ts';
import { OUTPUT_FORMATS, type OutputFormat } from './resource-output.ts';

export const GET_USAGE = `Usage: portolan get KIND[,KIND…] [NAME…] [options]
       portolan get KIND/NAME… [options]

Lists come from Portolan's store (all clusters unless told otherwise); one NAME in one --cluster
is read live from the cluster.

Options:
  -n, --namespace NS          namespace (default: default, or $PORTOLAN_NAMESPACE)
  -A, --all-namespaces        every namespace
  -l, --selector SELECTOR     label selector, e.g. app=web,tier!=db
      --cluster NAME[,NAME]   only these clusters (or $PORTOLAN_CLUSTER)
      --all-clusters          every registered cluster (the default for lists)
      --cluster-selector SEL  clusters whose labels match, e.g. env=prod
  -o, --output FORMAT         json, yaml, wide or name (default: a table)
      --sort-by FIELD         name, created, namespace or cluster
      --limit N               at most N objects
      --server URL            Portolan server (default $PORTOLAN_SERVER or http://127.0.0.1:8080)

Across several clusters the table gains a CLUSTER column, -o name prints CLUSTER/KIND/NAME and
JSON/YAML objects carry the annotation portolan.io/cluster.`;

const GET_OPTIONS = {
  ...COMMON_OPTIONS,
  cluster: { type: 'string', multiple: true },
  'all-clusters': { type: 'boolean' },
  'cluster-selector': { type: 'string' },
  namespace: { type: 'string', short: 'n' },
  'all-namespaces': { type: 'boolean', short: 'A' },
  selector: { type: 'string', short: 'l' },
  output: { type: 'string', short: 'o' },
  'sort-by': { type: 'string' },
  limit: { type: 'string' },
} as const;

/** One kind and the names asked for (none: list them all). */
export interface GetRequest {
  kind: KindRef;
  names: string[];
}

export interface GetOptions {
  requests: GetRequest[];
  clusters: string[];
  allClusters: boolean;
  clusterSelector?: string;
  namespace?: string;
  allNamespaces: boolean;
  selector?: string;
  format: OutputFormat;
  sortBy?: 'name' | 'created' | 'namespace' | 'cluster';
  limit?: number;
}

/** `pods`, `pods,deploy`, `pods web db` or `pod/web deploy/api` → what to get. */
export function parseGetTargets(positionals: string[]): GetRequest[] {
  const [first, ...names] = positionals;
  if (!first) throw new UsageError('name a kind to get, e.g. `portolan get pods`');
  const slashed = positionals.filter((arg) => arg.includes('/') && !resolveKind(arg).known);
  if (slashed.length > 0) {
    if (slashed.length !== positionals.length) {
      throw new UsageError('give either KIND/NAME for every object, or one KIND then names');
    }
    const byKind = new Map<string, GetRequest>();
    for (const arg of positionals) {
      const slash = arg.indexOf('/');
      const kind = arg.slice(0, slash);
      const name = arg.slice(slash + 1);
      if (!kind || !name) throw new UsageError(`"${arg}" must look like KIND/NAME`);
      const request = byKind.get(kind) ?? { kind: resolveKind(kind), names: [] };
      request.names.push(name);
      byKind.set(kind, request);
    }
    return [...byKind.values()];
  }
  const kinds = first.split(',').filter(Boolean);
  if (kinds.length > 1 && names.length > 0) {
    throw new UsageError('with names, give one kind (or KIND/NAME for each object)');
  }
  return kinds.map((kind) => ({ kind: resolveKind(kind), names }));
}

export function parseGetArgs(argv: string[]): { args: ParsedArgs; options: GetOptions } {
  const args = parseCommandArgs(argv, GET_OPTIONS);
  if (flagOption(args, 'help'))
    return {
      args,
      options: { requests: [], clusters: [], allClusters: false, allNamespaces: false, format: 'table' },
    };
  const clusters = listOption(args, 'cluster').flatMap((value) => value.split(',').filter(Boolean));
  if (clusters.length > 0 && flagOption(args, 'all-clusters')) {
    throw new UsageError('give --cluster or --all-clusters, not both');
  }
  if (stringOption(args, 'namespace') !== undefined && flagOption(args, 'all-namespaces')) {
    throw new UsageError('give --namespace or --all-namespaces, not both');
  }
  const options: GetOptions = {
    requests: parseGetTargets(args.positionals),
    clusters,
    allClusters: flagOption(args, 'all-clusters'),
    allNamespaces: flagOption(args, 'all-namespaces'),
    format: oneOf('output', stringOption(args, 'output'), OUTPUT_FORMATS) ?? 'table',
  };
  const clusterSelector = stringOption(args, 'cluster-selector');
  if (clusterSelector !== undefined) options.clusterSelector = clusterSelector;
  const namespace = stringOption(args, 'namespace');
  if (namespace !== undefined) options.namespace = namespace;
  const selector = stringOption(args, 'selector');
  if (selector !== undefined) options.selector = selector;
  const sortBy = oneOf('sort-by', stringOption(args, 'sort-by'), [
    'name',
    'created',
    'namespace',
    'cluster',
  ] as const);
  if (sortBy) options.sortBy = sortBy;
  const limit = integerOption(args, 'limit', 1);
  if (limit !== undefined) options.limit = limit;
  return { args, options };
}

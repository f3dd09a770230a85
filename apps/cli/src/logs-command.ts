import { list, record, text } from '@portolan/kinds';
import { type ApiClient, segments } from './api-client.ts';
import {
  flagOption,
  integerOption,
  type ParsedArgs,
  parseCommandArgs,
  parseDuration,
  stringOption,
  TARGET_OPTIONS,
} from './cli-args.ts';
import {
  apiFor,
  type CommandContext,
  CommandFailed,
  chooseCluster,
  namespaceFor,
} from './command-context.ts';
import { resolveKind, WORKLOAD_RESOURCES } from './kinds.ts';
import { UsageError } from './output.ts';
import { workloadTarget } from './workload-target.ts';

export const LOGS_USAGE = `Usage: portolan logs POD|KIND/NAME [options]

Prints a container's log; with -f, keeps printing new lines until Ctrl-C. For KIND/NAME of a
workload (deploy/web) the first of its pods is used.

Options:
  -c, --container NAME   the container (default: the pod's default container, or its first)
      --tail N           only the last N lines
      --since DURATION   only lines newer than this, e.g. 30s, 5m, 1h
  -p, --previous         the previous instance of a restarted container
      --timestamps       start each line with its time
      --limit-bytes N    at most N bytes
  -f, --follow           keep streaming new lines
  -n, --namespace NS     namespace (default: default)
      --cluster NAME     the cluster (or $PORTOLAN_CLUSTER; may be left out when only one is registered)
      --server URL       Portolan server`;

const LOGS_OPTIONS = {
  ...TARGET_OPTIONS,
  container: { type: 'string', short: 'c' },
  tail: { type: 'string' },
  since: { type: 'string' },
  previous: { type: 'boolean', short: 'p' },
  timestamps: { type: 'boolean' },
  'limit-bytes': { type: 'string' },
  follow: { type: 'boolean', short: 'f' },
} as const;

export interface LogQuery {
  container?: string;
  tailLines?: number;
  sinceSeconds?: number;
  previous?: boolean;
  timestamps?: boolean;
  limitBytes?: number;
  follow?: boolean;
}

/** The log route's query from the flags; only what was given. */
export function logQueryOf(args: ParsedArgs): LogQuery {
  const query: LogQuery = {};
  const container = stringOption(args, 'container');
  if (container) query.container = container;
  const tail = integerOption(args, 'tail', 0);
  if (tail !== undefined) query.tailLines = tail;
  const since = stringOption(args, 'since');
  if (since !== undefined) query.sinceSeconds = parseDuration('since', since);
  const limitBytes = integerOption(args, 'limit-bytes', 1);
  if (limitBytes !== undefined) query.limitBytes = limitBytes;
  for (const flag of ['previous', 'timestamps', 'follow'] as const)
    if (flagOption(args, flag)) query[flag] = true;
  return query;
}

/** The pod to read: named, or the first pod of a named workload. */
async function podName(
  api: ApiClient,
  typed: string,
  cluster: string,
  namespace: string,
  context: CommandContext,
) {
  const slash = typed.indexOf('/');
  if (slash < 0) return typed;
  const kind = resolveKind(typed.slice(0, slash)).known;
  const name = typed.slice(slash + 1);
  if (kind?.resource === 'pods') return name;
  if (!kind || !WORKLOAD_RESOURCES.includes(kind.resource)) {
    throw new UsageError(`logs reads pods, or the pods of ${WORKLOAD_RESOURCES.join(', ')}`);
  }
  const target = workloadTarget({ kind, name }, cluster, namespace);
  const view = await api.get<{ pods: { name: string }[] }>(target.path);
  const first = view.pods[0]?.name;
  if (!first) throw new CommandFailed(`${target.label} has no pods`);
  if (view.pods.length > 1) context.err(`Found ${view.pods.length} pods, using pod/${first}`);
  return first;
}

/** kubectl's choice when no -c is given: the annotated default container, else the first. */
async function defaultContainer(
  api: ApiClient,
  cluster: string,
  namespace: string,
  pod: string,
  context: CommandContext,
) {
  const object = await api.get(`/api/v1/clusters/${segments(cluster, 'resources', 'pods', pod)}`, {
    namespace,
  });
  const names = list(object, 'spec', 'containers').map((container) => text(container, 'name'));
  if (names.length <= 1) return undefined;
  const annotated = record(object, 'metadata', 'annotations')['kubectl.kubernetes.io/default-container'];
  const chosen = annotated && names.includes(annotated) ? annotated : names[0];
  context.err(`Defaulted container "${chosen}" out of: ${names.join(', ')}`);
  return chosen;
}

export async function runLogs(argv: string[], context: CommandContext): Promise<number> {
  const args = parseCommandArgs(argv, LOGS_OPTIONS);
  if (flagOption(args, 'help')) {
    context.out(LOGS_USAGE);
    return 0;
  }
  const [typed, ...extra] = args.positionals;
  if (!typed) throw new UsageError('name the pod whose log to print');
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"; give the container with -c`);
  const query = logQueryOf(args);
  const api = apiFor(args, context);
  const cluster = await chooseCluster(api, args, context);
  const namespace = namespaceFor(args, context);
  const pod = await podName(api, typed, cluster, namespace, context);
  if (!query.container) {
    const container = await defaultContainer(api, cluster, namespace, pod, context);
    if (container) query.container = container;
  }
  const path = `/api/v1/clusters/${segments(cluster, 'pods', namespace, pod)}/logs`;
  // Ctrl-C ends the process; the server sees the connection close and ends the cluster's stream.
  const response = await api.raw(path, { ...query });
  if (!response.body) return 0;
  const decoder = new TextDecoder();
  for await (const chunk of response.body) context.write(decoder.decode(chunk, { stream: true }));
  context.write(decoder.decode());
  return 0;
}

import type { PropagationEventPage, PropagationList, PropagationView } from '@portolan/api';
import { ageOf } from '@portolan/kinds';
import YAML from 'yaml';
import { segments } from './api-client.ts';
import { COMMON_OPTIONS, flagOption, oneOf, parseCommandArgs, stringOption } from './cli-args.ts';
import { apiFor, type CommandContext } from './command-context.ts';
import { printTable, UsageError } from './output.ts';

/** `portolan get propagations` and `portolan describe propagation NAME` (issue #12). */

const KIND_NAMES = new Set(['propagation', 'propagations', 'prop', 'props', 'propagations.portolan.dev']);

/** Whether `portolan get WORD` asks for propagations rather than a Kubernetes kind. */
export const isPropagationKind = (word: string | undefined) =>
  word !== undefined && KIND_NAMES.has(word.toLowerCase());

export const GET_PROPAGATIONS_USAGE = `Usage: portolan get propagations [NAME…] [options]

Propagations (multi-cluster applications) you may see, with the target clusters you may read.

Options:
      --cluster NAME    only those that target this cluster
  -o, --output FORMAT   json, yaml or name (default: a table)
      --server URL      Portolan server`;

export const DESCRIBE_USAGE = `Usage: portolan describe propagation NAME [options]

A propagation in detail: its placement, each target cluster's state and reasons, its objects and
its latest events.

Options:
      --events N        how many events (default 20)
      --server URL      Portolan server`;

const GET_OPTIONS = {
  ...COMMON_OPTIONS,
  cluster: { type: 'string' },
  output: { type: 'string', short: 'o' },
} as const;

const replicasText = (replicas: { desired: number; ready: number } | undefined) =>
  replicas ? `${replicas.ready}/${replicas.desired}` : '-';

const targetsText = (view: PropagationView) => {
  const hidden = view.status.hiddenTargets ?? 0;
  return `${view.status.targets.length}${hidden ? ` (+${hidden} hidden)` : ''}`;
};

/** The rows of `portolan get propagations`: NAME, PHASE, TARGETS, READY/DESIRED, AGE. */
export function propagationRows(views: PropagationView[], now: Date): string[][] {
  return views.map((view) => [
    view.document.metadata.name,
    view.status.phase,
    targetsText(view),
    replicasText(view.status.replicas),
    ageOf(view.createdAt, now),
  ]);
}

export async function runGetPropagations(argv: string[], context: CommandContext): Promise<number> {
  const args = parseCommandArgs(argv, GET_OPTIONS);
  if (flagOption(args, 'help')) {
    context.out(GET_PROPAGATIONS_USAGE);
    return 0;
  }
  const format = oneOf('output', stringOption(args, 'output') ?? 'table', ['table', 'json', 'yaml', 'name']);
  // `get propagations a b` or `get propagation/a propagation/b`.
  const [first = '', ...rest] = args.positionals;
  const names = first.includes('/')
    ? args.positionals.map((arg) => arg.slice(arg.indexOf('/') + 1)).filter(Boolean)
    : rest;
  const api = apiFor(args, context);
  const cluster = stringOption(args, 'cluster');
  let views: PropagationView[];
  if (names.length) {
    views = [];
    for (const name of names)
      views.push(await api.get<PropagationView>(`/api/v1/propagations/${segments(name)}`));
  } else {
    views = (await api.get<PropagationList>('/api/v1/propagations', { cluster, limit: 500 })).items;
  }
  if (format === 'json' || format === 'yaml') {
    const value = names.length === 1 ? views[0] : { items: views };
    context.write(format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : YAML.stringify(value));
    return 0;
  }
  if (format === 'name') {
    for (const view of views) context.out(`propagation.portolan.dev/${view.document.metadata.name}`);
    return 0;
  }
  if (views.length === 0) {
    context.err('No propagations found');
    return 0;
  }
  printTable(
    context.out,
    ['NAME', 'PHASE', 'TARGETS', 'READY/DESIRED', 'AGE'],
    propagationRows(views, context.now()),
  );
  return 0;
}

/** The placement as one line: `names east,west; labelSelector env=prod; excluding north`. */
function placementText(view: PropagationView): string {
  const clusters = view.document.spec.placement.clusters;
  const parts = [
    clusters.all ? 'all clusters' : '',
    clusters.names?.length ? `names ${clusters.names.join(',')}` : '',
    clusters.labelSelector ? `labelSelector ${clusters.labelSelector}` : '',
    clusters.exclude?.length ? `excluding ${clusters.exclude.join(',')}` : '',
  ];
  const mode = view.document.spec.placement.replicas?.mode;
  return `${parts.filter(Boolean).join('; ')}${mode ? ` (replicas ${mode})` : ''}`;
}

/** `portolan describe propagation NAME` as lines. */
export function describePropagation(
  view: PropagationView,
  events: PropagationEventPage,
  now: Date,
): string[] {
  const spec = view.document.spec;
  const status = view.status;
  const field = (label: string, value: string) => `${`${label}:`.padEnd(16)}${value}`;
  const lines = [
    field('Name', view.document.metadata.name),
    field('Phase', status.phase),
    field('Generation', `${view.generation} (observed ${status.observedGeneration})`),
    field('Created', `${view.createdAt} by ${view.createdBy} (${ageOf(view.createdAt, now)} ago)`),
    field('Updated', `${view.updatedAt} by ${view.updatedBy}`),
    ...(spec.source ? [field('Source', spec.source.cluster)] : []),
    field('Placement', placementText(view)),
    field('Replicas', status.replicas ? `${replicasText(status.replicas)} ready` : '-'),
    field(
      'Failover',
      spec.failover?.enabled
        ? `after ${spec.failover.graceSeconds}s offline${spec.failover.minReadyReplicas === undefined ? '' : `, never under ${spec.failover.minReadyReplicas} ready`}`
        : 'off',
    ),
    ...(spec.suspended ? [field('Suspended', 'yes: nothing is applied or removed')] : []),
  ];
  if (status.hiddenTargets)
    lines.push(field('Hidden targets', `${status.hiddenTargets} (clusters you may not read)`));
  const table = (header: string[], rows: string[][]) => {
    printTable((line) => lines.push(`  ${line}`), header, rows);
  };
  lines.push('Targets:');
  if (status.targets.length === 0) lines.push('  none yet');
  else
    table(
      ['CLUSTER', 'STATE', 'REPLICAS', 'FAILOVER', 'REASON'],
      status.targets.map((target) => [
        target.cluster,
        target.state,
        replicasText(target.replicas),
        target.failover
          ? [
              target.failover.movedIn ? `+${target.failover.movedIn} in` : '',
              target.failover.movedOut ? `-${target.failover.movedOut} out` : '',
              target.failover.offlineSince ? `offline since ${target.failover.offlineSince}` : '',
            ]
              .filter(Boolean)
              .join(', ') || '-'
          : '-',
        target.reason ?? '',
      ]),
    );
  const objects = status.targets.flatMap((target) =>
    target.objects.map((object) => [
      target.cluster,
      `${object.kind}/${object.namespace ? `${object.namespace}/` : ''}${object.name}`,
      object.state,
      replicasText(object.replicas),
      object.reason ?? '',
    ]),
  );
  if (objects.length) {
    lines.push('Objects:');
    table(['CLUSTER', 'OBJECT', 'STATE', 'READY', 'REASON'], objects);
  }
  lines.push('Events:');
  if (events.items.length === 0) lines.push('  none');
  else
    table(
      ['AGE', 'TYPE', 'REASON', 'CLUSTER', 'OBJECT', 'MESSAGE'],
      events.items.map((event) => [
        ageOf(event.time, now),
        event.type,
        event.reason,
        event.cluster ?? '-',
        event.object ?? '-',
        event.message,
      ]),
    );
  return lines;
}

export async function runDescribe(argv: string[], context: CommandContext): Promise<number> {
  const args = parseCommandArgs(argv, { ...COMMON_OPTIONS, events: { type: 'string' } });
  if (flagOption(args, 'help')) {
    context.out(DESCRIBE_USAGE);
    return 0;
  }
  const [kind, name, ...extra] = args.positionals;
  if (!isPropagationKind(kind))
    throw new UsageError(`describe knows propagations only: portolan describe propagation NAME`);
  if (!name) throw new UsageError('name the propagation: portolan describe propagation NAME');
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const events = stringOption(args, 'events') ?? '20';
  if (!/^\d+$/.test(events) || Number(events) < 1 || Number(events) > 500)
    throw new UsageError(`--events "${events}" must be a whole number from 1 to 500`);
  const api = apiFor(args, context);
  const path = `/api/v1/propagations/${segments(name)}`;
  const view = await api.get<PropagationView>(path);
  const page = await api.get<PropagationEventPage>(`${path}/events`, { limit: Number(events) });
  for (const line of describePropagation(view, page, context.now())) context.out(line);
  return 0;
}

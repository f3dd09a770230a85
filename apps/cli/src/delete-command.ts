import { text } from '@portolan/kinds';
import { segments } from './api-client.ts';
import {
  flagOption,
  integerOption,
  oneOf,
  parseCommandArgs,
  stringOption,
  TARGET_OPTIONS,
} from './cli-args.ts';
import { apiFor, type CommandContext, chooseCluster, namespaceFor } from './command-context.ts';
import { groupOf, qualifiedKind, resolveKind, routeKindOf } from './kinds.ts';
import { UsageError } from './output.ts';

export const DELETE_USAGE = `Usage: portolan delete KIND NAME… [options]
       portolan delete KIND/NAME… [options]

Options:
  -n, --namespace NS        namespace (default: default)
      --cluster NAME        the cluster (or $PORTOLAN_CLUSTER; may be left out when only one is registered)
      --cascade POLICY      background (default), foreground or orphan
      --grace-period N      seconds the pods get to stop
      --dry-run             the cluster checks and deletes nothing
      --server URL          Portolan server`;

const DELETE_OPTIONS = {
  ...TARGET_OPTIONS,
  cascade: { type: 'string' },
  'grace-period': { type: 'string' },
  'dry-run': { type: 'boolean' },
} as const;

const POLICIES = { background: 'Background', foreground: 'Foreground', orphan: 'Orphan' } as const;

/** `pods a b` or `pod/a deploy/b` → kind and name pairs. */
export function deleteTargets(positionals: string[]): { kind: string; name: string }[] {
  if (positionals.length === 0) throw new UsageError('name what to delete: KIND NAME or KIND/NAME');
  if (positionals.every((arg) => arg.includes('/'))) {
    return positionals.map((arg) => {
      const slash = arg.indexOf('/');
      const target = { kind: arg.slice(0, slash), name: arg.slice(slash + 1) };
      if (!target.kind || !target.name) throw new UsageError(`"${arg}" must look like KIND/NAME`);
      return target;
    });
  }
  const [kind, ...names] = positionals;
  if (!kind || names.length === 0 || names.some((name) => name.includes('/'))) {
    throw new UsageError('give KIND then one or more names, or KIND/NAME for each object');
  }
  return names.map((name) => ({ kind, name }));
}

export async function runDelete(argv: string[], context: CommandContext): Promise<number> {
  const args = parseCommandArgs(argv, DELETE_OPTIONS);
  if (flagOption(args, 'help')) {
    context.out(DELETE_USAGE);
    return 0;
  }
  const targets = deleteTargets(args.positionals);
  const cascade = oneOf('cascade', stringOption(args, 'cascade'), [
    'background',
    'foreground',
    'orphan',
  ] as const);
  const gracePeriod = integerOption(args, 'grace-period', 0);
  const dryRun = flagOption(args, 'dry-run');
  const api = apiFor(args, context);
  const cluster = await chooseCluster(api, args, context);
  const namespace = namespaceFor(args, context);
  for (const target of targets) {
    const ref = resolveKind(target.kind);
    const kind = routeKindOf(ref);
    const path = `/api/v1/clusters/${segments(cluster, 'resources', kind, target.name)}`;
    const answer = await api.send<{ state: 'deleted' | 'deleting'; object?: unknown }>(
      'DELETE',
      path,
      undefined,
      {
        namespace,
        propagationPolicy: cascade ? POLICIES[cascade] : undefined,
        gracePeriodSeconds: gracePeriod,
        dryRun: dryRun || undefined,
      },
    );
    const shown = answer.object
      ? qualifiedKind(text(answer.object, 'kind'), groupOf(text(answer.object, 'apiVersion')))
      : ref.known
        ? qualifiedKind(ref.known.kind, ref.known.group)
        : kind;
    const state = answer.state === 'deleting' ? 'is being deleted (finalizers still run)' : 'deleted';
    context.out(`${shown} "${target.name}" ${state}${dryRun ? ' (server dry run)' : ''}`);
  }
  return 0;
}

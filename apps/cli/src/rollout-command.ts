import { setTimeout as sleep } from 'node:timers/promises';
import type { RolloutStatus } from '@portolan/api';
import type { ApiClient } from './api-client.ts';
import {
  flagOption,
  integerOption,
  oneOf,
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
import { UsageError } from './output.ts';
import { formatDocument } from './resource-output.ts';
import { printHistory, type Revision } from './rollout-history.ts';
import { type WorkloadTarget, workloadOf, workloadTarget } from './workload-target.ts';

export const ROLLOUT_USAGE = `Usage: portolan rollout SUBCOMMAND KIND/NAME [options]

Subcommands:
  status     wait until the rollout is done (--no-watch: say where it stands and return;
             --timeout 5m: give up after a while)
  history    the kept revisions (--revision N: that revision's pod template; -o json|yaml)
  undo       roll back to the previous revision, or to --to-revision N (--dry-run)
  restart    replace every pod
  pause      stop rolling out changes to a Deployment
  resume     roll out again (a Deployment), or schedule again (a CronJob)

Options:
  -n, --namespace NS   namespace (default: default)
      --cluster NAME   the cluster (or $PORTOLAN_CLUSTER; may be left out when only one is registered)
      --server URL     Portolan server`;

const ROLLOUT_OPTIONS = {
  ...TARGET_OPTIONS,
  watch: { type: 'boolean', default: true },
  timeout: { type: 'string' },
  revision: { type: 'string' },
  'to-revision': { type: 'string' },
  output: { type: 'string', short: 'o' },
  'dry-run': { type: 'boolean' },
} as const;

const ROLLING = ['deployments', 'statefulsets', 'daemonsets'];
const ALLOWED: Record<string, string[]> = {
  status: ROLLING,
  history: ROLLING,
  undo: ROLLING,
  restart: ROLLING,
  pause: ['deployments'],
  resume: ['deployments', 'cronjobs'],
};
const DONE: Record<string, string> = { restart: 'restarted', pause: 'paused', resume: 'resumed' };

/** kubectl's words for a rollout under way. */
export function waitingMessage(target: WorkloadTarget, status: RolloutStatus): string {
  const { desired, updated, available } = status.replicas;
  const what = `${target.kind.kind.toLowerCase()} "${target.name}"`;
  if (updated < desired) {
    return `Waiting for ${what} rollout to finish: ${updated} out of ${desired} new replicas have been updated...`;
  }
  if (available < updated) {
    return `Waiting for ${what} rollout to finish: ${available} of ${updated} updated replicas are available...`;
  }
  return `Waiting for ${what} rollout to finish: ${status.health.message}`;
}

async function watchStatus(
  api: ApiClient,
  target: WorkloadTarget,
  options: { watch: boolean; timeoutSeconds?: number },
  context: CommandContext,
): Promise<number> {
  const deadline =
    options.timeoutSeconds === undefined ? Infinity : Date.now() + options.timeoutSeconds * 1000;
  let last = '';
  for (;;) {
    const status = await api.get<RolloutStatus>(`${target.path}/rollout`);
    const what = `${target.kind.kind.toLowerCase()} "${target.name}"`;
    if (status.done) {
      context.out(`${what} successfully rolled out`);
      return 0;
    }
    if (status.health.state === 'Degraded' || status.health.state === 'Paused') {
      const hint =
        status.health.state === 'Paused' ? `; resume it with: portolan rollout resume ${target.label}` : '';
      context.err(`error: ${what} is ${status.health.state}: ${status.health.message}${hint}`);
      return 1;
    }
    const message = waitingMessage(target, status);
    if (message !== last) context.out(message);
    last = message;
    if (!options.watch) return 0;
    if (Date.now() >= deadline) {
      context.err(`error: timed out waiting for the rollout of ${what}`);
      return 1;
    }
    await sleep(1000);
  }
}

async function undo(api: ApiClient, target: WorkloadTarget, toRevision: number | undefined, dryRun: boolean) {
  let revision = toRevision;
  if (revision === undefined) {
    const { items } = await api.get<{ items: Revision[] }>(`${target.path}/revisions`);
    const current = items.find((item) => item.current)?.revision ?? Infinity;
    revision = items.filter((item) => item.revision < current).at(-1)?.revision;
    if (revision === undefined)
      throw new CommandFailed(`${target.label} has no previous revision to go back to`);
  }
  const answer = await api.send<{ revision: number; changed: boolean }>('POST', `${target.path}/rollback`, {
    revision,
    ...(dryRun ? { dryRun: true } : {}),
  });
  const suffix = dryRun ? ' (server dry run)' : '';
  return answer.changed
    ? `${target.label} rolled back to revision ${answer.revision}${suffix}`
    : `${target.label} skipped rollback: it already runs revision ${answer.revision}'s template`;
}

export async function runRollout(argv: string[], context: CommandContext): Promise<number> {
  const args = parseCommandArgs(argv, ROLLOUT_OPTIONS);
  const [sub, ...rest] = args.positionals;
  if (flagOption(args, 'help')) {
    context.out(ROLLOUT_USAGE);
    return 0;
  }
  if (sub === undefined)
    throw new UsageError('name a subcommand: status, history, undo, restart, pause or resume');
  const allowed = ALLOWED[sub];
  if (!allowed) throw new UsageError(`unknown rollout subcommand "${sub}"`);
  const workload = workloadOf({ ...args, positionals: rest }, allowed, `rollout ${sub}`);
  const timeout = stringOption(args, 'timeout');
  const timeoutSeconds = timeout === undefined ? undefined : parseDuration('timeout', timeout);
  const toRevision = integerOption(args, 'to-revision', 1);
  const revision = integerOption(args, 'revision', 1);
  const format = oneOf('output', stringOption(args, 'output'), ['json', 'yaml'] as const);
  const api = apiFor(args, context);
  const target = workloadTarget(
    workload,
    await chooseCluster(api, args, context),
    namespaceFor(args, context),
  );
  if (sub === 'status') {
    const watch = args.values.watch !== false;
    return watchStatus(api, target, { watch, ...(timeoutSeconds ? { timeoutSeconds } : {}) }, context);
  }
  if (sub === 'history') {
    const { items } = await api.get<{ items: Revision[] }>(`${target.path}/revisions`);
    if (format) context.write(formatDocument({ items }, format));
    else printHistory(target.label, items, revision, context);
    return 0;
  }
  if (sub === 'undo') {
    context.out(await undo(api, target, toRevision, flagOption(args, 'dry-run')));
    return 0;
  }
  await api.send('POST', `${target.path}/${sub}`);
  context.out(`${target.label} ${DONE[sub] ?? sub}`);
  return 0;
}

import { flagOption, integerOption, parseCommandArgs, TARGET_OPTIONS } from './cli-args.ts';
import { apiFor, type CommandContext, chooseCluster, namespaceFor } from './command-context.ts';
import { SCALABLE_RESOURCES } from './kinds.ts';
import { UsageError } from './output.ts';
import { workloadOf, workloadTarget } from './workload-target.ts';

export const SCALE_USAGE = `Usage: portolan scale KIND/NAME --replicas N [options]

Sets the replica count of a Deployment or StatefulSet.

Options:
      --replicas N     the new count
  -n, --namespace NS   namespace (default: default)
      --cluster NAME   the cluster (or $PORTOLAN_CLUSTER; may be left out when only one is registered)
      --dry-run        the cluster checks and changes nothing
      --server URL     Portolan server`;

const SCALE_OPTIONS = {
  ...TARGET_OPTIONS,
  replicas: { type: 'string' },
  'dry-run': { type: 'boolean' },
} as const;

export async function runScale(argv: string[], context: CommandContext): Promise<number> {
  const args = parseCommandArgs(argv, SCALE_OPTIONS);
  if (flagOption(args, 'help')) {
    context.out(SCALE_USAGE);
    return 0;
  }
  const replicas = integerOption(args, 'replicas', 0);
  if (replicas === undefined) throw new UsageError('give the new count with --replicas N');
  const workload = workloadOf(args, SCALABLE_RESOURCES, 'scale');
  const api = apiFor(args, context);
  const target = workloadTarget(
    workload,
    await chooseCluster(api, args, context),
    namespaceFor(args, context),
  );
  const dryRun = flagOption(args, 'dry-run');
  await api.send('POST', `${target.path}/scale`, { replicas }, dryRun ? { dryRun } : {});
  context.out(`${target.label} scaled${dryRun ? ' (server dry run)' : ''}`);
  return 0;
}

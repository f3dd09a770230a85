import { ApiError, describeApiError } from './api-client.ts';
import { APPLY_USAGE, runApply } from './apply-command.ts';
import { CLUSTERS_USAGE, KUBECONFIG_USAGE, runClusters, runKubeconfig } from './cluster-commands.ts';
import { type CommandContext, CommandFailed } from './command-context.ts';
import { DELETE_USAGE, runDelete } from './delete-command.ts';
import { GET_USAGE, runGet } from './get-command.ts';
import { JOBS_USAGE, runJobs } from './jobs-command.ts';
import { LOGS_USAGE, runLogs } from './logs-command.ts';
import { UsageError } from './output.ts';
import { DESCRIBE_USAGE, runDescribe } from './propagation-commands.ts';
import { ROLLOUT_USAGE, runRollout } from './rollout-command.ts';
import { runScale, SCALE_USAGE } from './scale-command.ts';

interface ApiCommand {
  summary: string;
  usage: string;
  run(argv: string[], context: CommandContext): Promise<number>;
}

/** The commands that talk to a Portolan server. */
export const API_COMMANDS: Record<string, ApiCommand> = {
  get: { summary: 'list or show resources in one or many clusters', usage: GET_USAGE, run: runGet },
  apply: { summary: 'server-side apply YAML or JSON to a cluster', usage: APPLY_USAGE, run: runApply },
  delete: { summary: 'delete resources', usage: DELETE_USAGE, run: runDelete },
  describe: {
    summary: 'a propagation in detail: per cluster state, reasons, events',
    usage: DESCRIBE_USAGE,
    run: runDescribe,
  },
  scale: { summary: 'set the replicas of a Deployment or StatefulSet', usage: SCALE_USAGE, run: runScale },
  rollout: {
    summary: 'status, history, undo, restart, pause, resume',
    usage: ROLLOUT_USAGE,
    run: runRollout,
  },
  logs: { summary: "print or follow a container's log", usage: LOGS_USAGE, run: runLogs },
  jobs: { summary: 'the operation log: list, show, watch and cancel jobs', usage: JOBS_USAGE, run: runJobs },
  clusters: { summary: 'list, add and remove registered clusters', usage: CLUSTERS_USAGE, run: runClusters },
  kubeconfig: {
    summary: "a kubeconfig for kubectl through Portolan's proxy",
    usage: KUBECONFIG_USAGE,
    run: runKubeconfig,
  },
};

export const API_COMMANDS_HELP = Object.entries(API_COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(10)} ${command.summary}`)
  .join('\n');

/** Runs a command and turns its failure into messages and an exit code: 2 for usage, 1 otherwise. */
export async function runApiCommand(name: string, argv: string[], context: CommandContext): Promise<number> {
  const command = API_COMMANDS[name];
  if (!command) throw new Error(`no command ${name}`);
  try {
    return await command.run(argv, context);
  } catch (error) {
    if (error instanceof UsageError) {
      context.err(`error: ${error.message}\n\n${command.usage}`);
      return 2;
    }
    if (error instanceof ApiError) {
      for (const line of describeApiError(error)) context.err(line);
      return 1;
    }
    if (error instanceof CommandFailed) {
      context.err(`error: ${error.message}`);
      return 1;
    }
    // Anything else is a fault here (or an unreadable file); say it plainly, the stack on request.
    context.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    if (context.env.PORTOLAN_DEBUG && error instanceof Error && error.stack) context.err(error.stack);
    return 1;
  }
}

import { type ApiClient, createApiClient, DEFAULT_SERVER } from './api-client.ts';
import { type ParsedArgs, stringOption } from './cli-args.ts';
import { UsageError } from './output.ts';

/** The command could not do what was asked; printed as `error: …`, exit code 1. */
export class CommandFailed extends Error {
  override name = 'CommandFailed';
}

/** What a command may touch outside itself; tests give their own. */
export interface CommandContext {
  write(text: string): void;
  out(line: string): void;
  err(line: string): void;
  now(): Date;
  env: NodeJS.ProcessEnv;
  connect(server: string, token?: string): ApiClient;
}

export function processContext(): CommandContext {
  // `portolan get pods | head` closes the pipe early; that is the reader's choice, not a failure.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  return {
    write: (text) => process.stdout.write(text),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    now: () => new Date(),
    env: process.env,
    connect: createApiClient,
  };
}

/** --server, then PORTOLAN_SERVER, then the local default; the API token from PORTOLAN_TOKEN. */
export function apiFor(args: ParsedArgs, context: CommandContext): ApiClient {
  const server = stringOption(args, 'server') ?? context.env.PORTOLAN_SERVER ?? DEFAULT_SERVER;
  return context.connect(server, context.env.PORTOLAN_TOKEN || undefined);
}

interface ClusterSummary {
  name: string;
}

/**
 * The one cluster a command acts on: --cluster, then PORTOLAN_CLUSTER, then the only registered
 * cluster. With several and none named, the user must choose: guessing could change the wrong one.
 */
export async function chooseCluster(
  api: ApiClient,
  args: ParsedArgs,
  context: CommandContext,
): Promise<string> {
  const named = stringOption(args, 'cluster') ?? context.env.PORTOLAN_CLUSTER;
  if (named) return named;
  const { items } = await api.get<{ items: ClusterSummary[] }>('/api/v1/clusters');
  if (items.length === 1 && items[0]) return items[0].name;
  if (items.length === 0)
    throw new UsageError('no cluster is registered; add one with `portolan clusters add`');
  throw new UsageError(
    `several clusters are registered (${items.map((item) => item.name).join(', ')}); choose one with --cluster NAME`,
  );
}

/** -n, then PORTOLAN_NAMESPACE, then `default`, as kubectl. */
export function namespaceFor(args: ParsedArgs, context: CommandContext): string {
  return stringOption(args, 'namespace') ?? context.env.PORTOLAN_NAMESPACE ?? 'default';
}

import { appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface UnexpectedErrorContext {
  argv: string[];
  env: NodeJS.ProcessEnv;
  err: (text: string) => void;
  now: () => Date;
}

/** `--debug` anywhere, or PORTOLAN_DEBUG set: print the whole trace, not just the line. */
export const wantsDebug = (argv: string[], env: NodeJS.ProcessEnv): boolean =>
  argv.includes('--debug') || Boolean(env.PORTOLAN_DEBUG && env.PORTOLAN_DEBUG !== '0');

/** Where the components of the sandbox a `portolan sandbox VERB NAME` command works on write. */
function sandboxLogs(argv: string[], env: NodeJS.ProcessEnv): string | undefined {
  const [command, verb, name] = argv.filter((arg) => !arg.startsWith('-'));
  if (command !== 'sandbox' || !verb || !name || verb === 'list') return undefined;
  return path.join(path.resolve(env.PORTOLAN_DATA_DIR ?? 'data'), 'sandboxes', name, 'logs');
}

/**
 * Prints an error no command expected as one line that says where to look, never a stack trace:
 * the trace goes to a file (and to the terminal too with --debug or PORTOLAN_DEBUG=1).
 * Returns the exit code.
 */
export function reportUnexpectedError(error: unknown, context: UnexpectedErrorContext): number {
  const { argv, env } = context;
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ');
  const trace = error instanceof Error ? (error.stack ?? message) : message;
  const traceFile = path.join(os.tmpdir(), 'portolan-cli-errors.log');
  let traceSaved = true;
  try {
    appendFileSync(traceFile, `${context.now().toISOString()} portolan ${argv.join(' ')}\n${trace}\n\n`);
  } catch {
    traceSaved = false;
  }
  const logs = sandboxLogs(argv, env);
  const where = [
    logs ? `the sandbox's component logs are in ${logs}` : undefined,
    traceSaved ? `the full trace is in ${traceFile}` : undefined,
  ].filter(Boolean);
  const debug = wantsDebug(argv, env);
  context.err(
    `error: unexpected failure: ${message}${where.length ? `; ${where.join(' and ')}` : ''}${debug ? '' : ' (PORTOLAN_DEBUG=1 prints it here)'}\n`,
  );
  if (debug) context.err(`${trace}\n`);
  return 1;
}

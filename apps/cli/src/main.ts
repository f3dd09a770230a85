import { SandboxError } from '@portolan/sandbox';
import { API_COMMANDS, API_COMMANDS_HELP, runApiCommand } from './api-commands.ts';
import { processContext } from './command-context.ts';
import { KEYS_USAGE, runKeysCommand } from './keys-command.ts';
import { UsageError } from './output.ts';
import { runSandboxCommand, SANDBOX_USAGE } from './sandbox-command.ts';
import { reportUnexpectedError } from './unexpected-error.ts';

const USAGE = `Usage: portolan <command>

Commands:
${API_COMMANDS_HELP}
  sandbox    create and manage local Kubernetes sandbox clusters
  keys       rotate the key that seals cluster credentials

Run \`portolan COMMAND --help\` for a command's options. With --debug (or PORTOLAN_DEBUG=1) an
unexpected failure prints its whole trace.

${SANDBOX_USAGE}

${KEYS_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  if (command !== undefined && Object.hasOwn(API_COMMANDS, command)) {
    return runApiCommand(command, rest, processContext());
  }
  try {
    if (command === 'sandbox') {
      await runSandboxCommand(rest, out);
      return 0;
    }
    if (command === 'keys') {
      const err = (line: string) => process.stderr.write(`${line}\n`);
      return await runKeysCommand(rest, { out, err, env: process.env });
    }
    process.stderr.write(`${USAGE}\n`);
    return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    if (error instanceof SandboxError || error instanceof TypeError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

const argv = process.argv.slice(2);
const reportContext = {
  argv,
  env: process.env,
  err: (text: string) => process.stderr.write(text),
  now: () => new Date(),
};
// Anything no command expected, even from a stray callback or promise, is one line naming the log
// to read, and exit code 1; never Node's stack trace.
const crash = (error: unknown) => {
  process.exitCode = reportUnexpectedError(error, reportContext);
  process.exit();
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);
try {
  process.exitCode = await main(argv.filter((arg) => arg !== '--debug'));
} catch (error) {
  process.exitCode = reportUnexpectedError(error, reportContext);
}

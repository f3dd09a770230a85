import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from './output.ts';

export const KEYS_USAGE = `Usage: portolan keys rotate [--key-file FILE]

Adds a new key in front of the credential key file (default $PORTOLAN_DATA_DIR/encryption.key),
keeping the old ones; on its next start the server reseals every stored credential with it.`;

/**
 * The server's key tool, run as a command: the key file is the server's format, and the CLI imports
 * no server file (it ships in the same checkout, so the path is known).
 */
const KEYS_ENTRY = fileURLToPath(new URL('../../server/src/keys-main.ts', import.meta.url));

export interface KeysIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
}

/** Runs `keys rotate` and answers its exit code; what the server's tool prints is passed on. */
export async function runKeysCommand(argv: string[], io: KeysIo): Promise<number> {
  const [command, flag, value] = argv;
  if (command !== 'rotate') throw new UsageError(KEYS_USAGE);
  if (flag !== undefined && (flag !== '--key-file' || !value)) throw new UsageError(KEYS_USAGE);
  const keyFile = path.resolve(value ?? path.join(io.env.PORTOLAN_DATA_DIR ?? 'data', 'encryption.key'));
  const child = spawn(process.execPath, [KEYS_ENTRY, 'rotate', '--key-file', keyFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exit) => resolve(exit ?? 1));
  });
  for (const line of stdout.split('\n').filter(Boolean)) io.out(line);
  for (const line of stderr.split('\n').filter(Boolean)) io.err(line);
  return code;
}

import path from 'node:path';
import { rotateKeyFile } from '@portolan/server/clusters/encryption-keys.ts';
import { UsageError } from './output.ts';

export const KEYS_USAGE = `Usage: portolan keys rotate [--key-file FILE]

Adds a new key in front of the credential key file (default $PORTOLAN_DATA_DIR/encryption.key),
keeping the old ones; on its next start the server reseals every stored credential with it.`;

export async function runKeysCommand(argv: string[], out: (line: string) => void): Promise<void> {
  const [command, flag, value] = argv;
  if (command !== 'rotate') throw new UsageError(KEYS_USAGE);
  if (flag !== undefined && (flag !== '--key-file' || !value)) throw new UsageError(KEYS_USAGE);
  const keyFile = path.resolve(value ?? path.join(process.env.PORTOLAN_DATA_DIR ?? 'data', 'encryption.key'));
  const key = await rotateKeyFile(keyFile);
  out(`added key ${key.id} to ${keyFile}; restart the server to reseal stored credentials with it`);
}

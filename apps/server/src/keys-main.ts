/**
 * `node apps/server/src/keys-main.ts rotate --key-file FILE`: adds a new credential key in front of
 * the server's key file. The key file is the server's own format, so the server's code changes it;
 * the CLI's `portolan keys rotate` runs this entry as a command instead of importing server files.
 */
import { EncryptionKeyError, rotateKeyFile } from './clusters/encryption-keys.ts';

const USAGE = 'Usage: node apps/server/src/keys-main.ts rotate --key-file FILE';

async function main([command, flag, keyFile]: string[]): Promise<number> {
  if (command !== 'rotate' || flag !== '--key-file' || !keyFile) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  try {
    const key = await rotateKeyFile(keyFile);
    process.stdout.write(
      `added key ${key.id} to ${keyFile}; restart the server to reseal stored credentials with it\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof EncryptionKeyError)) throw error;
    process.stderr.write(`error: ${error.message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));

import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rememberedUntilFailure } from './remembered.ts';

const buildScript = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  '..',
  '..',
  'scripts',
  'pty-bridge.sh',
);

/**
 * Finds tools/pty-bridge, the program that gives a shell its pseudo-terminal: `PORTOLAN_PTY_BRIDGE_BIN`,
 * else scripts/pty-bridge.sh's cached build (building it first, a few seconds, when missing). Looked up
 * once; a failure is retried on the next call. The error says how to provide it.
 */
export function findPtyBridge(env: NodeJS.ProcessEnv): () => Promise<string> {
  const locate = async (): Promise<string> => {
    const fromEnv = env.PORTOLAN_PTY_BRIDGE_BIN;
    if (fromEnv) {
      if (await isExecutable(fromEnv)) return fromEnv;
      throw new Error(
        `PORTOLAN_PTY_BRIDGE_BIN=${fromEnv} is not an executable file: run \`bash scripts/pty-bridge.sh\` and point it at the path it prints, or unset it`,
      );
    }
    const built = await new Promise<string>((resolve, reject) => {
      execFile('bash', [buildScript], { env, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(
              `the terminal's pty-bridge is missing and building it failed (${stderr.trim().split('\n').pop() ?? error.message}): run \`bash scripts/pty-bridge.sh\` (needs Go 1.26+) or set PORTOLAN_PTY_BRIDGE_BIN`,
            ),
          );
          return;
        }
        resolve(stdout.trim().split('\n').pop() ?? '');
      });
    });
    if (await isExecutable(built)) return built;
    throw new Error(`scripts/pty-bridge.sh printed ${built}, which is not an executable file`);
  };
  return rememberedUntilFailure(locate);
}

export async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}

import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SandboxError } from './errors.ts';

const buildScript = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'build.sh');

/**
 * The directory with the sandbox binaries: PORTOLAN_SANDBOX_BIN when set (the set-up script
 * exports it), otherwise the build script's cached output, building first if needed.
 */
export async function findSandboxBinaries(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const fromEnv = env.PORTOLAN_SANDBOX_BIN;
  if (fromEnv) {
    try {
      await access(path.join(fromEnv, 'kube-apiserver'));
      return fromEnv;
    } catch {
      throw new SandboxError(
        'binaries-missing',
        `PORTOLAN_SANDBOX_BIN=${fromEnv} holds no kube-apiserver; run \`bash sandbox/build.sh\` and point it at the directory it prints`,
      );
    }
  }
  return new Promise((resolve, reject) => {
    const child = execFile('bash', [buildScript], { env, maxBuffer: 1 << 20 }, (error, stdout) => {
      if (error) {
        reject(new SandboxError('build-failed', `building the sandbox binaries failed: ${error.message}`));
        return;
      }
      resolve(stdout.trim().split('\n').pop() ?? '');
    });
    child.stderr?.pipe(process.stderr);
  });
}

import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SandboxError } from './errors.ts';

const sandboxDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildScript = path.join(sandboxDir, 'build.sh');
const metricsServerBuildScript = path.join(sandboxDir, 'metrics-server', 'build.sh');

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

const isFile = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/** Where metrics-server was looked for and why it is not there, for the sandbox to say. */
export interface MetricsServerLookup {
  binary?: string;
  /** Why there is none, and what to do. */
  missing?: string;
}

/**
 * metrics-server's binary: PORTOLAN_METRICS_SERVER_BIN when set (the set-up script exports it), else
 * one next to the sandbox binaries, else the metrics-server build's cached output. It never builds
 * (that takes minutes): without it a sandbox starts and says its metrics are unavailable.
 */
export async function findMetricsServer(
  binDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<MetricsServerLookup> {
  const fromEnv = env.PORTOLAN_METRICS_SERVER_BIN;
  if (fromEnv) {
    if (await isFile(fromEnv)) return { binary: fromEnv };
    return {
      missing: `PORTOLAN_METRICS_SERVER_BIN=${fromEnv} is not a file; run \`bash sandbox/metrics-server/build.sh\` and point it at the path it prints`,
    };
  }
  const beside = path.join(binDir, 'metrics-server');
  if (await isFile(beside)) return { binary: beside };
  const cached = await new Promise<string>((resolve) => {
    execFile('bash', [metricsServerBuildScript, '--cached-only'], { env }, (error, stdout) =>
      resolve(error ? '' : (stdout.trim().split('\n').pop() ?? '')),
    );
  });
  if (cached && (await isFile(cached))) return { binary: cached };
  return {
    missing:
      'metrics-server is not built: run `bash sandbox/metrics-server/build.sh` (or scripts/setup.sh), then start the sandbox again',
  };
}

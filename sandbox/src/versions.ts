import { spawn } from 'node:child_process';
import { access, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findSandboxBinaries } from './binaries.ts';
import { SandboxError } from './errors.ts';

/**
 * The Kubernetes versions a sandbox can run, newest first. The main build (sandbox/build.sh) makes
 * the default one with every other binary; the others are control planes only
 * (sandbox/versions/build.sh), built on first use and cached.
 */
export const SANDBOX_VERSIONS = ['v1.37.2', 'v1.36.3', 'v1.36.1'] as const;
export const DEFAULT_VERSION = 'v1.37.2';

export interface SandboxVersion {
  version: string;
  /** e.g. 1.37 */
  minor: string;
  /** Its binaries are built and cached: a sandbox starts on it at once. */
  built: boolean;
  default: boolean;
}

const versionsScript = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'versions', 'build.sh');

export const minorOf = (version: string) => version.replace(/^v/, '').split('.').slice(0, 2).join('.');

export function isKnownVersion(version: string): boolean {
  return (SANDBOX_VERSIONS as readonly string[]).includes(version);
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

const cacheRoot = (env: NodeJS.ProcessEnv) =>
  env.PORTOLAN_CACHE_DIR ?? path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'portolan');

/** Whether the main build of `version` is cached (or PORTOLAN_SANDBOX_BIN points at binaries). */
async function mainBuilt(version: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  if (env.PORTOLAN_SANDBOX_BIN && (await exists(path.join(env.PORTOLAN_SANDBOX_BIN, 'kube-apiserver'))))
    return true;
  const dir = path.join(cacheRoot(env), 'sandbox');
  const entries = await readdir(dir).catch(() => [] as string[]);
  for (const entry of entries) {
    if (entry.startsWith(`kube-${version}-`) && !entry.endsWith('.partial')) {
      if (await exists(path.join(dir, entry, 'versions.json'))) return true;
    }
  }
  return false;
}

/**
 * Runs sandbox/versions/build.sh for `target` (a version or `etcdutl`), each stderr line to
 * `onProgress`; answers the bin dir it prints last, or undefined with `cachedOnly` when not built.
 */
function runVersionBuild(
  target: string,
  onProgress: (line: string) => void,
  cachedOnly: boolean,
  env: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const args = [versionsScript, target, ...(cachedOnly ? ['--cached-only'] : [])];
    const child = spawn('bash', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let pending = '';
    const tail: string[] = [];
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 40) tail.shift();
        if (!cachedOnly) onProgress(line);
      }
    });
    child.on('error', (error) => reject(new SandboxError('build-failed', String(error))));
    child.on('close', (code) => {
      if (pending) tail.push(pending);
      if (code === 0) resolve(stdout.trim().split('\n').pop());
      else if (cachedOnly) resolve(undefined);
      else
        reject(
          new SandboxError(
            'build-failed',
            `building ${target} failed (exit ${code}); the build said:\n${tail.slice(-30).join('\n')}`,
          ),
        );
    });
  });
}

/** The catalogue: every version, newest first, with whether it is built. */
export async function listVersions(env: NodeJS.ProcessEnv = process.env): Promise<SandboxVersion[]> {
  return Promise.all(
    SANDBOX_VERSIONS.map(async (version) => ({
      version,
      minor: minorOf(version),
      built:
        version === DEFAULT_VERSION
          ? await mainBuilt(version, env)
          : (await runVersionBuild(version, () => {}, true, env)) !== undefined,
      default: version === DEFAULT_VERSION,
    })),
  );
}

function refuseUnknown(version: string): void {
  if (!isKnownVersion(version)) {
    throw new SandboxError(
      'invalid-option',
      `version: "${version}" is not one this installation can build; choose one of ${SANDBOX_VERSIONS.join(', ')}`,
    );
  }
}

/**
 * The directory holding kube-apiserver, kube-controller-manager and kube-scheduler of `version`,
 * building them first when they are not cached (minutes; each progress line goes to onProgress).
 */
export async function ensureVersion(
  version: string,
  onProgress: (line: string) => void = () => {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  refuseUnknown(version);
  if (version === DEFAULT_VERSION) return findSandboxBinaries(env);
  const dir = await runVersionBuild(version, onProgress, false, env);
  if (!dir) throw new SandboxError('build-failed', `building ${version} printed no directory`);
  return dir;
}

/** etcdutl (offline snapshot restore) at the etcd version of the main build, built once and cached. */
export async function ensureEtcdutl(
  onProgress: (line: string) => void = () => {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const dir = await runVersionBuild('etcdutl', onProgress, false, env);
  if (!dir) throw new SandboxError('build-failed', 'building etcdutl printed no directory');
  return path.join(dir, 'etcdutl');
}

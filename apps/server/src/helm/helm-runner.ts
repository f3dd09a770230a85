import { spawn } from 'node:child_process';
import { access, chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Caller } from '#server/iam/caller.ts';
import { type ProxyEndpoint, renderProxyKubeconfig } from '#server/proxy/issued-kubeconfig.ts';
import { HelmCommandError } from './helm-runner-errors.ts';

/** A short-lived credential of the calling user, for one Helm operation; revoked when it ends. */
export interface HelmCredential {
  token: string;
  revoke(): Promise<void>;
}

/** Issues the calling user's short-lived proxy token (helm-runner-credentials.ts). */
export interface HelmCredentials {
  issue(caller: Caller, purpose: string, lifetimeMs: number): Promise<HelmCredential>;
}

export interface HelmRunOptions {
  /** YAML documents written to 0600 files and passed as `-f`, in order (later ones win). */
  values?: string[];
  signal?: AbortSignal;
  /** Killed after this long (helm's own --timeout should end it first). */
  killAfterMs?: number;
}

export interface HelmOutput {
  stdout: string;
  stderr: string;
}

/** One operation's private helm: its own directory, kubeconfig and token, all gone on close(). */
export interface HelmSession {
  run(args: readonly string[], options?: HelmRunOptions): Promise<HelmOutput>;
  close(): Promise<void>;
}

export interface HelmRunner {
  /**
   * A session acting as `caller` on `cluster` through Portolan's Kubernetes API proxy; its token says
   * `purpose` and lives `lifetimeMs` (default 5 minutes) unless the session closes first.
   */
  open(caller: Caller, cluster: string, purpose: string, lifetimeMs?: number): Promise<HelmSession>;
}

export interface HelmRunnerDeps {
  /** The helm binary (findHelm). */
  helmBin: () => Promise<string>;
  /** Portolan's own https proxy and the CA that signed it when the system does not trust it. */
  proxy: ProxyEndpoint;
  credentials: HelmCredentials;
  /** Where private directories are made (default the system's temporary directory). */
  tmpRoot?: string;
  /** Sees every argv before it runs (tests check that none carries a value or a token). */
  onSpawn?: (argv: readonly string[]) => void;
}

const OUTPUT_LIMIT = 64 * 1024 * 1024;
const DEFAULT_KILL_AFTER_MS = 15 * 60_000;

/**
 * Finds helm: `PORTOLAN_HELM_BIN`, else the sandbox binaries' directory. The error names both ways
 * to provide it.
 */
export function findHelm(
  env: NodeJS.ProcessEnv,
  sandboxBinaries: () => Promise<string>,
): () => Promise<string> {
  let found: Promise<string> | undefined;
  const locate = async () => {
    const candidates: string[] = [];
    if (env.PORTOLAN_HELM_BIN) candidates.push(env.PORTOLAN_HELM_BIN);
    else {
      const dir = await sandboxBinaries().catch(() => undefined);
      if (dir) candidates.push(path.join(dir, 'helm'));
    }
    for (const candidate of candidates) {
      if (
        await access(candidate).then(
          () => true,
          () => false,
        )
      )
        return candidate;
    }
    throw HelmCommandError.coded(
      503,
      'helm-missing',
      candidates.length
        ? { messageCode: 'helm-missing-at', params: { paths: candidates.join(', ') } }
        : { messageCode: 'helm-missing' },
    );
  };
  return () => {
    found ??= locate().catch((error: unknown) => {
      found = undefined;
      throw error;
    });
    return found;
  };
}

/**
 * The argv of one helm call: the operation's own arguments, then the private kubeconfig and the
 * values files. Values and tokens never appear here: other users of the machine can read argv.
 */
export function helmArgv(
  args: readonly string[],
  files: { kubeconfig: string; context: string; values: string[] },
): string[] {
  return [
    ...args,
    '--kubeconfig',
    files.kubeconfig,
    '--kube-context',
    files.context,
    ...files.values.flatMap((file) => ['-f', file]),
  ];
}

/** The only environment helm gets: its homes inside the private directory, and nothing of ours. */
export function helmEnv(dir: string): NodeJS.ProcessEnv {
  return {
    HOME: dir,
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HELM_CACHE_HOME: path.join(dir, 'cache'),
    HELM_CONFIG_HOME: path.join(dir, 'config'),
    HELM_DATA_HOME: path.join(dir, 'data'),
    HELM_NO_PLUGINS: '1',
    NO_COLOR: '1',
    TMPDIR: dir,
  };
}

export function createHelmRunner(deps: HelmRunnerDeps): HelmRunner {
  return {
    async open(caller, cluster, purpose, lifetimeMs = 5 * 60_000) {
      const helm = await deps.helmBin();
      const dir = await mkdtemp(path.join(deps.tmpRoot ?? os.tmpdir(), 'portolan-helm-'));
      await chmod(dir, 0o700);
      let credential: HelmCredential | undefined;
      const close = async () => {
        await rm(dir, { recursive: true, force: true });
        await credential?.revoke();
        credential = undefined;
      };
      try {
        credential = await deps.credentials.issue(caller, purpose, lifetimeMs);
        const kubeconfig = path.join(dir, 'kubeconfig');
        await writeFile(
          kubeconfig,
          renderProxyKubeconfig(deps.proxy, cluster, caller.username, credential.token),
          { mode: 0o600 },
        );
      } catch (error) {
        await close();
        throw error;
      }
      let calls = 0;
      return {
        async run(args, options = {}) {
          const call = ++calls;
          const values: string[] = [];
          for (const [index, text] of (options.values ?? []).entries()) {
            const file = path.join(dir, `values-${call}-${index}.yaml`);
            await writeFile(file, text, { mode: 0o600 });
            values.push(file);
          }
          const argv = helmArgv(args, { kubeconfig: path.join(dir, 'kubeconfig'), context: cluster, values });
          deps.onSpawn?.(argv);
          try {
            return await spawnHelm(helm, argv, dir, options);
          } finally {
            await Promise.all(values.map((file) => rm(file, { force: true })));
          }
        },
        close,
      };
    },
  };
}

function spawnHelm(helm: string, argv: string[], dir: string, options: HelmRunOptions): Promise<HelmOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(helm, argv, {
      cwd: dir,
      env: helmEnv(dir),
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > OUTPUT_LIMIT) child.kill('SIGKILL');
      else into.push(chunk);
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? DEFAULT_KILL_AFTER_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(
        options.signal?.aborted
          ? HelmCommandError.coded(409, 'cancelled', { messageCode: 'cancelled' })
          : HelmCommandError.coded(500, 'helm-failed', {
              messageCode: 'helm-not-started',
              params: { detail: error.message },
            }),
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0) resolve({ stdout, stderr });
      else if (options.signal?.aborted)
        reject(HelmCommandError.coded(409, 'cancelled', { messageCode: 'cancelled' }));
      else reject(HelmCommandError.fromHelm(stderr, signal ?? undefined));
    });
  });
}

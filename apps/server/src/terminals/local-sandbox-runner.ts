import { execFile, spawn } from 'node:child_process';
import { chmod, chown, copyFile, link, lstat, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startBridgeShell } from './runner/bridge-shell.ts';
import { bashrc, groupFile, passwdFile } from './runner/home-files.ts';
import { type HostRelay, isolatableTargets, startHostRelay } from './runner/proxy-relay.ts';
import { isExecutable } from './runner/pty-bridge-binary.ts';
import { rememberedUntilFailure } from './runner/remembered.ts';
import { DEFAULT_LIMITS, type SandboxLimits, type SandboxPlan, sandboxArgv } from './runner/sandbox-argv.ts';
import { createAccountPool, processesOf, type SessionAccount } from './runner/session-accounts.ts';
import { createHostHome } from './runner/session-home.ts';
import { claimWorkDir, sweepStaleWorkDirs } from './runner/stale-work-dirs.ts';
import type { SessionRunner, ShellProcess, ShellSpec } from './session-runner.ts';

/**
 * Runs each terminal's shell on this host in its own bubblewrap sandbox, on a pseudo-terminal from
 * tools/pty-bridge:
 * - new user, mount, PID, IPC and UTS namespaces; /usr and /etc read-only; a fresh /proc, /dev and /tmp;
 *   a private home (0700, removed when the session ends) holding only .kube/config, .bashrc and uploads;
 *   kubectl and helm read-only at /opt/portolan/bin. Nothing else of the host's files is there, so
 *   Portolan's data directory and other sessions' homes cannot be seen; the PID namespace hides the
 *   host's processes. The network (`network`) is the shell's own, reaching only Portolan's proxy
 *   through a relay, unless the proxy's address cannot be relayed that way (then the host's).
 * - when the server runs as root, each session runs as its own unused uid/gid (a slot from
 *   `accounts`), so the process limit is per session and one session cannot touch another's files.
 *   When the server is not root, every session runs as the server's own account: isolation then rests on
 *   the namespaces alone (the shell cannot see the server's files, but the processes limit counts all
 *   of the account's processes together, so it is not set, and a sandbox escape would be the server).
 * - limits through prlimit: CPU time, writable memory, processes, file size, open files.
 */
export interface LocalSandboxRunnerOptions {
  /** The pty-bridge binary (findPtyBridge). */
  ptyBridge: () => Promise<string>;
  /** The directory holding kubectl and helm (the sandbox binaries). */
  toolsDir: () => Promise<string>;
  /** bubblewrap; default /usr/bin/bwrap, else `bwrap` on PATH. */
  bwrap?: string;
  /** prlimit (util-linux); default /usr/bin/prlimit. */
  prlimit?: string;
  /**
   * The runner's own folder (made if missing, 0711): session homes, and copies of the tools the session
   * accounts may run. The caller removes it once the runner is done.
   */
  workDir: string;
  /** Sibling work folders named with this prefix whose replica was killed are removed on first use. */
  staleSiblings?: string;
  /** Host paths no shell may see even where a system folder is bound (Portolan's data directory). */
  hide?: string[];
  limits?: Partial<SandboxLimits>;
  /** Session accounts when the server is root: `slots` uids from `base` (default 1 000 000 000, 1000). */
  accounts?: { base?: number; slots?: number; lockDir?: string };
  /** How long close() waits after SIGTERM before SIGKILL (default 3 s). */
  killGraceMs?: number;
  /**
   * 'isolated' (the default): each shell has a network of its own that reaches only Portolan's proxy,
   * relayed in, when the kubeconfig names the proxy by a loopback address and a port from 1024 up;
   * otherwise (a proxy behind a load balancer's name or port 443) it shares the host's network.
   * 'shared': always the host's network.
   */
  network?: 'isolated' | 'shared';
  /** How long start() waits for the prompt's first byte (default 15 s). */
  startTimeoutMs?: number;
}

const SESSION_ID = /^[A-Za-z0-9_-]{1,100}$/;
const UNAVAILABLE_RECHECK_MS = 30_000;

export function createLocalSandboxRunner(options: LocalSandboxRunnerOptions): SessionRunner {
  const root = process.getuid?.() === 0;
  const limits: SandboxLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const pool = createAccountPool({
    base: options.accounts?.base ?? 1_000_000_000,
    slots: options.accounts?.slots ?? 1000,
    lockDir: options.accounts?.lockDir ?? path.join(os.tmpdir(), 'portolan-terminal-accounts'),
  });

  const prepare = rememberedUntilFailure(() => prepareHost(options, root));

  let verdict: { at: number; message: string | undefined } | undefined;

  return {
    kind: 'local-sandbox',

    async unavailable() {
      if (verdict && (verdict.message === undefined || Date.now() - verdict.at < UNAVAILABLE_RECHECK_MS)) {
        return verdict.message;
      }
      const message = await prepare().then(
        (host) => probe(host, pool, root),
        (error: unknown) => (error as Error).message,
      );
      verdict = { at: Date.now(), message };
      return message;
    },

    async start(spec: ShellSpec): Promise<ShellProcess> {
      if (!SESSION_ID.test(spec.sessionId)) {
        throw new Error(
          `a terminal session id is 1–100 letters, digits, - or _, not ${JSON.stringify(spec.sessionId)}`,
        );
      }
      const host = await prepare();
      const account = root ? await pool.acquire() : undefined;
      const sessionDir = path.join(host.workDir, 'sessions', spec.sessionId);
      const relays: HostRelay[] = [];
      const cleanup = async () => {
        await Promise.all(relays.map((relay) => relay.close()));
        if (account) await waitForNoProcesses(account.uid);
        await rm(sessionDir, { recursive: true, force: true });
        await account?.release();
      };
      try {
        const homeDir = path.join(sessionDir, 'home');
        await mkdir(sessionDir, { mode: 0o711 });
        await mkdir(homeDir, { mode: 0o700 });
        const owner = account ? { uid: account.uid, gid: account.gid } : undefined;
        if (owner) await chown(homeDir, owner.uid, owner.gid);
        const home = createHostHome({ root: homeDir, owner });
        await home.write('.kube/config', Buffer.from(spec.kubeconfig));
        await home.write('.bashrc', Buffer.from(bashrc(spec.cluster)));
        const ids = account ?? { uid: process.getuid?.() ?? 1000, gid: process.getgid?.() ?? 1000 };
        const passwd = path.join(sessionDir, 'passwd');
        const group = path.join(sessionDir, 'group');
        await writeFile(passwd, passwdFile(ids.uid, ids.gid), { mode: 0o644 });
        await writeFile(group, groupFile(ids.gid), { mode: 0o644 });
        const targets = options.network === 'shared' ? undefined : isolatableTargets(spec.kubeconfig);
        let network: SandboxPlan['network'] = 'shared';
        if (targets) {
          const runDir = path.join(sessionDir, 'run');
          await mkdir(runDir, { mode: 0o700 });
          if (owner) await chown(runDir, owner.uid, owner.gid);
          for (const [index, target] of targets.entries()) {
            relays.push(await startHostRelay(runDir, `proxy-${index}.sock`, target, owner));
          }
          network = {
            runDir,
            bridgeCopy: host.bridgeCopy,
            relays: targets.map((target, index) => ({
              listen: `${target.host}:${target.port}`,
              socket: `proxy-${index}.sock`,
            })),
          };
        }
        const plan: SandboxPlan = {
          ...host.programs,
          account: owner,
          limits,
          cols: spec.cols,
          rows: spec.rows,
          home: homeDir,
          bin: host.binDir,
          completion: host.completionDir,
          passwd,
          group,
          hide: host.hide,
          cluster: spec.cluster,
          disableUserns: host.disableUserns,
          network,
        };
        return await startBridgeShell({
          argv: sandboxArgv(plan),
          home,
          cleanup,
          killGraceMs: options.killGraceMs ?? 3000,
          startTimeoutMs: options.startTimeoutMs ?? 15_000,
        });
      } catch (error) {
        await cleanup();
        throw error;
      }
    },
  };
}

interface Prepared {
  programs: { bridge: string; prlimit: string; bwrap: string };
  workDir: string;
  /** kubectl and helm, where every session account can read them. */
  binDir: string;
  /** pty-bridge where every session account can run it (for the relay inside the sandbox). */
  bridgeCopy: string;
  /** kubectl.bash and helm.bash, their completion scripts. */
  completionDir: string;
  hide: { path: string; directory: boolean }[];
  disableUserns: boolean;
}

/** Finds the programs and lays out the work folder; its errors say what is missing and how to fix it. */
async function prepareHost(options: LocalSandboxRunnerOptions, root: boolean): Promise<Prepared> {
  const bwrap = await firstExecutable(
    options.bwrap ? [options.bwrap] : ['/usr/bin/bwrap', ...onPath('bwrap')],
  );
  if (!bwrap) {
    throw new Error(
      'bubblewrap is not installed, so terminals cannot be sandboxed: install it with `apt-get install bubblewrap` (bash scripts/bubblewrap.sh; the set-up does this)',
    );
  }
  const prlimit = await firstExecutable(
    options.prlimit ? [options.prlimit] : ['/usr/bin/prlimit', ...onPath('prlimit')],
  );
  if (!prlimit) {
    throw new Error(
      'prlimit is missing, so terminal limits cannot be set: install util-linux (`apt-get install util-linux`)',
    );
  }
  const bridge = await options.ptyBridge();
  const toolsDir = await options.toolsDir().catch((error: unknown) => {
    throw new Error(`kubectl and helm for terminals are missing: ${(error as Error).message}`);
  });
  for (const tool of ['kubectl', 'helm']) {
    if (!(await isExecutable(path.join(toolsDir, tool)))) {
      throw new Error(
        `no ${tool} in ${toolsDir}: build the sandbox binaries (bash sandbox/build.sh) or point PORTOLAN_SANDBOX_BIN at a folder holding kubectl and helm`,
      );
    }
  }

  const { workDir } = options;
  await mkdir(path.join(workDir, 'sessions'), { recursive: true });
  for (const dir of [workDir, path.join(workDir, 'sessions')]) {
    // A folder someone else made (or a link) in a shared temporary directory would let them into the homes.
    const info = await lstat(dir);
    if (!info.isDirectory() || info.uid !== process.getuid?.()) {
      throw new Error(
        `the terminals' work folder ${dir} is not a folder of Portolan's own account: remove it or choose another`,
      );
    }
  }
  // Session accounts pass through (x) but cannot list the homes of other sessions.
  await chmod(workDir, 0o711);
  await chmod(path.join(workDir, 'sessions'), 0o711);
  await claimWorkDir(workDir);
  // Folders of replicas killed before they could remove their own.
  if (options.staleSiblings) await sweepStaleWorkDirs(workDir, options.staleSiblings).catch(() => []);
  let binDir = toolsDir;
  if (root) {
    // The build cache is under /root, which the session accounts cannot enter: give them a copy (a hard
    // link when on the same file system).
    binDir = path.join(workDir, 'bin');
    await mkdir(binDir, { recursive: true, mode: 0o755 });
    await chmod(binDir, 0o755);
    for (const tool of ['kubectl', 'helm']) {
      const target = path.join(binDir, tool);
      await rm(target, { force: true });
      await link(path.join(toolsDir, tool), target).catch(() => copyFile(path.join(toolsDir, tool), target));
      await chmod(target, 0o755);
    }
  }
  const libexec = path.join(workDir, 'libexec');
  await mkdir(libexec, { recursive: true });
  await chmod(libexec, 0o755);
  const bridgeCopy = path.join(libexec, 'pty-bridge');
  await rm(bridgeCopy, { force: true });
  await copyFile(bridge, bridgeCopy);
  await chmod(bridgeCopy, 0o755);
  const completionDir = path.join(workDir, 'completion');
  await mkdir(completionDir, { recursive: true });
  await chmod(completionDir, 0o755);
  for (const tool of ['kubectl', 'helm']) {
    const script = await output(path.join(toolsDir, tool), ['completion', 'bash']);
    await writeFile(path.join(completionDir, `${tool}.bash`), script, { mode: 0o644 });
  }
  const hide: Prepared['hide'] = [];
  for (const hidden of options.hide ?? []) {
    const absolute = path.resolve(hidden);
    if (!['/usr', '/etc'].some((dir) => absolute === dir || absolute.startsWith(`${dir}/`))) continue;
    const info = await stat(absolute).catch(() => undefined);
    if (info) hide.push({ path: absolute, directory: info.isDirectory() });
  }
  const help = await output(bwrap, ['--help']).catch(() => '');
  return {
    programs: { bridge, prlimit, bwrap },
    workDir,
    binDir,
    bridgeCopy,
    completionDir,
    hide,
    disableUserns: help.includes('--disable-userns'),
  };
}

/** Starts an empty sandbox as a session account would: says why user namespaces are refused, if so. */
async function probe(
  host: Prepared,
  pool: ReturnType<typeof createAccountPool>,
  root: boolean,
): Promise<string | undefined> {
  let account: SessionAccount | undefined;
  try {
    account = root ? await pool.acquire() : undefined;
    const args = ['--unshare-user', '--unshare-pid', '--unshare-ipc', '--ro-bind', '/usr', '/usr'];
    args.push(
      '--symlink',
      'usr/bin',
      '/bin',
      '--symlink',
      'usr/lib',
      '/lib',
      '--symlink',
      'usr/lib64',
      '/lib64',
    );
    args.push('--proc', '/proc', '--dev', '/dev', '--', '/bin/true');
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(host.programs.bwrap, args, {
        stdio: ['ignore', 'ignore', 'pipe'],
        ...(account ? { uid: account.uid, gid: account.gid } : {}),
      });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
      });
      child.on('error', (error) => resolve({ code: -1, stderr: error.message }));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    if (result.code === 0) return undefined;
    return `bubblewrap cannot make a sandbox here (${result.stderr.trim() || `exit ${result.code}`}): allow unprivileged user namespaces (sysctl user.max_user_namespaces > 0, kernel.unprivileged_userns_clone=1, or the AppArmor rule for bwrap on Ubuntu)`;
  } catch (error) {
    return (error as Error).message;
  } finally {
    if (account) {
      await waitForNoProcesses(account.uid);
      await account.release();
    }
  }
}

/** A session's last processes can outlive bwrap for a moment while the PID namespace is torn down. */
async function waitForNoProcesses(uid: number, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while ((await processesOf(uid)).length > 0) {
    if (Date.now() > until) {
      for (const pid of await processesOf(uid)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {}
      }
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The first executable of `candidates`. */
async function firstExecutable(candidates: string[]): Promise<string | undefined> {
  for (const candidate of candidates) if (await isExecutable(candidate)) return candidate;
  return undefined;
}

function onPath(name: string): string[] {
  return (process.env.PATH ?? '')
    .split(':')
    .filter(Boolean)
    .map((dir) => path.join(dir, name));
}

function output(program: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { maxBuffer: 16 << 20 }, (error, stdout) => {
      if (error) reject(new Error(`${program} ${args.join(' ')} failed: ${error.message}`));
      else resolve(stdout);
    });
  });
}

/**
 * The command line that starts one session's shell: pty-bridge (the pseudo-terminal, and the switch to
 * the session's account) → prlimit (the limits) → bwrap (the sandbox) → bash.
 */

/** Per-session limits; each applies to the shell and everything it starts. */
export interface SandboxLimits {
  /** CPU time in seconds (RLIMIT_CPU), per process; SIGKILL 10 s after for a process that ignores SIGXCPU. */
  cpuSeconds: number;
  /**
   * Writable memory in bytes (RLIMIT_DATA), per process. Not the address space (RLIMIT_AS): kubectl and
   * helm are Go programs that reserve far more address space than they use, and die at a 1 GiB RLIMIT_AS.
   */
  memoryBytes: number;
  /** Processes and threads of the session's account (RLIMIT_NPROC). */
  processes: number;
  /** Largest file the shell may write, in bytes (RLIMIT_FSIZE). */
  fileSizeBytes: number;
  /** Open files per process (RLIMIT_NOFILE). */
  openFiles: number;
  /** Size of the sandbox's /tmp, which lives in memory. */
  tmpBytes: number;
}

export const DEFAULT_LIMITS: SandboxLimits = {
  cpuSeconds: 600,
  memoryBytes: 1024 * 1024 * 1024,
  processes: 128,
  fileSizeBytes: 64 * 1024 * 1024,
  openFiles: 1024,
  tmpBytes: 256 * 1024 * 1024,
};

/** Where things are inside the sandbox. */
export const SANDBOX_HOME = '/home/portolan';
export const SANDBOX_BIN = '/opt/portolan/bin';
/** pty-bridge inside the sandbox, for its TCP-to-socket relay. */
export const SANDBOX_BRIDGE = '/opt/portolan/libexec/pty-bridge';
/** The relay sockets to Portolan's proxy. */
export const SANDBOX_RUN = '/run/portolan';
/** kubectl's and helm's bash completion scripts, made once per runner (running them per shell costs ~0.2 s). */
export const SANDBOX_COMPLETION = '/opt/portolan/completion';
export const SANDBOX_USER = 'portolan';

export interface SandboxPlan {
  bridge: string;
  prlimit: string;
  bwrap: string;
  /** The session's account, or undefined to keep the server's own (when it is not root). */
  account: { uid: number; gid: number } | undefined;
  limits: SandboxLimits;
  cols: number;
  rows: number;
  /** Host paths bound into the sandbox. */
  home: string;
  bin: string;
  completion: string;
  passwd: string;
  group: string;
  /** Host paths under a bound system directory that must not be seen (Portolan's data directory). */
  hide: readonly { path: string; directory: boolean }[];
  cluster: string;
  /**
   * 'shared': the host's network. Otherwise the sandbox gets its own (only loopback) and each relay
   * listens on `listen` inside, carried to the host through `socket` (a name in `runDir`).
   */
  network: 'shared' | { runDir: string; bridgeCopy: string; relays: { listen: string; socket: string }[] };
  /** Whether this bwrap knows --disable-userns (0.8+), which stops the shell making user namespaces. */
  disableUserns: boolean;
}

/** The system directories every shell sees, read-only. */
const SYSTEM_DIRS = ['/usr', '/etc'];
/** Debian's merged /usr: these are symbolic links into it. */
const USR_LINKS = [
  ['usr/bin', '/bin'],
  ['usr/sbin', '/sbin'],
  ['usr/lib', '/lib'],
  ['usr/lib64', '/lib64'],
] as const;

/** The argv for spawn (the first element is the program). */
export function sandboxArgv(plan: SandboxPlan): string[] {
  const bridge = [plan.bridge, '-cols', String(plan.cols), '-rows', String(plan.rows)];
  if (plan.account) bridge.push('-uid', String(plan.account.uid), '-gid', String(plan.account.gid));
  const { limits, network } = plan;
  const prlimit = [
    plan.prlimit,
    // SIGXCPU at the limit says "CPU time limit exceeded"; SIGKILL follows 10 s later for one that ignores it.
    `--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 10}`,
    `--data=${limits.memoryBytes}`,
    // Without an account of its own the shell shares the server's, whose processes would all count.
    ...(plan.account ? [`--nproc=${limits.processes}`] : []),
    `--fsize=${limits.fileSizeBytes}`,
    `--nofile=${limits.openFiles}`,
    '--core=0',
  ];
  const bwrap = [
    plan.bwrap,
    // New user, mount, PID, IPC and UTS namespaces, and network unless the proxy cannot be relayed in.
    // No --new-session: the shell keeps the pty as its controlling terminal for job control; the
    // terminal is the session's own, so TIOCSTI reaches nothing outside it.
    '--unshare-user',
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--unshare-cgroup-try',
    ...(network === 'shared'
      ? []
      : [
          '--unshare-net',
          '--ro-bind',
          network.bridgeCopy,
          SANDBOX_BRIDGE,
          '--bind',
          network.runDir,
          SANDBOX_RUN,
        ]),
    '--hostname',
    'portolan',
    '--die-with-parent',
    ...(plan.disableUserns ? ['--disable-userns'] : []),
    ...SYSTEM_DIRS.flatMap((dir) => ['--ro-bind', dir, dir]),
    ...USR_LINKS.flatMap(([target, link]) => ['--symlink', target, link]),
    ...plan.hide.flatMap((hidden) =>
      hidden.directory ? ['--tmpfs', hidden.path] : ['--ro-bind', '/dev/null', hidden.path],
    ),
    '--ro-bind',
    plan.passwd,
    '/etc/passwd',
    '--ro-bind',
    plan.group,
    '/etc/group',
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--size',
    String(limits.tmpBytes),
    '--tmpfs',
    '/tmp',
    '--bind',
    plan.home,
    SANDBOX_HOME,
    '--ro-bind',
    plan.bin,
    SANDBOX_BIN,
    '--ro-bind',
    plan.completion,
    SANDBOX_COMPLETION,
    '--chdir',
    SANDBOX_HOME,
    '--clearenv',
    ...Object.entries(shellEnv(plan.cluster)).flatMap(([name, value]) => ['--setenv', name, value]),
  ];
  const relay =
    network === 'shared'
      ? []
      : [
          SANDBOX_BRIDGE,
          ...network.relays.flatMap((r) => ['-relay', `${r.listen}=${SANDBOX_RUN}/${r.socket}`]),
          '--',
        ];
  return [...bridge, '--', ...prlimit, '--', ...bwrap, '--', ...relay, '/bin/bash', '-i'];
}

function shellEnv(cluster: string): Record<string, string> {
  return {
    HOME: SANDBOX_HOME,
    USER: SANDBOX_USER,
    LOGNAME: SANDBOX_USER,
    SHELL: '/bin/bash',
    PATH: `${SANDBOX_BIN}:/usr/local/bin:/usr/bin:/bin`,
    TERM: 'xterm-256color',
    COLORTERM: 'truecolor',
    LANG: 'C.UTF-8',
    KUBECONFIG: `${SANDBOX_HOME}/.kube/config`,
    PORTOLAN_CLUSTER: cluster,
  };
}

import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

export interface StartedProcess {
  pid: number;
  /** Resolves with the exit code when the process ends while this Node process watches it. */
  exited: Promise<number | null>;
}

/**
 * Starts a long-lived component in its own process group, detached, with stdout and stderr
 * appended to its log file, so it outlives the Portolan process that started it.
 */
export function startDetached(
  binary: string,
  args: string[],
  logPath: string,
  env: NodeJS.ProcessEnv = {},
): StartedProcess {
  const log = openSync(logPath, 'a');
  try {
    const child = spawn(binary, args, {
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...process.env, ...env },
    });
    const exited = new Promise<number | null>((resolve) => {
      child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null)));
      child.once('error', () => resolve(127));
    });
    child.unref();
    if (child.pid === undefined) throw new Error(`could not start ${binary}`);
    return { pid: child.pid, exited };
  } finally {
    closeSync(log);
  }
}

/**
 * True when `pid` is alive and is still the program we started (its command line names the
 * binary), so a recycled process id is never mistaken for a sandbox component.
 */
export function isRunning(pid: number | undefined, binary: string): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (!cmdline.split('\0')[0]?.endsWith(binary.split('/').pop() ?? binary)) return false;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // A zombie has exited; it only waits for its parent to reap it.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends SIGTERM, waits up to `graceMs`, then SIGKILL; resolves once the process is gone. */
export async function stopProcess(pid: number, binary: string, graceMs = 10_000): Promise<void> {
  if (!isRunning(pid, binary)) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isRunning(pid, binary)) return;
    await sleep(50);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  while (isRunning(pid, binary)) await sleep(20);
}

/** The last lines of a log, for error messages. */
export async function tailLog(logPath: string, lines = 15): Promise<string> {
  try {
    const text = await readFile(logPath, 'utf8');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log written)';
  }
}

/** Resident memory of a process in bytes, from /proc (0 when it is gone). */
export function residentBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match?.[1] ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

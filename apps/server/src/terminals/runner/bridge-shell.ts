import { type ChildProcess, spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import type { SessionHome, ShellExit, ShellProcess } from '../session-runner.ts';

/**
 * A ShellProcess over a running pty-bridge: its stdout is the terminal's output, its stdin the input,
 * its fd 3 the resize requests. `cleanup` runs once the bridge has ended (whatever ended it) and before
 * exit listeners hear of it: it waits out the sandbox's last processes and removes the home.
 */
export interface BridgeShellOptions {
  argv: readonly string[];
  home: SessionHome;
  cleanup: () => Promise<void>;
  /** How long close() waits after SIGTERM before SIGKILL. */
  killGraceMs: number;
  /** How long start waits for the first byte of output (the prompt). */
  startTimeoutMs: number;
}

/** Output kept for a listener that has not subscribed yet (start resolves on the first byte). */
const EARLY_OUTPUT_LIMIT = 256 * 1024;
const DIAGNOSTIC_LIMIT = 4096;

export async function startBridgeShell(options: BridgeShellOptions): Promise<ShellProcess> {
  const [program, ...args] = options.argv;
  const child: ChildProcess = spawn(program as string, args, { stdio: ['pipe', 'pipe', 'pipe', 'pipe'] });
  const stdin = child.stdin as Writable;
  const resizes = child.stdio[3] as Writable;
  // A write after the bridge is gone must not throw out of an event handler.
  stdin.on('error', () => {});
  resizes.on('error', () => {});

  const dataListeners = new Set<(chunk: Buffer) => void>();
  const exitListeners: ((exit: ShellExit) => void)[] = [];
  let early: Buffer[] = [];
  let earlyBytes = 0;
  let diagnostics = '';
  let ended: ShellExit | undefined;

  child.stdout?.on('data', (chunk: Buffer) => {
    if (dataListeners.size === 0) {
      if (earlyBytes + chunk.length <= EARLY_OUTPUT_LIMIT) {
        early.push(chunk);
        earlyBytes += chunk.length;
      }
      return;
    }
    for (const listener of dataListeners) listener(chunk);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    diagnostics = (diagnostics + chunk.toString('utf8')).slice(-DIAGNOSTIC_LIMIT);
  });

  const finished = new Promise<ShellExit>((resolve) => {
    let spawnError: Error | undefined;
    child.on('error', (error) => {
      spawnError = error;
    });
    child.on('close', (code, signal) => {
      if (spawnError) diagnostics += spawnError.message;
      resolve({ code, signal });
    });
  }).then(async (exit) => {
    await options.cleanup().catch(() => {});
    ended = exit;
    for (const listener of exitListeners.splice(0)) listener(exit);
    return exit;
  });

  // Started means the sandbox printed something (its prompt, or why it could not start).
  const firstOutput = new Promise<'output' | 'exit' | 'timeout'>((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), options.startTimeoutMs);
    child.stdout?.once('data', () => {
      clearTimeout(timer);
      resolve('output');
    });
    void finished.then(() => {
      clearTimeout(timer);
      resolve('exit');
    });
  });
  const outcome = await firstOutput;
  if (outcome !== 'output') {
    if (outcome === 'timeout') child.kill('SIGKILL');
    const exit = await finished;
    const said = diagnostics.trim() || Buffer.concat(early).toString('utf8').trim();
    throw new Error(
      outcome === 'timeout'
        ? `the terminal's shell printed nothing within ${options.startTimeoutMs} ms${said ? `: ${said}` : ''}`
        : `the terminal's sandbox ended at once (exit ${exit.code ?? exit.signal})${said ? `: ${said}` : ''}`,
    );
  }

  let closing: Promise<void> | undefined;
  return {
    onData(listener) {
      dataListeners.add(listener);
      if (early.length) {
        const kept = early;
        early = [];
        earlyBytes = 0;
        for (const chunk of kept) listener(chunk);
      }
      return () => {
        dataListeners.delete(listener);
      };
    },
    onExit(listener) {
      if (ended) queueMicrotask(() => listener(ended as ShellExit));
      else exitListeners.push(listener);
    },
    write(input) {
      if (!ended && stdin.writable) stdin.write(input);
    },
    resize(cols, rows) {
      if (!Number.isInteger(cols) || !Number.isInteger(rows) || cols < 1 || rows < 1) return;
      if (!ended && resizes.writable) resizes.write(`${Math.min(cols, 65535)} ${Math.min(rows, 65535)}\n`);
    },
    home: options.home,
    close() {
      closing ??= (async () => {
        if (!ended) {
          // The bridge kills the sandbox's process group; bwrap's --die-with-parent and the PID namespace
          // take the rest, background jobs in their own groups included.
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), options.killGraceMs);
          await finished;
          clearTimeout(timer);
        }
        await finished;
      })();
      return closing;
    },
  };
}

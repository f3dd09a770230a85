import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findSandboxBinaries } from '@portolan/sandbox';
import { createLocalSandboxRunner, type LocalSandboxRunnerOptions } from '../local-sandbox-runner.ts';
import type { SessionRunner, ShellExit, ShellProcess } from '../session-runner.ts';
import { findPtyBridge } from './pty-bridge-binary.ts';

/**
 * For tests: a local sandbox runner with a throwaway work folder, and a driver that types a command
 * into a shell and waits for what it printed.
 */
export async function testRunner(
  options: Partial<LocalSandboxRunnerOptions> = {},
): Promise<{ runner: SessionRunner; workDir: string; dispose: () => Promise<void> }> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'terminal-runner-test-'));
  const runner = createLocalSandboxRunner({
    ptyBridge: findPtyBridge(process.env),
    toolsDir: () => findSandboxBinaries(process.env),
    workDir,
    ...options,
  });
  return { runner, workDir, dispose: () => rm(workDir, { recursive: true, force: true }) };
}

/** A kubeconfig pointing nowhere: the shell starts, kubectl finds no server. */
export const NOWHERE_KUBECONFIG = [
  'apiVersion: v1',
  'kind: Config',
  'clusters: [{name: nowhere, cluster: {server: "https://127.0.0.1:1999"}}]',
  'users: [{name: nobody, user: {token: not-a-token}}]',
  'contexts: [{name: nowhere, context: {cluster: nowhere, user: nobody}}]',
  'current-context: nowhere',
  '',
].join('\n');

let sessions = 0;
export function sessionId(): string {
  sessions += 1;
  return `test-${process.pid}-${sessions}`;
}

export interface ShellDriver {
  shell: ShellProcess;
  /** Everything printed so far, escape sequences removed. */
  output(): string;
  /** Types `command`, waits until it has finished, and returns what it printed (not its echo). */
  run(command: string, timeoutMs?: number): Promise<string>;
  /** Waits until the text printed since `from` (an earlier output().length, default 0) matches. */
  waitFor(pattern: RegExp, timeoutMs?: number, from?: number): Promise<string>;
  exited: Promise<ShellExit>;
}

let marks = 0;

export function drive(shell: ShellProcess): ShellDriver {
  let text = '';
  const waiters = new Set<() => void>();
  shell.onData((chunk) => {
    text += plain(chunk.toString('utf8'));
    for (const waiter of waiters) waiter();
  });
  const exited = new Promise<ShellExit>((resolve) => shell.onExit(resolve));

  const waitFor = (pattern: RegExp, timeoutMs = 10_000, from = 0) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const seen = text.slice(from);
        if (pattern.test(seen)) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(seen);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(
          new Error(
            `the shell did not print ${pattern} within ${timeoutMs} ms; it printed:\n${text.slice(from)}`,
          ),
        );
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return {
    shell,
    output: () => text,
    waitFor,
    async run(command, timeoutMs) {
      marks += 1;
      const mark = `==mark-${marks}==`;
      // The command goes in as base64 so that its echo holds none of its words (nor the mark), and
      // what it printed is everything after that echoed line up to the mark.
      const encoded = Buffer.from(`${command}\necho "${mark}"\n`).toString('base64');
      const from = text.length;
      shell.write(`eval "$(echo ${encoded} | base64 -d)"\n`);
      const seen = await waitFor(new RegExp(`^${mark}$`, 'm'), timeoutMs, from);
      // Typed ahead of the prompt, the line is echoed twice: by the terminal, then by readline.
      const end = seen.lastIndexOf(mark);
      const echoed = seen.lastIndexOf('base64 -d)"\n', end);
      return seen.slice(echoed >= 0 ? echoed + 'base64 -d)"\n'.length : 0, end);
    },
    exited,
  };
}

/** Terminal output without colour and cursor sequences, and with plain newlines. */
export function plain(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences are control characters
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r/g, '');
}

import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ComponentSpec } from './components.ts';
import { SandboxError } from './errors.ts';
import { listensOn } from './port-owner.ts';
import { isRunning, type StartedProcess, startDetached, stopProcess, tailLog } from './processes.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const READY_TIMEOUT_MS: Record<string, number> = {
  etcd: 30_000,
  'kube-apiserver': 90_000,
  'kube-controller-manager': 60_000,
  'kube-scheduler': 60_000,
  kwok: 60_000,
  'metrics-server': 60_000,
};

export interface LaunchedComponent {
  spec: ComponentSpec;
  pid: number;
  readyMs: number;
}

/** Bytes in the log before this start: what an earlier run wrote must not explain this one. */
const logSize = (logPath: string) => {
  try {
    return statSync(logPath).size;
  } catch {
    return 0;
  }
};

async function explainEarlyExit(
  spec: ComponentSpec,
  code: number | null,
  logStart: number,
): Promise<SandboxError> {
  const tail = await tailLog(spec.logPath);
  const log = (await readFile(spec.logPath).catch(() => Buffer.alloc(0))).subarray(logStart).toString('utf8');
  if (/address already in use/i.test(log)) {
    return new SandboxError(
      'port-taken',
      `${spec.name} could not listen: a port it needs is taken by another process (see ${spec.logPath}). ` +
        'Start the sandbox again to pick free ports, or free the port.',
      { component: spec.name, logPath: spec.logPath },
    );
  }
  return new SandboxError(
    'component-exited',
    `${spec.name} exited with code ${code} before it was ready; its log is ${spec.logPath}. Last lines:\n${tail}`,
    { component: spec.name, logPath: spec.logPath },
  );
}

/** Starts one component and waits until its readiness check passes or it fails. */
async function launchOne(spec: ComponentSpec, onStarted: (pid: number) => void): Promise<LaunchedComponent> {
  await spec.prepare?.();
  const started = Date.now();
  const logStart = logSize(spec.logPath);
  let process: StartedProcess;
  try {
    process = startDetached(spec.binary, spec.args, spec.logPath, spec.env);
  } catch (error) {
    throw new SandboxError(
      'component-failed',
      `could not start ${spec.name} (${spec.binary}): ${String(error)}`,
      {
        component: spec.name,
        logPath: spec.logPath,
      },
    );
  }
  onStarted(process.pid);
  let exitCode: number | null | undefined;
  void process.exited.then((code) => {
    exitCode = code;
  });
  const deadline = started + (READY_TIMEOUT_MS[spec.name] ?? 60_000);
  let answeredByOther = false;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw await explainEarlyExit(spec, exitCode, logStart);
    if (await spec.ready()) {
      // An answer proves readiness only if it came from our process: another one may have taken
      // the port after it was picked (and may exit while we talk to it).
      if (listensOn(process.pid, spec.port) && isRunning(process.pid, spec.binary))
        return { spec, pid: process.pid, readyMs: Date.now() - started };
      answeredByOther = true;
    }
    await sleep(100);
  }
  if (exitCode !== undefined) throw await explainEarlyExit(spec, exitCode, logStart);
  if (answeredByOther) {
    throw new SandboxError(
      'port-taken',
      `${spec.name} could not be reached: another process answers on its port ${spec.port} (see ${spec.logPath}). Start the sandbox again to pick free ports.`,
      { component: spec.name, logPath: spec.logPath },
    );
  }
  throw new SandboxError(
    'component-not-ready',
    `${spec.name} did not become ready within ${(deadline - started) / 1000} s; its log is ${spec.logPath}. Last lines:\n${await tailLog(spec.logPath)}`,
    { component: spec.name, logPath: spec.logPath },
  );
}

/**
 * Starts the components in order, each once the one before is ready. On any failure every
 * process started so far is stopped before the error is thrown, so nothing is left behind.
 */
export async function launchAll(
  specs: ComponentSpec[],
  onStarted: (name: string, pid: number) => Promise<void> | void,
): Promise<LaunchedComponent[]> {
  const launched: { spec: ComponentSpec; pid: number }[] = [];
  const results: LaunchedComponent[] = [];
  try {
    for (const spec of specs) {
      const result = await launchOne(spec, (pid) => {
        launched.push({ spec, pid });
      });
      await onStarted(spec.name, result.pid);
      results.push(result);
    }
    return results;
  } catch (error) {
    await stopAll(launched);
    throw error;
  }
}

/** Stops components in the reverse of their start order. */
export async function stopAll(
  processes: { spec: { name: string; binary: string }; pid: number }[],
): Promise<void> {
  for (const { spec, pid } of [...processes].reverse()) await stopProcess(pid, spec.binary);
}

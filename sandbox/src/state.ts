import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ComponentName, SandboxPorts } from './components.ts';
import type { SandboxOptions } from './options.ts';

/** What is kept on disk about a sandbox, so it is found again after Portolan restarts. */
export interface SandboxState {
  name: string;
  createdAt: string;
  options: SandboxOptions;
  ports: SandboxPorts;
  binDir: string;
  /** metrics-server's binary when this sandbox runs it (options.metricsServer and it was found). */
  metricsServerBin?: string;
  /** Why this sandbox has no metrics-server, when it has none. */
  metricsUnavailable?: string;
  /**
   * The control plane's Kubernetes version and the directory of its kube-apiserver,
   * kube-controller-manager and kube-scheduler; absent (a sandbox made before versions): the main build.
   */
  version?: string;
  controlPlaneBinDir?: string;
  /** Node names per pool, as made (pool sandboxes only). */
  poolNodes?: Record<string, string[]>;
  /** The kubelet version each pool node reports (its version since its last upgrade). */
  nodeVersions?: Record<string, string>;
  /** Process ids of the components as last started. */
  pids: Partial<Record<ComponentName, number>>;
}

export const stateFile = (dir: string) => path.join(dir, 'sandbox.json');

export async function readState(dir: string): Promise<SandboxState | undefined> {
  try {
    return JSON.parse(await readFile(stateFile(dir), 'utf8')) as SandboxState;
  } catch {
    return undefined;
  }
}

/**
 * Writes through a temporary file of this write's own, renamed over the state file, so a crash
 * never leaves half a state file, and two writers (the CLI and a server over the same data
 * directory, or two steps of one start) never rename each other's half-written file or find
 * theirs gone.
 */
export async function writeState(dir: string, state: SandboxState): Promise<void> {
  const file = stateFile(dir);
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

import { readFile, rename, writeFile } from 'node:fs/promises';
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

/** Writes through a temporary file so a crash never leaves half a state file. */
export async function writeState(dir: string, state: SandboxState): Promise<void> {
  const file = stateFile(dir);
  await writeFile(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
}

import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const made = new Set<string>();

/**
 * A private temporary directory that goes when the test process exits, however its test ended (a
 * failed assertion skips the test's own clean-up; a fixture may have none). Each test file runs in a
 * process of its own, so nothing is left in the system's temporary directory after a run.
 */
export async function testTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  if (made.size === 0)
    process.once('exit', () => {
      for (const each of made) rmSync(each, { recursive: true, force: true });
    });
  made.add(dir);
  return dir;
}

import { lstat, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const OWNER_FILE = 'owner.pid';
const DAY_MS = 86_400_000;

/** Records which process uses a terminals work folder, so a later start can tell it was left behind. */
export async function claimWorkDir(workDir: string): Promise<void> {
  await writeFile(path.join(workDir, OWNER_FILE), `${process.pid}\n`, { mode: 0o644 });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another account.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the terminals work folders of replicas that were killed (their homes and uploads would
 * otherwise stay in the temporary directory): siblings of `own` whose names start with `prefix`, made
 * by this account, whose owner process is gone, or that name no owner and were last changed more than
 * a day ago. Answers the folders removed.
 */
export async function sweepStaleWorkDirs(own: string, prefix: string, now = Date.now()): Promise<string[]> {
  const parent = path.dirname(own);
  const removed: string[] = [];
  for (const name of await readdir(parent).catch(() => [] as string[])) {
    const dir = path.join(parent, name);
    if (!name.startsWith(prefix) || dir === own) continue;
    const info = await lstat(dir).catch(() => undefined);
    if (!info?.isDirectory() || info.uid !== process.getuid?.()) continue;
    const owner = Number.parseInt(await readFile(path.join(dir, OWNER_FILE), 'utf8').catch(() => ''), 10);
    const stale = Number.isInteger(owner) && owner > 0 ? !alive(owner) : now - info.mtimeMs > DAY_MS;
    if (!stale) continue;
    await rm(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

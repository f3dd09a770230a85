import { lstat, mkdir, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Unused user ids for sessions when the server runs as root: one per open session (base + slot), so
 * per-account limits (processes) are per session and no session can touch another's files.
 *
 * Several Portolan processes on one machine (replicas, tests) share the range: a slot is taken by
 * creating `<lockDir>/<uid>` exclusively with the taker's pid inside. A lock whose pid is gone is taken
 * over. A uid that appears in /etc/passwd or still has processes is skipped.
 */
export interface SessionAccount {
  uid: number;
  gid: number;
  /** Gives the slot back; call only once no process of the account is left. */
  release(): Promise<void>;
}

export interface AccountPoolOptions {
  base: number;
  slots: number;
  lockDir: string;
}

export function createAccountPool(options: AccountPoolOptions) {
  let next = 0;
  let known: Promise<Set<number>> | undefined;

  const take = async (uid: number): Promise<boolean> => {
    const lock = path.join(options.lockDir, String(uid));
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const handle = await open(lock, 'wx', 0o644);
        await handle.writeFile(String(process.pid));
        await handle.close();
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = Number(await readFile(lock, 'utf8').catch(() => ''));
      // A holder still writing its pid (0 here) or alive keeps the slot.
      if (!holder || isAlive(holder)) return false;
      await rm(lock, { force: true });
    }
    return false;
  };

  return {
    async acquire(): Promise<SessionAccount> {
      known ??= passwdIds();
      await mkdir(options.lockDir, { recursive: true, mode: 0o700 });
      // Shared temporary folders let anyone make this folder first: take only one of our own.
      const folder = await lstat(options.lockDir);
      if (!folder.isDirectory() || folder.uid !== process.getuid?.() || (folder.mode & 0o022) !== 0) {
        throw new Error(
          `the terminal accounts' lock folder ${options.lockDir} is not a private folder of Portolan's account: remove it`,
        );
      }
      const inPasswd = await known;
      const busy = await processUids();
      for (let tried = 0; tried < options.slots; tried++) {
        const uid = options.base + ((next + tried) % options.slots);
        if (inPasswd.has(uid) || busy.has(uid)) continue;
        if (!(await take(uid))) continue;
        next = (next + tried + 1) % options.slots;
        let released = false;
        return {
          uid,
          gid: uid,
          release: async () => {
            if (released) return;
            released = true;
            await rm(path.join(options.lockDir, String(uid)), { force: true });
          },
        };
      }
      throw new Error(
        `all ${options.slots} terminal accounts (uids ${options.base}–${options.base + options.slots - 1}) are in use: end some terminals, or raise the runner's account slots`,
      );
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function passwdIds(): Promise<Set<number>> {
  const ids = new Set<number>();
  for (const file of ['/etc/passwd', '/etc/group']) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      const id = Number(line.split(':')[2]);
      if (Number.isInteger(id)) ids.add(id);
    }
  }
  return ids;
}

/** The user ids that own the machine's processes (zombies included). */
export async function processUids(): Promise<Set<number>> {
  return new Set((await owners()).map(([, uid]) => uid));
}

/** Pids of the live processes of `uid`, zombies left out (they hold nothing but their pid). */
export async function processesOf(uid: number): Promise<number[]> {
  const found: number[] = [];
  for (const [pid, owner] of await owners()) {
    if (owner !== uid) continue;
    // The sandbox's init is reparented to the host's init when bwrap goes, which may reap it late.
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state && state !== 'Z') found.push(pid);
  }
  return found;
}

/** Each process with the owner of its /proc entry (its effective uid): one stat each, in parallel. */
async function owners(): Promise<[number, number][]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  const owned = await Promise.all(
    pids.map((pid) =>
      stat(`/proc/${pid}`).then(
        (info): [number, number] => [Number(pid), info.uid],
        () => undefined,
      ),
    ),
  );
  return owned.filter((entry) => entry !== undefined);
}

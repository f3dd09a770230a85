import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

const read = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return ''; // the process ended meanwhile
  }
};

/** Every process below `root` (its children, theirs, …), by /proc's parent links. */
function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    // The parent is the 4th field of stat, after the command in brackets (which may hold spaces).
    const stat = read(`/proc/${entry}/stat`);
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(root);
  return found;
}

/**
 * Sets the scheduling priority of every thread of this process's descendants whose command line
 * contains `match` (Linux keeps a nice value per thread), and of their autogroups. Gives the number
 * of processes changed.
 */
export function setPriorityOfDescendants(match: string, nice: number): number {
  let changed = 0;
  for (const pid of descendantsOf(process.pid)) {
    if (!read(`/proc/${pid}/cmdline`).includes(match)) continue;
    let threads: string[] = [];
    try {
      threads = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    // With the kernel's autogroups, each session is scheduled as one group beside the others, and
    // a thread's nice counts only within its group: the group's own nice is set too.
    try {
      writeFileSync(`/proc/${pid}/autogroup`, String(nice));
    } catch {
      // no autogroups on this kernel
    }
    for (const thread of threads) {
      try {
        os.setPriority(Number(thread), nice);
      } catch {
        // a thread that ended meanwhile
      }
    }
    changed++;
  }
  return changed;
}

/**
 * Puts the browser this process launched ahead of the sandboxes: each sandbox component runs in a
 * session of its own, and with the kernel's autogroups each session is scheduled as one group beside
 * the others, so on a busy machine a browser otherwise gets one share among a dozen. Needs the right
 * to raise priority (root); without it nothing changes.
 */
export function favourBrowser(): void {
  if (process.getuid?.() === 0) setPriorityOfDescendants('chrom', -5);
}

import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

export interface YoungCollections {
  count: number;
  /** Median pause, ms. */
  medianPause: number;
  /** Median bytes one collection kept: copied within the young generation or moved to the old. */
  medianKept: number;
}

/**
 * Runs query-loop.ts in a child process under V8's `--trace-gc-nvp` and reads its young-generation
 * collections (`gc=s` lines): how many, how long each paused, how much each kept. What a young
 * collection keeps, it copies (within the young generation, or to the old one), so what outlived its
 * query shows here.
 */
export async function youngCollections(options: {
  url: string;
  queries: number;
  plain?: boolean;
}): Promise<YoungCollections> {
  const script = path.join(import.meta.dirname, 'query-loop.ts');
  const args = ['--trace-gc-nvp', script, '--url', options.url, '--queries', String(options.queries)];
  if (options.plain) args.push('--plain');
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 64 << 20 });
  const pauses: number[] = [];
  const kept: number[] = [];
  for (const line of stdout.split('\n')) {
    if (!/\bgc=s\b/.test(line)) continue;
    pauses.push(Number(/\bpause=([\d.]+)/.exec(line)?.[1] ?? Number.NaN));
    const bytes = (field: string) => Number(new RegExp(`\\b${field}=(\\d+)`).exec(line)?.[1] ?? Number.NaN);
    kept.push(bytes('new_space_survived') + bytes('promoted'));
  }
  const median = (list: number[]) =>
    [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? Number.NaN;
  return { count: pauses.length, medianPause: median(pauses), medianKept: median(kept) };
}

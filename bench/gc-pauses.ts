import { PerformanceObserver } from 'node:perf_hooks';

/** One garbage-collection pause: when it began (ms since the epoch) and how long it held the thread. */
export type GcPause = [start: number, ms: number];

/** Records this process's garbage-collection pauses from now on, as Node reports them. */
export function recordGcPauses(): GcPause[] {
  const pauses: GcPause[] = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      pauses.push([performance.timeOrigin + entry.startTime, entry.duration]);
  }).observe({ entryTypes: ['gc'] });
  return pauses;
}

/** How many milliseconds of `pauses` fall between `from` and `to` (ms since the epoch). */
export function pausedWithin(pauses: GcPause[], from: number, to: number): number {
  let total = 0;
  for (const [start, ms] of pauses) total += Math.max(0, Math.min(to, start + ms) - Math.max(from, start));
  return total;
}

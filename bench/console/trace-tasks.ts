import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';

let traces = 0;

/** The page's main-thread tasks while a step ran, from a Chrome trace: wall time and the thread's own CPU time. */
export interface TaskFigures {
  tasks: number;
  /** The longest task by wall time, and the CPU time the thread spent in that same task. */
  longestWall: number;
  longestWallCpu: number;
  /** The longest task by the thread's CPU time. */
  longestCpu: number;
  over50Wall: number;
  over50Cpu: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/**
 * Runs `step` under a Chrome trace and reads the renderer's main-thread tasks from it. On a busy
 * machine a task's wall time includes waiting for a core; its thread time (`tdur`) is the page's own
 * work, so both are given: a long wall time with a short thread time is the machine, not the page.
 */
export async function traceTasks<T>(
  browser: Browser,
  page: Page,
  step: () => Promise<T>,
): Promise<{ value: T; figures: TaskFigures }> {
  await browser.startTracing(page, {
    categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'],
  });
  const value = await step();
  const trace = await browser.stopTracing();
  // PORTOLAN_BENCH_TRACE_DIR=dir: each trace is kept there too (DevTools' Performance panel opens it).
  const keep = process.env.PORTOLAN_BENCH_TRACE_DIR;
  if (keep) await writeFile(path.join(keep, `trace-${++traces}.json`), trace);
  const { traceEvents } = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] };
  const mains = new Set(
    traceEvents
      .filter(
        (event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain',
      )
      .map((event) => `${event.pid}:${event.tid}`),
  );
  // The page's renderer is the main thread that worked the most during the step.
  const byThread = new Map<string, TraceEvent[]>();
  for (const event of traceEvents) {
    const thread = `${event.pid}:${event.tid}`;
    if (event.ph !== 'X' || !TASK_NAMES.has(event.name) || !mains.has(thread)) continue;
    byThread.set(thread, [...(byThread.get(thread) ?? []), event]);
  }
  const busy = (events: TraceEvent[]) => events.reduce((sum, event) => sum + (event.dur ?? 0), 0);
  const tasks = [...byThread.values()].sort((a, b) => busy(b) - busy(a))[0] ?? [];
  const wall = (event: TraceEvent) => (event.dur ?? 0) / 1000;
  const cpu = (event: TraceEvent) => (event.tdur ?? event.dur ?? 0) / 1000;
  const longest = tasks.reduce<TraceEvent | undefined>(
    (best, event) => (!best || wall(event) > wall(best) ? event : best),
    undefined,
  );
  return {
    value,
    figures: {
      tasks: tasks.length,
      longestWall: longest ? wall(longest) : 0,
      longestWallCpu: longest ? cpu(longest) : 0,
      longestCpu: Math.max(0, ...tasks.map(cpu)),
      over50Wall: tasks.filter((event) => wall(event) > 50).length,
      over50Cpu: tasks.filter((event) => cpu(event) > 50).length,
    },
  };
}

/** "longest task 133 ms (its CPU 12 ms); longest by CPU 20 ms; over 50 ms: 3 by wall, 0 by CPU" */
export function describeTasks(figures: TaskFigures): string {
  const ms = (value: number) => `${Math.round(value)} ms`;
  return `longest task ${ms(figures.longestWall)} (its CPU ${ms(figures.longestWallCpu)}); longest by CPU ${ms(figures.longestCpu)}; over 50 ms: ${figures.over50Wall} by wall, ${figures.over50Cpu} by CPU`;
}

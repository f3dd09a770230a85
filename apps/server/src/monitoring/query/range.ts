import { MetricQueryError } from './query-errors.ts';

/** The ranges a chart offers, in seconds. */
export const RANGES = { '15m': 900, '1h': 3600, '6h': 21_600, '24h': 86_400, '7d': 604_800 } as const;
export type RangeName = keyof typeof RANGES;

/** About this many points per chart when the caller names no step. */
export const TARGET_POINTS = 120;
/** Prometheus refuses more than 11,000 points per series; so does Portolan, before asking it. */
export const MAX_POINTS = 11_000;

export interface RangeAsked {
  range?: RangeName;
  start?: string;
  end?: string;
  stepSeconds?: number;
}

export interface ResolvedRange {
  start: Date;
  end: Date;
  stepSeconds: number;
}

/**
 * The range a query covers: a named range ending now, or start/end; the step from the caller or
 * chosen for about TARGET_POINTS points, never shorter than a scrape. Named ranges end on a whole
 * step, so the points of two refreshes line up.
 */
export function resolveRange(asked: RangeAsked, now: Date, scrapeIntervalSeconds: number): ResolvedRange {
  if (asked.range !== undefined && (asked.start !== undefined || asked.end !== undefined))
    throw new MetricQueryError('give either range or start and end, not both', 'range');
  if ((asked.start === undefined) !== (asked.end === undefined))
    throw new MetricQueryError(
      'give both start and end (or a range such as 1h)',
      asked.start ? 'end' : 'start',
    );
  let startMs: number;
  let endMs: number;
  if (asked.start !== undefined && asked.end !== undefined) {
    startMs = Date.parse(asked.start);
    endMs = Date.parse(asked.end);
    if (Number.isNaN(startMs)) throw new MetricQueryError('start is not a date-time', 'start');
    if (Number.isNaN(endMs)) throw new MetricQueryError('end is not a date-time', 'end');
    if (endMs <= startMs) throw new MetricQueryError('end must be after start', 'end');
  } else {
    endMs = now.getTime();
    startMs = endMs - RANGES[asked.range ?? '1h'] * 1000;
  }
  const duration = (endMs - startMs) / 1000;
  const step = asked.stepSeconds ?? Math.max(scrapeIntervalSeconds, Math.ceil(duration / TARGET_POINTS));
  const points = Math.floor(duration / step) + 1;
  if (points > MAX_POINTS)
    throw new MetricQueryError(
      `a step of ${step} s over this range makes ${points} points; at most ${MAX_POINTS} are answered: choose a step of at least ${Math.ceil(duration / (MAX_POINTS - 1))} s or a shorter range`,
      asked.stepSeconds !== undefined ? 'stepSeconds' : 'start',
    );
  if (asked.start === undefined) {
    const aligned = Math.floor(endMs / (step * 1000)) * step * 1000;
    return { start: new Date(aligned - (endMs - startMs)), end: new Date(aligned), stepSeconds: step };
  }
  return { start: new Date(startMs), end: new Date(endMs), stepSeconds: step };
}

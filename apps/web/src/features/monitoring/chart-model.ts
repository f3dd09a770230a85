import type { Formatters } from '../../app/messages.ts';

/** One line of a chart: a name for people and [milliseconds, value] points, oldest first. */
export interface Line {
  name: string;
  points: Array<[number, number]>;
}

export interface NamedSeries {
  metric: string;
  labels: Record<string, string>;
  points: number[][];
}

/** Words the unit formatter needs in the reader's language. */
export interface UnitWords {
  core: string;
  cores: string;
  millicores: string;
  perSecond: string;
  requestsPerSecond: string;
}

/**
 * A value written for people in its catalogue unit: cores below one as millicores, bytes in KiB/MiB/GiB,
 * ratios as percentages, seconds below one as milliseconds. Unknown units keep the bare number.
 */
export function formatValue(value: number, unit: string | undefined, format: Formatters, words: UnitWords) {
  if (!Number.isFinite(value)) return '–';
  if (value === 0) return format.number(0);
  switch (unit) {
    case 'cores':
      if (Math.abs(value) < 1) return `${format.number(Math.round(value * 1000))} ${words.millicores}`;
      return `${format.number(value)} ${value === 1 ? words.core : words.cores}`;
    case 'bytes':
      return format.bytes(value);
    case 'bytes/s':
      return `${format.bytes(value)}${words.perSecond}`;
    case 'ratio':
      return format.percent(value, 1);
    case 'requests/s':
      return `${format.number(value)} ${words.requestsPerSecond}`;
    case 'seconds':
      return Math.abs(value) < 1 ? `${format.number(value * 1000)} ms` : `${format.number(value)} s`;
    default:
      return format.number(value);
  }
}

/**
 * A step for a bytes axis in powers of two (64 MiB, 128 MiB, …), so ticks read as round binary sizes,
 * for about five ticks up to the largest value; undefined when there is nothing to scale.
 */
export function binaryStep(lines: Line[]): number | undefined {
  let max = 0;
  for (const line of lines) for (const [, value] of line.points) max = Math.max(max, value);
  if (!(max > 0)) return undefined;
  return 2 ** Math.ceil(Math.log2(max / 5));
}

/** Units whose series may be summed into an "others" line (a sum of ratios or latencies means nothing). */
export function additive(unit: string | undefined): boolean {
  return (
    unit === 'cores' || unit === 'bytes' || unit === 'bytes/s' || unit === 'count' || unit === 'requests/s'
  );
}

/** Labels that say which object a series is about, most specific first. */
const NAMING_LABELS = [
  'container',
  'pod',
  'workload',
  'node',
  'namespace',
  'cluster',
  'phase',
  'verb',
  'code',
];

/**
 * Names each series by the labels that differ between them (container, pod, node, …), prefixed by its
 * metric's label when the chart shows several metrics. A single series of a single metric is named
 * by its metric.
 */
export function nameSeries(
  series: NamedSeries[],
  metricLabel: (metric: string) => string,
  /** A label's value for people (a pod phase in the reader's language); as it is when absent. */
  valueLabel: (key: string, value: string) => string = (_, value) => value,
): Line[] {
  const metrics = new Set(series.map((s) => s.metric));
  const keys = new Set(series.flatMap((s) => Object.keys(s.labels)));
  const varying = [...keys]
    .filter((key) => new Set(series.map((s) => s.labels[key] ?? '')).size > 1)
    .sort((a, b) => rank(a) - rank(b));
  return series.map((s) => {
    const parts = varying.map((key) => (s.labels[key] ? valueLabel(key, s.labels[key]) : '')).filter(Boolean);
    const own = parts.join(' / ');
    const name = metrics.size > 1 || !own ? [metricLabel(s.metric), own].filter(Boolean).join(' · ') : own;
    return { name, points: s.points.map(([at, value]) => [at ?? 0, value ?? 0] as [number, number]) };
  });
}

function rank(key: string): number {
  const index = NAMING_LABELS.indexOf(key);
  return index === -1 ? NAMING_LABELS.length : index;
}

/**
 * Keeps a legend readable: the `limit` lines with the highest latest values, and the rest folded into
 * one "others" line (their sum at each instant) when the unit adds up, else left out and counted.
 */
export function foldLines(
  lines: Line[],
  limit: number,
  canSum: boolean,
  othersName: string,
): { lines: Line[]; hidden: number } {
  if (lines.length <= limit) return { lines, hidden: 0 };
  const latest = (line: Line) => line.points.at(-1)?.[1] ?? 0;
  const sorted = [...lines].sort((a, b) => latest(b) - latest(a));
  const kept = sorted.slice(0, limit);
  const rest = sorted.slice(limit);
  if (!canSum) return { lines: kept, hidden: rest.length };
  const sums = new Map<number, number>();
  for (const line of rest) for (const [at, value] of line.points) sums.set(at, (sums.get(at) ?? 0) + value);
  const points = [...sums.entries()].sort((a, b) => a[0] - b[0]) as Array<[number, number]>;
  return { lines: [...kept, { name: `${othersName} (${rest.length})`, points }], hidden: 0 };
}

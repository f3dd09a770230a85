/**
 * A CronJob's schedule as Kubernetes reads it (robfig/cron's standard parser): five fields, or a
 * macro. The server refuses a schedule by these rules and the console reads one out in words, so
 * both share this one reading.
 */

export const CRON_MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export const CRON_FIELDS = ['minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek'] as const;
export type CronField = (typeof CRON_FIELDS)[number];

const RANGES: Record<CronField, [number, number]> = {
  minute: [0, 59],
  hour: [0, 23],
  dayOfMonth: [1, 31],
  month: [1, 12],
  dayOfWeek: [0, 7],
};
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** One field read: every value (a star, maybe with a step), or the values it names in order. */
export type CronValues = { every: true; step: number } | { every: false; values: number[] };

export type CronReading =
  | { ok: true; fields: Record<CronField, CronValues>; texts: Record<CronField, string> }
  | { ok: false; field?: CronField; problem: string };

function numberIn(text: string, field: CronField): number | undefined {
  const upper = text.toUpperCase();
  if (field === 'month' && MONTHS.includes(upper)) return MONTHS.indexOf(upper) + 1;
  if (field === 'dayOfWeek' && DAYS.includes(upper)) return DAYS.indexOf(upper);
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

function readField(text: string, field: CronField): CronValues | string {
  const [low, high] = RANGES[field];
  const whole = /^[*?](?:\/(\d+))?$/.exec(text);
  if (whole) {
    const step = whole[1] === undefined ? 1 : Number(whole[1]);
    if (step < 1) return 'a step must be 1 or more';
    return { every: true, step };
  }
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const match = /^([^-/]+)(?:-([^/]+))?(?:\/(\d+))?$/.exec(part);
    if (!match) return `"${part}" is not a number, a range (1-5) or a step (*/10)`;
    const from = numberIn(match[1] ?? '', field);
    const to = match[2] === undefined ? (match[3] === undefined ? from : high) : numberIn(match[2], field);
    if (from === undefined || to === undefined) return `"${part}" is not a number or a name`;
    if (from < low || to > high) return `"${part}" is outside ${low}–${high}`;
    if (from > to) return `"${part}" runs backwards`;
    const step = match[3] === undefined ? 1 : Number(match[3]);
    if (step < 1) return 'a step must be 1 or more';
    for (const value of stepped(from, to, step)) values.add(field === 'dayOfWeek' && value === 7 ? 0 : value);
  }
  return { every: false, values: [...values].sort((a, b) => a - b) };
}

function stepped(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let value = from; value <= to; value += step) values.push(value);
  return values;
}

/** The schedule read field by field, or the first problem (with the field at fault). */
export function readCron(schedule: string): CronReading {
  const trimmed = schedule.trim();
  if (/^(CRON_)?TZ=/.test(trimmed))
    return { ok: false, problem: 'set the time zone in timeZone, not in the schedule' };
  if (trimmed.startsWith('@every '))
    return { ok: false, problem: '@every is not a CronJob schedule; use five fields such as */5 * * * *' };
  const expanded = CRON_MACROS[trimmed.toLowerCase()] ?? trimmed;
  if (expanded.startsWith('@'))
    return { ok: false, problem: `${trimmed} is not a known macro such as @hourly` };
  const parts = expanded.split(/\s+/);
  if (parts.length !== 5)
    return {
      ok: false,
      problem: 'must be five fields (minute hour day-of-month month day-of-week) or a macro such as @hourly',
    };
  const fields = {} as Record<CronField, CronValues>;
  const texts = {} as Record<CronField, string>;
  for (const [index, field] of CRON_FIELDS.entries()) {
    const text = parts[index] ?? '';
    const read = readField(text, field);
    if (typeof read === 'string') return { ok: false, field, problem: `${field}: ${read}` };
    fields[field] = read;
    texts[field] = text;
  }
  return { ok: true, fields, texts };
}

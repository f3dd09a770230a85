import { type CronValues, readCron } from '@portolan/api';

const MINUTE = 60_000;
/** Schedules that never fire (30 February) give up after this long. */
const HORIZON_MS = 5 * 366 * 86_400_000;

const matches = (values: CronValues, value: number, low: number) =>
  values.every ? (value - low) % values.step === 0 : values.values.includes(value);
/** A plain star: the field does not restrict the day (cron's day-of-month/day-of-week rule). */
const unrestricted = (values: CronValues) => values.every && values.step === 1;

/**
 * The first minute strictly after `after` that a five-field cron schedule (or a macro) names, in UTC;
 * undefined when the schedule is not valid or never fires. As cron: when both day of month and day of
 * week are restricted, a day matching either fires.
 */
export function nextOccurrence(schedule: string, after: Date): Date | undefined {
  const reading = readCron(schedule);
  if (!reading.ok) return undefined;
  const { minute, hour, dayOfMonth, month, dayOfWeek } = reading.fields;
  const dayMatches = (t: Date) => {
    const byMonthDay = matches(dayOfMonth, t.getUTCDate(), 1);
    const byWeekDay = matches(dayOfWeek, t.getUTCDay(), 0);
    if (!unrestricted(dayOfMonth) && !unrestricted(dayOfWeek)) return byMonthDay || byWeekDay;
    return byMonthDay && byWeekDay;
  };
  const t = new Date(Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE);
  const end = after.getTime() + HORIZON_MS;
  while (t.getTime() <= end) {
    if (!matches(month, t.getUTCMonth() + 1, 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0, 0);
    } else if (!dayMatches(t)) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0, 0);
    } else if (!matches(hour, t.getUTCHours(), 0)) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
    } else if (!matches(minute, t.getUTCMinutes(), 0)) {
      t.setTime(t.getTime() + MINUTE);
    } else return t;
  }
  return undefined;
}

import { type CronValues, readCron } from '@portolan/api';
import type { I18n } from '../../app/i18n.tsx';

type Translate = I18n['t'];

/** A schedule in words, or why it is not one (by the same reading the server checks with). */
export type CronText = { ok: true; text: string } | { ok: false; problem: string };

const pad = (value: number) => String(value).padStart(2, '0');

/** Runs of three or more in a row read as "Monday to Friday"; the rest one by one. */
function runs(values: number[], name: (value: number) => string, t: Translate, locale: string): string {
  const parts: string[] = [];
  for (let index = 0; index < values.length; ) {
    let end = index;
    while (end + 1 < values.length && (values[end + 1] ?? 0) === (values[end] ?? 0) + 1) end++;
    const first = values[index] ?? 0;
    const last = values[end] ?? 0;
    if (end - index >= 2) parts.push(t('create.cron.range', { from: name(first), to: name(last) }));
    else for (let at = index; at <= end; at++) parts.push(name(values[at] ?? 0));
    index = end + 1;
  }
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(parts);
}

function timePhrase(minute: CronValues, hour: CronValues, t: Translate, locale: string): string {
  const list = (values: number[]) => runs(values, String, t, locale);
  if (minute.every) {
    const each =
      minute.step === 1 ? t('create.cron.everyMinute') : t('create.cron.everyMinutes', { n: minute.step });
    if (hour.every && hour.step === 1) return each;
    return hour.every
      ? t('create.cron.duringEveryHours', { each, n: hour.step })
      : t('create.cron.duringHours', { each, hours: list(hour.values) });
  }
  if (hour.every) {
    return hour.step === 1
      ? t('create.cron.minutesPastEveryHour', { minutes: list(minute.values) })
      : t('create.cron.minutesPastEveryHours', { minutes: list(minute.values), n: hour.step });
  }
  if (minute.values.length * hour.values.length <= 6) {
    const times = hour.values.flatMap((h) => minute.values.map((m) => `${pad(h)}:${pad(m)}`));
    return t('create.cron.at', { times: new Intl.ListFormat(locale, { type: 'conjunction' }).format(times) });
  }
  return t('create.cron.minutesPastHours', { minutes: list(minute.values), hours: list(hour.values) });
}

/** The schedule as a sentence in the reader's language, with the time zone it runs in. */
export function describeCron(
  schedule: string,
  timeZone: string | undefined,
  t: Translate,
  locale: string,
): CronText {
  const reading = readCron(schedule);
  if (!reading.ok) {
    const field = reading.field;
    return {
      ok: false,
      problem: field
        ? t('create.cron.invalidField', { field: t(`create.cron.field.${field}`) })
        : t('create.cron.invalid'),
    };
  }
  const { minute, hour, dayOfMonth, month, dayOfWeek } = reading.fields;
  const weekday = (day: number) =>
    new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2024, 0, 7 + day)),
    );
  const monthName = (value: number) =>
    new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2024, value - 1, 1)),
    );
  const monthDays = dayOfMonth.every
    ? dayOfMonth.step === 1
      ? undefined
      : t('create.cron.everyDays', { n: dayOfMonth.step })
    : t('create.cron.onMonthDays', { days: runs(dayOfMonth.values, String, t, locale) });
  const weekDays =
    dayOfWeek.every && dayOfWeek.step === 1
      ? undefined
      : t('create.cron.onWeekdays', {
          days: runs(
            dayOfWeek.every
              ? [0, 1, 2, 3, 4, 5, 6].filter((day) => day % dayOfWeek.step === 0)
              : dayOfWeek.values,
            weekday,
            t,
            locale,
          ),
        });
  // As cron does: with both day fields restricted, either one matching is enough.
  const days =
    monthDays && weekDays
      ? t('create.cron.either', { first: monthDays, second: weekDays })
      : (monthDays ?? weekDays ?? t('create.cron.everyDay'));
  const months = month.every
    ? ''
    : t('create.cron.inMonths', { months: runs(month.values, monthName, t, locale) });
  return {
    ok: true,
    text: t('create.cron.sentence', {
      time: timePhrase(minute, hour, t, locale),
      days,
      months,
      zone: timeZone?.trim()
        ? t('create.cron.inZone', { zone: timeZone.trim() })
        : t('create.cron.clusterZone'),
    }),
  };
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextOccurrence } from './cron-next.ts';

const at = (iso: string) => new Date(iso);
const next = (schedule: string, after: string) => nextOccurrence(schedule, at(after))?.toISOString();

test('every few minutes: the next step strictly after the moment, seconds dropped', () => {
  assert.equal(next('*/5 * * * *', '2026-12-05T11:32:10Z'), '2026-12-05T11:35:00.000Z');
  assert.equal(next('*/5 * * * *', '2026-12-05T11:35:00Z'), '2026-12-05T11:40:00.000Z');
  assert.equal(next('* * * * *', '2026-12-05T11:59:59Z'), '2026-12-05T12:00:00.000Z');
});

test('a daily time rolls over days, months and years', () => {
  assert.equal(next('0 2 * * *', '2026-12-05T01:00:00Z'), '2026-12-05T02:00:00.000Z');
  assert.equal(next('0 2 * * *', '2026-12-05T02:00:00Z'), '2026-12-06T02:00:00.000Z');
  assert.equal(next('30 23 31 12 *', '2026-12-31T23:30:00Z'), '2027-12-31T23:30:00.000Z');
  assert.equal(next('@daily', '2026-02-28T12:00:00Z'), '2026-03-01T00:00:00.000Z');
});

test('day of month and day of week: either fires when both are restricted, both must hold otherwise', () => {
  // 2026-12-05 is a Saturday. Mondays or the 1st: Monday the 7th comes first.
  assert.equal(next('0 0 1 * 1', '2026-12-05T00:00:00Z'), '2026-12-07T00:00:00.000Z');
  // Weekdays only (day of month a star): Monday.
  assert.equal(next('0 9 * * MON-FRI', '2026-12-05T10:00:00Z'), '2026-12-07T09:00:00.000Z');
  // Sunday as 7 is Sunday.
  assert.equal(next('0 0 * * 7', '2026-12-05T10:00:00Z'), '2026-12-06T00:00:00.000Z');
});

test('leap days wait for a leap year; impossible dates and bad schedules give nothing', () => {
  assert.equal(next('0 0 29 2 *', '2026-03-01T00:00:00Z'), '2028-02-29T00:00:00.000Z');
  assert.equal(next('0 0 30 2 *', '2026-03-01T00:00:00Z'), undefined);
  assert.equal(next('not a schedule', '2026-03-01T00:00:00Z'), undefined);
});

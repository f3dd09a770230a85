import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatters } from '../../app/messages.ts';
import { binaryStep, foldLines, formatValue, nameSeries } from './chart-model.ts';
import { rangeWindow } from './range-window.ts';

const words = { core: 'core', cores: 'cores', millicores: 'm', perSecond: '/s', requestsPerSecond: 'req/s' };
const en = formatters('en');

test('values are written in their unit: millicores below one core, MiB, percentages, milliseconds', () => {
  assert.equal(formatValue(0.25, 'cores', en, words), '250 m');
  assert.equal(formatValue(1.5, 'cores', en, words), '1.5 cores');
  assert.equal(formatValue(1, 'cores', en, words), '1 core');
  assert.equal(formatValue(256 * 1024 * 1024, 'bytes', en, words), '256 MiB');
  assert.equal(formatValue(0.42, 'ratio', en, words), '42%');
  assert.equal(formatValue(0.012, 'seconds', en, words), '12 ms');
  assert.equal(formatValue(3, 'count', en, words), '3');
  assert.equal(formatValue(Number.NaN, 'count', en, words), '–');
});

test('series are named by the labels that differ, with the metric when several are shown', () => {
  const one = nameSeries(
    [
      { metric: 'cpu_usage', labels: { cluster: 'a', pod: 'web-1' }, points: [[1, 0.1]] },
      { metric: 'cpu_usage', labels: { cluster: 'a', pod: 'web-2' }, points: [[1, 0.2]] },
    ],
    (m) => m,
  );
  assert.deepEqual(
    one.map((line) => line.name),
    ['web-1', 'web-2'],
  );
  const two = nameSeries(
    [
      { metric: 'cpu_usage', labels: { cluster: 'a' }, points: [] },
      { metric: 'cpu_requests', labels: { cluster: 'a' }, points: [] },
    ],
    (m) => m.toUpperCase(),
  );
  assert.deepEqual(
    two.map((line) => line.name),
    ['CPU_USAGE', 'CPU_REQUESTS'],
  );
});

test('many lines keep the top ones by latest value and fold the rest into others when they add up', () => {
  const lines = [1, 5, 3, 4, 2].map((value) => ({
    name: `p${value}`,
    points: [
      [1, value],
      [2, value],
    ] as Array<[number, number]>,
  }));
  const folded = foldLines(lines, 2, true, 'others');
  assert.deepEqual(
    folded.lines.map((line) => line.name),
    ['p5', 'p4', 'others (3)'],
  );
  assert.deepEqual(folded.lines[2]?.points, [
    [1, 6],
    [2, 6],
  ]);
  const ratios = foldLines(lines, 2, false, 'others');
  assert.equal(ratios.lines.length, 2);
  assert.equal(ratios.hidden, 3);
});

test('a bytes axis steps in powers of two', () => {
  const line = (max: number) => [{ name: 'm', points: [[1, max]] as Array<[number, number]> }];
  assert.equal(binaryStep(line(400 * 2 ** 20)), 128 * 2 ** 20);
  assert.equal(binaryStep(line(1.1 * 2 ** 30)), 256 * 2 ** 20);
  assert.equal(binaryStep(line(0)), undefined);
});

test('a named range becomes a window ending now with about 120 points', () => {
  const window = rangeWindow('1h', Date.parse('2026-01-01T01:00:00Z'));
  assert.equal(window.start, '2026-01-01T00:00:00.000Z');
  assert.equal(window.end, '2026-01-01T01:00:00.000Z');
  assert.equal(window.stepSeconds, 30);
  assert.equal(rangeWindow('15m', 0).stepSeconds, 15);
});

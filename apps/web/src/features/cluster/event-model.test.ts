import assert from 'node:assert/strict';
import test from 'node:test';
import { arrangeEvents, eventRow } from './event-model.ts';

const event = (name: string, type: string, reason: string, lastTimestamp: string) =>
  eventRow({
    metadata: { name, namespace: 'ns', uid: name },
    type,
    reason,
    message: `${reason} happened`,
    count: 2,
    lastTimestamp,
    involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'ns' },
  });

test('an event reads its object, count and last time; a series counts over the event', () => {
  const row = event('a', 'Warning', 'BackOff', '2026-01-02T00:00:00Z');
  assert.equal(row.object, 'Pod/web-1');
  assert.equal(row.count, 2);
  assert.equal(row.lastAt, '2026-01-02T00:00:00Z');
  const series = eventRow({
    metadata: { name: 'b', creationTimestamp: '2026-01-01T00:00:00Z' },
    series: { count: 9, lastObservedTime: '2026-01-03T00:00:00Z' },
  });
  assert.equal(series.count, 9);
  assert.equal(series.lastAt, '2026-01-03T00:00:00Z');
  assert.equal(series.type, 'Normal');
});

test('warnings come first, each group newest first; type and reason filters hold', () => {
  const rows = [
    event('old-normal', 'Normal', 'Pulled', '2026-01-01T00:00:00Z'),
    event('new-normal', 'Normal', 'Started', '2026-01-05T00:00:00Z'),
    event('old-warning', 'Warning', 'BackOff', '2026-01-02T00:00:00Z'),
    event('new-warning', 'Warning', 'Failed', '2026-01-04T00:00:00Z'),
  ];
  assert.deepEqual(
    arrangeEvents(rows, { type: '', reason: '' }).map((row) => row.uid),
    ['new-warning', 'old-warning', 'new-normal', 'old-normal'],
  );
  assert.deepEqual(
    arrangeEvents(rows, { type: 'Normal', reason: 'Pulled' }).map((row) => row.uid),
    ['old-normal'],
  );
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextOccurrence } from '#server/inspections/cron-next.ts';
import { BackupError } from './backup-errors.ts';
import { beyondRetention, checkPlanSpec } from './backup-spec.ts';

const now = new Date('2026-12-05T12:00:00Z');
const day = 86_400_000;
const backups = [
  { id: 'running', startedAt: new Date(now.getTime() - 1_000), state: 'running' },
  { id: 'b1', startedAt: new Date(now.getTime() - 1 * day), state: 'completed' },
  { id: 'b2', startedAt: new Date(now.getTime() - 2 * day), state: 'failed' },
  { id: 'b3', startedAt: new Date(now.getTime() - 3 * day), state: 'completed' },
  { id: 'b4', startedAt: new Date(now.getTime() - 10 * day), state: 'partially-failed' },
];

test('retention keeps the newest N ended backups and none older than the age; a running one is never pruned', () => {
  const ids = (list: Array<{ id: string }>) => list.map((b) => b.id);
  assert.deepEqual(ids(beyondRetention(backups, { count: 2, maxAgeDays: null }, now)), ['b3', 'b4']);
  assert.deepEqual(ids(beyondRetention(backups, { count: null, maxAgeDays: 7 }, now)), ['b4']);
  assert.deepEqual(ids(beyondRetention(backups, { count: 3, maxAgeDays: 2.5 }, now)), ['b3', 'b4']);
  assert.deepEqual(ids(beyondRetention(backups, { count: null, maxAgeDays: null }, now)), []);
});

test('a plan spec gets its defaults, and a bad field is named', () => {
  const full = checkPlanSpec({ cluster: 'a', destination: 'vault' });
  assert.deepEqual(full, {
    cluster: 'a',
    destination: 'vault',
    namespaces: [],
    includeKinds: [],
    excludeKinds: [],
    clusterScoped: false,
    schedule: null,
    retention: { count: null, maxAgeDays: null },
    deadlineSeconds: 600,
  });
  const refusal = (spec: Parameters<typeof checkPlanSpec>[0]) => {
    try {
      checkPlanSpec(spec);
    } catch (error) {
      assert.ok(error instanceof BackupError);
      return error.field;
    }
    return undefined;
  };
  assert.equal(refusal({ cluster: 'a', destination: 'v', schedule: '61 * * * *' }), 'schedule');
  assert.equal(refusal({ cluster: 'a', destination: 'v', namespaces: ['ok', 'Not_OK'] }), 'namespaces[1]');
  assert.equal(
    refusal({ cluster: 'a', destination: 'v', includeKinds: ['Secret'], excludeKinds: ['Secret'] }),
    'excludeKinds',
  );
});

test('a plan scheduled every minute next runs at the start of the next minute', () => {
  assert.equal(
    nextOccurrence('* * * * *', new Date('2026-12-05T12:00:30Z'))?.toISOString(),
    '2026-12-05T12:01:00.000Z',
  );
  assert.equal(nextOccurrence('0 2 * * *', now)?.toISOString(), '2026-12-06T02:00:00.000Z');
});

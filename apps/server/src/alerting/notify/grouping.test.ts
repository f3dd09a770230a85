import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AlertRecord } from '#server/monitoring/contract.ts';
import { groupAlerts, policiesFor } from './grouping.ts';
import { policyOf } from './policies.ts';

const alert = (id: string, more: Partial<AlertRecord> = {}): AlertRecord => ({
  id,
  rule: 'PodCrashLooping',
  level: 'warning',
  labels: { cluster: 'c1', namespace: 'shop', pod: id },
  summary: id,
  description: '',
  state: 'firing',
  startsAt: new Date(0),
  updatedAt: new Date(0),
  ...more,
});

test('policies are tried in order: the first match wins unless it says continue', () => {
  const critical = policyOf('critical', {
    receivers: ['pager'],
    match: { levels: ['critical'] },
    continue: true,
  });
  const shop = policyOf('shop', { receivers: ['mail'], match: { namespaces: ['shop'], clusters: ['c1'] } });
  const team = policyOf('team', { receivers: ['chat'], match: { labels: { team: 'pay' } } });
  const all = policyOf('all', { receivers: ['hook'] });
  const policies = [critical, shop, team, all];
  const names = (a: AlertRecord) => policiesFor(policies, a).map((p) => p.name);
  assert.deepEqual(names(alert('a', { level: 'critical' })), ['critical', 'shop']);
  assert.deepEqual(names(alert('b')), ['shop']);
  assert.deepEqual(names(alert('c', { labels: { cluster: 'c2', namespace: 'shop', team: 'pay' } })), [
    'team',
  ]);
  assert.deepEqual(names(alert('d', { labels: { cluster: 'c2' } })), ['all']);
  assert.deepEqual(
    policiesFor([shop], alert('e', { labels: { cluster: 'c2' } })),
    [],
    'no policy matches: nothing is sent',
  );
});

test('alerts group by alertname and cluster unless the policy says otherwise; held-back alerts are not sent', () => {
  const all = policyOf('all', { receivers: ['hook'] });
  const groups = groupAlerts(
    [all],
    [
      alert('a'),
      alert('b'),
      alert('c', { labels: { cluster: 'c2' } }),
      alert('d', { rule: 'NodeNotReady' }),
      alert('e', { silencedBy: 's1' }),
      alert('f', { inhibitedBy: 'x' }),
      alert('g', { state: 'resolved' }),
    ],
  );
  const byLabels = [...groups.values()].map((g) => [g.labels, g.firing.map((a) => a.id)]);
  assert.deepEqual(byLabels, [
    [{ alertname: 'PodCrashLooping', cluster: 'c1' }, ['a', 'b']],
    [{ alertname: 'PodCrashLooping', cluster: 'c2' }, ['c']],
    [{ alertname: 'NodeNotReady', cluster: 'c1' }, ['d']],
  ]);
  const first = [...groups.values()][0];
  assert.deepEqual(
    [...(first?.known.keys() ?? [])],
    ['a', 'b', 'e', 'f', 'g'],
    'known, for resolution messages',
  );
  const byNamespace = groupAlerts(
    [policyOf('ns', { receivers: ['x'], groupBy: ['namespace'] })],
    [alert('a'), alert('c', { labels: { cluster: 'c2', namespace: 'shop' } })],
  );
  assert.equal(byNamespace.size, 1);
});

test('durations are checked: a repeat cannot come before a change would', () => {
  assert.equal(policyOf('p', { receivers: ['x'] }).repeatIntervalMs, 4 * 3_600_000);
  assert.equal(policyOf('p', { receivers: ['x'], groupWait: '1m30s' }).groupWaitMs, 90_000);
  assert.throws(
    () => policyOf('p', { receivers: ['x'], groupInterval: '10m', repeatInterval: '5m' }),
    /at least groupInterval/,
  );
});

import assert from 'node:assert/strict';
import test from 'node:test';
import {
  clampHeight,
  type DockTab,
  nextActive,
  readStoredSessions,
  restoredTabs,
  storedSessions,
} from './dock-state.ts';

test('stored sessions round-trip; a broken value is nothing stored', () => {
  const tabs: DockTab[] = [
    { key: 'a', cluster: 'dev', sessionId: 's1' },
    { key: 'b', cluster: 'prod' },
  ];
  assert.deepEqual(readStoredSessions(storedSessions(tabs)), [{ id: 's1', cluster: 'dev' }]);
  assert.deepEqual(readStoredSessions('{not json'), []);
  assert.deepEqual(readStoredSessions('{"id":"x"}'), []);
  assert.deepEqual(readStoredSessions('[{"id":1},{"id":"s2","cluster":"c"}]'), [{ id: 's2', cluster: 'c' }]);
  assert.deepEqual(readStoredSessions(null), []);
});

test('a reload brings back only the sessions the server still has open, in the stored order', () => {
  const tabs = restoredTabs(
    [
      { id: 's2', cluster: 'prod' },
      { id: 'gone', cluster: 'dev' },
      { id: 's1', cluster: 'dev' },
    ],
    [
      { id: 's1', cluster: 'dev', replica: 'r1' },
      { id: 's2', cluster: 'prod', replica: 'r2' },
      { id: 'other-browser', cluster: 'dev', replica: 'r1' },
    ],
  );
  assert.deepEqual(
    tabs.map((tab) => [tab.sessionId, tab.cluster, tab.replica]),
    [
      ['s2', 'prod', 'r2'],
      ['s1', 'dev', 'r1'],
    ],
  );
});

test('closing the shown tab shows its right neighbour, else the left; another tab changes nothing', () => {
  const tabs = ['a', 'b', 'c'].map((key) => ({ key, cluster: key }));
  assert.equal(nextActive(tabs, 'b', 'b'), 'c');
  assert.equal(nextActive(tabs, 'c', 'c'), 'b');
  assert.equal(nextActive(tabs, 'a', 'c'), 'c');
  assert.equal(nextActive([{ key: 'a', cluster: 'a' }], 'a', 'a'), undefined);
});

test('the dragged height stays between 160 px and the window less the top bar', () => {
  assert.equal(clampHeight(50, 900), 160);
  assert.equal(clampHeight(2000, 900), 780);
  assert.equal(clampHeight(400.4, 900), 400);
});

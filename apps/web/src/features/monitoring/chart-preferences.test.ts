import assert from 'node:assert/strict';
import { test } from 'node:test';
import { preferencesKey, readPreferences } from './chart-choices.ts';

test('remembered chart choices are read back, and anything unknown falls back to 1h refreshed each minute', () => {
  assert.deepEqual(readPreferences('{"range":"7d","refresh":0}'), { range: '7d', refresh: 0 });
  assert.deepEqual(readPreferences('{"range":"2y","refresh":7}'), { range: '1h', refresh: 60 });
  assert.deepEqual(readPreferences('not json'), { range: '1h', refresh: 60 });
  assert.deepEqual(readPreferences(null), { range: '1h', refresh: 60 });
  assert.notEqual(preferencesKey('alice'), preferencesKey('bob'), 'each user keeps their own');
});

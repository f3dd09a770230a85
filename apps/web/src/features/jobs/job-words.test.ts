import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadDictionary, translate } from '../../app/messages.ts';
import { stepText } from './job-words.ts';

await loadDictionary('zh-CN');

const step = (code: string, params: Record<string, string | number>, text = 'as the server wrote it') => ({
  seq: 1,
  at: '2026-12-05T00:00:00Z',
  level: 'info' as const,
  code,
  params,
  text,
});

test('a step reads in the reader’s language, one object as one, and an unknown code as the server wrote it', () => {
  const en = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) =>
    translate('en', key, values);
  const zh = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) =>
    translate('zh-CN', key, values);
  assert.equal(stepText(en, step('rendered', { count: 3 }), 'helm.install'), 'Rendered 3 objects');
  assert.equal(stepText(en, step('rendered', { count: 1 }), 'helm.install'), 'Rendered 1 object');
  assert.equal(stepText(en, step('applied', { count: 1 }), 'helm.install'), 'Applied 1 object');
  assert.equal(stepText(zh, step('rendered', { count: 3 }), 'helm.install'), '已渲染 3 个对象');
  assert.equal(stepText(en, step('something-new', {}), 'helm.install'), 'as the server wrote it');
});

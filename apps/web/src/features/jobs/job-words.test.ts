import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadDictionary, translate } from '../../app/messages.ts';
import { jobErrorText, stepText } from './job-words.ts';

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

test('every line a backup or restore job writes has words in both languages, by the job’s kind where they differ', async () => {
  const { readFile } = await import('node:fs/promises');
  const zh = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) =>
    translate('zh-CN', key, values);
  const sources = [
    ['backup', '../../../../server/src/backups/backup-run.ts'],
    ['restore', '../../../../server/src/backups/restore-service.ts'],
  ] as const;
  for (const [kind, file] of sources) {
    const source = await readFile(new URL(file, import.meta.url), 'utf8');
    const codes = [...source.matchAll(/\.step\(\s*'([\w-]+)'/g)].map((match) => match[1] as string);
    assert.ok(codes.length >= 3, `${file} writes steps`);
    for (const code of codes) {
      const written = stepText(zh, step(code, { cluster: 'a', objects: 2, done: 1, total: 2 }), kind);
      assert.notEqual(written, 'as the server wrote it', `${kind} step ${code} has words`);
      assert.doesNotMatch(
        written,
        /\b(objects|Listing|Archive|Reading|Restoring)\b/,
        `${kind} ${code}: ${written}`,
      );
    }
  }
  assert.equal(stepText(zh, step('progress', { done: 3, total: 9 }), 'restore'), '已完成 3/9 个对象');
  assert.equal(stepText(zh, step('progress', { objects: 40 }), 'backup'), '已写入归档 40 个对象');
});

test('a failed Helm job’s reason reads in Chinese from its code, helm’s own words kept; without a code, as written', () => {
  const zh = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) =>
    translate('zh-CN', key, values);
  const failed = {
    kind: 'helm.install',
    error: 'not every object was ready within 5 s: context deadline exceeded',
    errorCode: 'not-ready-in-time',
    errorParams: { seconds: '5', detail: 'context deadline exceeded' },
  };
  assert.equal(jobErrorText(zh, failed), '并非所有对象都在 5 秒内就绪：context deadline exceeded');
  const last = step('failed', {
    reason: failed.error,
    reasonCode: 'not-ready-in-time',
    'reason.seconds': '5',
    'reason.detail': 'context deadline exceeded',
  });
  assert.equal(
    stepText(zh, last, 'helm.install'),
    '失败：并非所有对象都在 5 秒内就绪：context deadline exceeded',
  );
  // A code the console does not know, a value missing, or a job of another kind: the English.
  assert.equal(jobErrorText(zh, { ...failed, errorCode: 'brand-new' }), failed.error);
  assert.equal(jobErrorText(zh, { ...failed, errorParams: { seconds: '5' } }), failed.error);
  assert.equal(jobErrorText(zh, { ...failed, kind: 'backup' }), failed.error);
  assert.equal(jobErrorText(zh, { kind: 'helm.install', error: 'Cancelled by bob' }), '已由 bob 取消');
});

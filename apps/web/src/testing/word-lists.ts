import assert from 'node:assert/strict';
import { en } from '../app/en.ts';
import { formatters, loadDictionary, translate } from '../app/messages.ts';
import { placeholders } from '../app/worded.ts';
import { zhCN } from '../app/zh-CN.ts';

/**
 * Every key has words in English and in 简体中文, with the same placeholders: a code the server sends
 * without words here, or a Chinese sentence that would drop or invent a value, fails the test.
 */
export function assertWordsInBoth(keys: readonly string[]): void {
  const words = en as Record<string, string>;
  const chinese = zhCN as Record<string, string>;
  assert.deepEqual(
    keys.filter((key) => !words[key] || !chinese[key]),
    [],
    'codes without words',
  );
  const differ = keys.filter(
    (key) => placeholders(words[key] ?? '').join() !== placeholders(chinese[key] ?? '').join(),
  );
  assert.deepEqual(differ, [], 'placeholders differ between English and 简体中文');
}

type Key = Parameters<typeof translate>[1];

/** The console's `t` and `format` in one language, as a page has them from useI18n (zh-CN loaded). */
export async function wordsIn(locale: 'en' | 'zh-CN') {
  await loadDictionary(locale);
  return {
    t: (key: Key, values?: Record<string, string | number>) => translate(locale, key, values),
    format: formatters(locale),
  };
}

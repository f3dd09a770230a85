/**
 * Every code a Helm refusal can carry has words in English and 简体中文 with the same placeholders (the
 * codes come from packages/api's HELM_ERROR_CODES, which the server is tied to: a new code there without
 * words here fails this test); the console's English is the server's; Chinese keeps names and helm's
 * own text; no code, an unknown code or a missing value keeps the error's own message.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HELM_ERROR_CODES, helmErrorWords } from '@portolan/api';
import { ApiError } from '../../api/client.ts';
import { assertWordsInBoth, wordsIn } from '../../testing/word-lists.ts';
import { helmErrorText } from './helm-error-text.ts';
import { valuesMarkers } from './refusals.ts';

const zh = await wordsIn('zh-CN');
const en = await wordsIn('en');

const refusal = (code: string, messageCode: string, params: Record<string, string>, field?: string) =>
  new ApiError(400, {
    code,
    message: helmErrorWords(messageCode as never, params),
    messageCode,
    params,
    ...(field ? { field } : {}),
  });

test('every Helm error code has words in both languages, with the same placeholders', () => {
  assert.ok(HELM_ERROR_CODES.length >= 25);
  assertWordsInBoth(HELM_ERROR_CODES.map((code) => `helmActions.error.${code}`));
});

test("a refused Helm operation reads in Chinese with names and helm's text kept; English is the server's", () => {
  const values: Record<string, string> = {};
  for (const name of ['detail', 'signal', 'paths', 'what', 'name', 'namespace', 'cluster', 'revision'])
    values[name] = name;
  for (const name of ['status', 'revisions', 'operation', 'job', 'user', 'field', 'line', 'limit'])
    values[name] = name;
  for (const name of ['repository', 'chart', 'version', 'hook', 'seconds']) values[name] = name;
  for (const code of HELM_ERROR_CODES) {
    const error = refusal('x', code, values);
    assert.equal(helmErrorText(en.t, error), error.serverMessage, code);
  }
  const exists = refusal('already-exists', 'release-exists', {
    name: 'web',
    namespace: 'shop',
    revision: '2',
    status: 'deployed',
  });
  assert.equal(
    helmErrorText(zh.t, exists),
    '命名空间 "shop" 中已有名为 "web" 的 Release（修订版本 2，deployed）；请升级它（POST …/shop/web/upgrade）或换一个名称',
  );
  const helm = refusal('helm-failed', 'render-failed', {
    detail: 'template: web/templates/a.yaml:3: nil pointer',
  });
  assert.equal(
    helmErrorText(zh.t, helm),
    '使用这些 values 无法渲染该 Chart：template: web/templates/a.yaml:3: nil pointer',
  );
  // A multi-cluster install's per-cluster refusal is the body itself.
  assert.equal(helmErrorText(zh.t, exists.body), helmErrorText(zh.t, exists));
});

test("without a known code and every value, the error's own message is shown", () => {
  assert.equal(helmErrorText(zh.t, new ApiError(409, { code: 'conflict', message: 'as said' })), 'as said');
  const unknown = new ApiError(400, { code: 'x', message: 'as said', messageCode: 'brand-new', params: {} });
  assert.equal(helmErrorText(zh.t, unknown), 'as said');
  const missing = new ApiError(404, {
    code: 'not-found',
    message: 'as said',
    messageCode: 'release-not-found',
    params: {},
  });
  assert.equal(helmErrorText(zh.t, missing), 'as said');
  assert.equal(helmErrorText(zh.t, new Error('plain')), 'plain');
});

test("a YAML refusal marks its line in the editor, with the reader's words", () => {
  const error = refusal(
    'invalid-values',
    'values-not-yaml-line',
    { field: 'values', line: '3', detail: 'Nested mappings are not allowed' },
    'values',
  );
  assert.deepEqual(
    valuesMarkers(error, 'a: 1\nb: 2\nc: d: e\n', (refused) => helmErrorText(zh.t, refused)),
    [{ line: 3, message: 'values 不是有效的 YAML（第 3 行）：Nested mappings are not allowed' }],
  );
});

/**
 * Every code the server can send on the backup pages has words in English and 简体中文 with the same
 * placeholders (the codes come from the shared lists in packages/api, which the server's types are
 * tied to: a new code without words here fails this test); a code the console does not know keeps
 * the server's words.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BACKUP_ERROR_CODES, BACKUP_FAILURE_CODES, RESTORE_REASON_CODES } from '@portolan/api';
import { loadDictionary, translate } from '../../app/messages.ts';
import { assertWordsInBoth } from '../../testing/word-lists.ts';
import { failureText, reasonText, resultError, runError } from './backup-words.ts';

await loadDictionary('zh-CN');
type Key = Parameters<typeof translate>[1];
const zh = (key: Key, values?: Record<string, string | number>) => translate('zh-CN', key, values);

test('every code the server sends has words in both languages, with the same placeholders', () => {
  const wanted = [
    ...RESTORE_REASON_CODES.map((code) => `backups.reasonCode.${code}`),
    ...BACKUP_FAILURE_CODES.map((code) => `backups.failureCode.${code}`),
    ...BACKUP_ERROR_CODES.map((code) => `backups.errorCode.${code}`),
  ];
  assertWordsInBoth(wanted);
});

test('reasons, failures and errors read from their codes; unknown codes and plain words stay the server’s', () => {
  const skip = {
    reason: 'it exists in the target (existing: skip)',
    reasonCode: 'exists-skip',
    reasonParams: {},
  };
  assert.equal(reasonText(zh, skip), '目标中已存在（已有对象：跳过）');
  assert.equal(reasonText(zh, { reason: null }), null);
  assert.equal(
    reasonText(zh, { reason: 'new words', reasonCode: 'brand-new', reasonParams: {} }),
    'new words',
  );
  const conflict = {
    error: 'cluster does not serve example.com/v1 widgets; install …',
    errorCode: 'not-served',
    errorParams: { api: 'example.com/v1', resource: 'widgets' },
  };
  assert.match(resultError(zh, conflict) ?? '', /^集群未提供 example\.com\/v1 widgets/);
  assert.equal(resultError(zh, { error: '409: already exists' }), '409: already exists');
  assert.equal(
    failureText(zh, {
      reason: 'listing secrets in shop failed: forbidden',
      code: 'list-failed',
      params: { resource: 'secrets', namespace: 'shop', error: 'forbidden' },
    }),
    '列出命名空间 shop 中的 secrets 失败：forbidden',
  );
  assert.equal(
    runError(zh, {
      error: 'cancelled; the partial archive was removed',
      errorCode: 'backup-cancelled',
      errorParams: {},
    }),
    '已取消；不完整的归档已删除',
  );
  assert.equal(runError(zh, { error: 'deadline passed' }), 'deadline passed');
});

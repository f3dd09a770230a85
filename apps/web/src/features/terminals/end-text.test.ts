/**
 * Every code a terminal's end or refusal can carry has words in English and 简体中文 with the same
 * placeholders (the codes come from packages/api's TERMINAL_END_CODES and TERMINAL_REFUSAL_CODES, which
 * the server is tied to); the console's English is the server's; Chinese keeps minutes, flags and names;
 * no code, an unknown code or a missing value keeps the server's English.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TERMINAL_END_CODES, TERMINAL_REFUSAL_CODES, terminalEnd, terminalRefusalWords } from '@portolan/api';
import { ApiError } from '../../api/client.ts';
import { assertWordsInBoth, wordsIn } from '../../testing/word-lists.ts';
import { endText, refusalText } from './end-text.ts';

const zh = await wordsIn('zh-CN');
const en = await wordsIn('en');
const values = { minutes: 15, seconds: 90, flag: '--x', cluster: 'east', id: 'a1', replica: 'r2' };

test('every end and refusal code has words in both languages, with the same placeholders', () => {
  assert.ok(TERMINAL_END_CODES.length >= 12 && TERMINAL_REFUSAL_CODES.length >= 6);
  assertWordsInBoth(TERMINAL_END_CODES.map((code) => `terminals.end.${code}`));
  assertWordsInBoth(TERMINAL_REFUSAL_CODES.map((code) => `terminals.refusal.${code}`));
});

test("an ended session reads in Chinese with its minutes and flag; English is the server's", () => {
  for (const code of TERMINAL_END_CODES) {
    const said = terminalEnd(code, values);
    assert.equal(endText(en.t, said), said.message, code);
  }
  assert.equal(
    endText(zh.t, terminalEnd('idle', { minutes: 15, flag: '--terminal-idle-timeout' })),
    '15 分钟内没有输入（空闲超时，--terminal-idle-timeout）；请打开新终端继续',
  );
  assert.equal(
    endText(zh.t, terminalEnd('revoked-cluster', { cluster: 'east' })),
    '你已不能再通过 Portolan 访问集群 east',
  );
  const message = 'the server said so';
  assert.equal(endText(zh.t, { message }), message);
  assert.equal(endText(zh.t, { message, code: 'brand-new', params: {} }), message);
  assert.equal(endText(zh.t, { message, code: 'idle', params: {} }), message);
});

test('a refused terminal reads in Chinese from its messageCode; without one, the error as it is', () => {
  const params = { limit: '5', flag: '--terminal-max-per-user' };
  const body = {
    code: 'too-many-terminals',
    message: terminalRefusalWords('too-many-per-user', params),
    messageCode: 'too-many-per-user',
    params,
  };
  assert.equal(refusalText(en.t, new ApiError(429, body)), body.message);
  assert.match(
    refusalText(zh.t, new ApiError(429, body)),
    /^你已打开 5 个终端，这是单个用户的上限（--terminal-max-per-user）/,
  );
  assert.equal(refusalText(zh.t, new ApiError(500, { code: 'x', message: 'as said' })), 'as said');
  assert.equal(refusalText(zh.t, new Error('plain')), 'plain');
});

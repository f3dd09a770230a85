/**
 * Every code an export's or import's reason can carry has words in English and 简体中文 with the same
 * placeholders (the codes come from packages/api's MCS_REASON_CODES, which the server's types are tied
 * to: a new code there without words here fails this test); reasons read in Chinese with instants as
 * the reader's dates and Kubernetes' own text kept as it is; an unknown code keeps the server's English.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MCS_REASON_CODES, type McsWording, mcsEnglish } from '@portolan/api';
import { placeholders } from '../../app/worded.ts';
import { assertWordsInBoth, wordsIn } from '../../testing/word-lists.ts';
import { mcsReasonText } from './mcs-reason.ts';

const zh = await wordsIn('zh-CN');
const english = await wordsIn('en');
/** What the server sends: the English made from the code, and the code beside it. */
const sent = (said: McsWording) => ({
  reason: mcsEnglish(said),
  reasonCode: said.code,
  reasonParams: said.params,
});

test('every export and import reason code has words in both languages, with the same placeholders', () => {
  assert.ok(MCS_REASON_CODES.length >= 11);
  const wanted = MCS_REASON_CODES.map((code) => `mcs.words.${code}`);
  assertWordsInBoth(wanted);
});

test("the console's English is the server's English for every code without numbers or dates", () => {
  for (const code of MCS_REASON_CODES) {
    const names = placeholders(mcsEnglish({ code, params: {} }));
    if (names.some((name) => ['since', 'until', 'seconds'].includes(name ?? ''))) continue;
    const params = Object.fromEntries(names.map((name) => [name, `<${name}>`]));
    assert.equal(mcsReasonText(english, sent({ code, params })), mcsEnglish({ code, params }), code);
  }
});

test('an import reads in Chinese; a refusal keeps the API server’s own message', () => {
  assert.equal(
    mcsReasonText(zh, sent({ code: 'import.no-exporter', params: { namespace: 'shop', service: 'web' } })),
    '当前没有导出集群提供 Service shop/web',
  );
  const detail = 'services is forbidden: User "portolan" cannot create resource "services"';
  assert.equal(
    mcsReasonText(zh, sent({ code: 'import.forbidden', params: { cluster: 'east', detail } })),
    `集群 east 拒绝了 Portolan 自身的凭据：${detail}`,
  );
});

test('an offline exporting cluster says since when in the reader’s dates, not ISO text', () => {
  const since = '2026-03-01T08:00:00.000Z';
  const until = '2026-03-01T08:01:00.000Z';
  const text = mcsReasonText(zh, sent({ code: 'export.offline-kept', params: { since, until } }));
  assert.ok(text.startsWith(`自 ${zh.format.dateTime(since)} 起离线`), text);
  assert.doesNotMatch(text, /T08:00|offline|kept/);
});

test("an unknown code, a missing value or no code at all keeps the server's English", () => {
  const reason = 'the server said so';
  assert.equal(mcsReasonText(zh, { reason, reasonCode: 'import.brand-new', reasonParams: {} }), reason);
  assert.equal(mcsReasonText(zh, { reason, reasonCode: 'import.failed', reasonParams: {} }), reason);
  assert.equal(mcsReasonText(zh, { reason }), reason);
});

/**
 * Every code a rule's per-cluster state or a delivery's failed attempt can carry has words in English
 * and 简体中文 with the same placeholders (the codes come from packages/api's ALERT_RULE_STATE_CODES and
 * DELIVERY_ERROR_CODES, which the server is tied to: a new code there without words here fails this
 * test); the English is the server's; Chinese keeps names and the other end's own text; an unknown code
 * keeps the English.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ALERT_RULE_STATE_CODES,
  alertRuleReason,
  DELIVERY_ERROR_CODES,
  deliveryError,
  RAISED_ALERT_CODES,
  raisedAlertText,
} from '@portolan/api';
import { loadDictionary, translate } from '../../app/messages.ts';
import { assertWordsInBoth } from '../../testing/word-lists.ts';
import { alertText, deliveryErrorText, ruleStateText } from './reason-text.ts';

await loadDictionary('zh-CN');
type Key = Parameters<typeof translate>[1];
const zh = (key: Key, values?: Record<string, string | number>) => translate('zh-CN', key, values);
const english = (key: Key, values?: Record<string, string | number>) => translate('en', key, values);

test('every rule state code has words in both languages, with the same placeholders', () => {
  const wanted = ALERT_RULE_STATE_CODES.map((code) => `alerting.ruleState.${code}`);
  assert.ok(wanted.length >= 6);
  assertWordsInBoth(wanted);
});

test("the console's English is the server's; Chinese keeps names and the engine's own text", () => {
  for (const code of ALERT_RULE_STATE_CODES) {
    const said = alertRuleReason(code, { cluster: 'east', missing: 'up', detail: 'connection refused' });
    assert.equal(ruleStateText(english, said), said.reason, code);
  }
  assert.equal(
    ruleStateText(zh, alertRuleReason('cluster-offline', { cluster: 'east' })),
    '集群 east 离线：在它恢复应答之前，其告警保持当前状态',
  );
  assert.equal(
    ruleStateText(zh, alertRuleReason('query-refused', { detail: 'parse error at char 4' })),
    '指标引擎拒绝了该查询：parse error at char 4',
  );
});

test("an unknown code, a missing value or no code at all keeps the server's English", () => {
  const reason = 'the server said so';
  assert.equal(ruleStateText(zh, { reason, reasonCode: 'brand-new', reasonParams: {} }), reason);
  assert.equal(ruleStateText(zh, { reason, reasonCode: 'cluster-offline', reasonParams: {} }), reason);
  assert.equal(ruleStateText(zh, { reason }), reason);
});

test('every delivery error code has words in both languages, with the same placeholders', () => {
  const wanted = DELIVERY_ERROR_CODES.map((code) => `alerting.deliveryError.${code}`);
  assert.ok(wanted.length >= 18);
  assertWordsInBoth(wanted);
});

test("a failed delivery reads in Chinese with the other end's own words kept; English is the server's", () => {
  for (const code of DELIVERY_ERROR_CODES) {
    const said = deliveryError(code, {
      where: 'hooks.example.com',
      seconds: 10,
      status: 500,
      code: 1,
      detail: 'x',
    });
    assert.equal(deliveryErrorText(english, said), said.error, code);
  }
  assert.equal(
    deliveryErrorText(zh, deliveryError('refused', { where: '127.0.0.1:9' })),
    '127.0.0.1:9 拒绝了连接：那里没有服务在监听',
  );
  assert.equal(
    deliveryErrorText(
      zh,
      deliveryError('robot-refused-message', {
        where: 'oapi.dingtalk.com',
        code: 310000,
        detail: 'sign not match',
      }),
    ),
    'oapi.dingtalk.com 拒绝了消息：错误码 310000，sign not match',
  );
  const error = 'the server said so';
  assert.equal(deliveryErrorText(zh, { error, errorCode: 'brand-new', errorParams: {} }), error);
  assert.equal(deliveryErrorText(zh, { error, errorCode: 'refused', errorParams: {} }), error);
  assert.equal(deliveryErrorText(zh, { error }), error);
});

test('every raised alert code has a summary and description in both languages, with the same placeholders', () => {
  assert.ok(RAISED_ALERT_CODES.length >= 2);
  assertWordsInBoth(
    RAISED_ALERT_CODES.flatMap((code) => [
      `alerting.raised.${code}.summary`,
      `alerting.raised.${code}.description`,
    ]),
  );
});

test('NotificationDeliveryFailing reads in Chinese, its last error worded from its own code', () => {
  const params = {
    receiver: 'ops-hook',
    failures: 3,
    since: '2026-12-05T10:00:00.000Z',
    error: 'connection refused by 127.0.0.1:9: nothing listens there',
    errorCode: 'refused',
    'error.where': '127.0.0.1:9',
  };
  for (const code of RAISED_ALERT_CODES) {
    const said = raisedAlertText(code, params);
    assert.deepEqual(
      alertText(english, said),
      { summary: said.summary, description: said.description },
      code,
    );
  }
  const said = raisedAlertText('delivery-failing-since', params);
  assert.deepEqual(alertText(zh, said), {
    summary: '发往通知接收者 ops-hook 的通知持续失败',
    description:
      '自 2026-12-05T10:00:00.000Z 起已连续 3 次发送失败；最近一次的错误：127.0.0.1:9 拒绝了连接：那里没有服务在监听。请在“通知接收者”中检查它（发送测试会显示错误）及其发送记录。',
  });
  // A page that formats times shows `since` its own way.
  assert.match(
    alertText(zh, said, (iso) => `<${iso.slice(0, 10)}>`).description ?? '',
    /^自 <2026-12-05> 起/,
  );
  // An error with no code of its own stays as the server said it, inside the Chinese sentence.
  const plain = raisedAlertText('delivery-failing', { receiver: 'r', failures: 4, error: 'boom' });
  assert.match(alertText(zh, plain).description ?? '', /^已连续 4 次发送失败；最近一次的错误：boom。/);
});

test("a rule's alert, an unknown code or a missing value keeps the server's summary and description", () => {
  const rule = { summary: 'Pod shop/web-1 on c1 is crash-looping', description: 'it restarts' };
  assert.deepEqual(alertText(zh, rule), rule);
  assert.deepEqual(alertText(zh, { ...rule, textCode: 'brand-new', textParams: {} }), rule);
  assert.deepEqual(
    alertText(zh, { ...rule, textCode: 'delivery-failing', textParams: { receiver: 'r' } }),
    rule,
  );
});

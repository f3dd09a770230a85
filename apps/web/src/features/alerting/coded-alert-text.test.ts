/**
 * The alert page's last English in 简体中文 (issue #10): a timeline event's detail, a template alert's
 * summary and description (with the line they end with) and the missing-receiver delivery error are
 * worded from the codes the server sends; every code has words in both languages with the same
 * placeholders, the console's English is the server's, and an unknown code or missing value shows the
 * server's English.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ALERT_EVENT_CODES,
  alertEventDetail,
  deliveryError,
  fillWords,
  TEMPLATE_ALERT_CODES,
  TEMPLATE_ALERT_WORDS,
  TEMPLATE_DETAIL_CODES,
} from '@portolan/api';
import { loadDictionary, translate } from '../../app/messages.ts';
import { assertWordsInBoth } from '../../testing/word-lists.ts';
import { alertText, deliveryErrorText, eventDetailText } from './reason-text.ts';

await loadDictionary('zh-CN');
type Key = Parameters<typeof translate>[1];
const zh = (key: Key, values?: Record<string, string | number>) => translate('zh-CN', key, values);
const english = (key: Key, values?: Record<string, string | number>) => translate('en', key, values);

test('every timeline event code, template alert code and detail code has words in both languages', () => {
  assert.ok(ALERT_EVENT_CODES.length >= 14);
  assertWordsInBoth(ALERT_EVENT_CODES.map((code) => `alerting.eventDetail.${code}`));
  assert.ok(TEMPLATE_ALERT_CODES.length >= 11);
  assertWordsInBoth(
    TEMPLATE_ALERT_CODES.flatMap((code) => [
      `alerting.templateAlert.${code}.summary`,
      `alerting.templateAlert.${code}.description`,
    ]),
  );
  assertWordsInBoth(TEMPLATE_DETAIL_CODES.map((code) => `alerting.templateDetail.${code}`));
});

test("timeline details read in Chinese; the English is the server's; a failed delivery's error is worded inside", () => {
  const values = {
    for: '5m',
    value: 3,
    silence: 's1',
    by: 'ada',
    comment: 'known',
    cluster: 'east',
    alert: 'a1',
    receiver: 'ops-hook',
    error: 'boom',
  };
  for (const code of ALERT_EVENT_CODES) {
    const said = alertEventDetail(code, values);
    assert.equal(eventDetailText(english, said), said.detail, code);
  }
  assert.equal(eventDetailText(zh, alertEventDetail('raised')), '由 Portolan 发出');
  assert.equal(eventDetailText(zh, alertEventDetail('resolved-by-portolan')), '由 Portolan 解除');
  assert.equal(eventDetailText(zh, alertEventDetail('condition-held', { for: '1m' })), '条件成立；等待 1m');
  const refused = deliveryError('refused', { where: '127.0.0.1:9' });
  const failed = alertEventDetail('notify-failed', {
    receiver: 'ops-hook',
    error: refused.error,
    errorCode: refused.errorCode,
    'error.where': '127.0.0.1:9',
  });
  assert.equal(eventDetailText(zh, failed), 'ops-hook：127.0.0.1:9 拒绝了连接：那里没有服务在监听');
  // No code (kept before), an unknown code, or a missing value: the server's English.
  assert.equal(eventDetailText(zh, { detail: 'value 3' }), 'value 3');
  assert.equal(eventDetailText(zh, { detail: 'x', detailCode: 'brand-new', detailParams: {} }), 'x');
  assert.equal(
    eventDetailText(zh, { detail: 'firing message to r', detailCode: 'notified-firing', detailParams: {} }),
    'firing message to r',
  );
});

test('a template alert reads in Chinese, its detail line too; the English is the server’s', () => {
  for (const code of TEMPLATE_ALERT_CODES) {
    const words = TEMPLATE_ALERT_WORDS[code];
    const params = Object.fromEntries(
      [...`${words.summary} ${words.description}`.matchAll(/\{(\w+)\}/g)].map((m) => [m[1] ?? '', 'x']),
    );
    const said = {
      summary: fillWords(words.summary, params),
      description: fillWords(words.description, params),
      textCode: `template.${code}`,
      textParams: params,
    };
    assert.deepEqual(
      alertText(english, said),
      { summary: said.summary, description: said.description },
      code,
    );
  }
  const reason =
    'the API server at 10.0.0.9:6443 is unreachable: connection refused (nothing listens there, or a firewall rejects it). Check the server address and that the cluster is running.';
  const offline = {
    summary: 'Cluster east is offline',
    description: `${TEMPLATE_ALERT_WORDS['cluster-offline-built-in'].description} ${reason}`,
    textCode: 'template.cluster-offline-built-in',
    textParams: {
      cluster: 'east',
      detail: reason,
      detailCode: 'cluster-reason',
      reasonCode: 'unreachable',
      'detail.address': '10.0.0.9:6443',
      'detail.systemCode': 'ECONNREFUSED',
    },
  };
  assert.deepEqual(alertText(english, offline), {
    summary: offline.summary,
    description: offline.description,
  });
  assert.deepEqual(alertText(zh, offline), {
    summary: '集群 east 离线',
    description:
      '由 Portolan 创建：针对它无法连接的集群。请停用而不要删除这条规则。无法连接 API 服务器 10.0.0.9:6443：连接被拒绝（那里没有服务在监听，或被防火墙拒绝）。请检查服务器地址以及集群是否在运行。',
  });
  const cert = {
    summary: 'The client certificate Portolan uses for east expires in 6.5 days',
    description: 'Replace … expires 2026-12-12T10:00:00.000Z',
    textCode: 'template.certificate-expiring',
    textParams: {
      cluster: 'east',
      value: '6.5',
      detail: 'expires 2026-12-12T10:00:00.000Z',
      detailCode: 'expires',
      'detail.at': '2026-12-12T10:00:00.000Z',
    },
  };
  const worded = alertText(zh, cert, (iso) => `<${iso.slice(0, 10)}>`);
  assert.equal(worded.summary, 'Portolan 访问 east 所用的客户端证书将在 6.5 天后过期');
  assert.match(worded.description ?? '', /否则 Portolan 将失去这个集群。将于 <2026-12-12> 过期$/);
  // A missing value or an unknown template: the server's English, summary and description alike.
  const { reasonCode: _, ...noCode } = offline.textParams;
  assert.match(
    alertText(zh, { ...offline, textParams: noCode }).description ?? '',
    /由 Portolan 创建.*unreachable/,
  );
  assert.deepEqual(alertText(zh, { ...cert, textParams: { cluster: 'east' } }), {
    summary: cert.summary,
    description: cert.description,
  });
  assert.deepEqual(alertText(zh, { ...cert, textCode: 'template.brand-new' }), {
    summary: cert.summary,
    description: cert.description,
  });
});

test('the missing-receiver delivery error reads in Chinese', () => {
  const said = deliveryError('no-receiver', { receiver: 'pager', policy: 'critical' });
  assert.equal(said.error, 'there is no receiver named pager: create it, or take it out of policy critical');
  assert.equal(deliveryErrorText(english, said), said.error);
  assert.equal(
    deliveryErrorText(zh, said),
    '没有名为 pager 的通知接收者：请创建它，或把它从通知策略 critical 中去掉',
  );
});

/**
 * Every sync reason code the server sends has words in English and 简体中文 with the same placeholders
 * (the codes come from packages/api's SYNC_REASON_CODES, which the server's types are tied to: a new
 * code there without words here fails this test); a refused list reads wholly in Chinese; connection
 * failures read as the cluster's reasons do; a code or value the console does not know keeps the
 * server's English.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTION_FAILURES, SYNC_REASON_CODES } from '@portolan/api';
import { loadDictionary, translate } from '../../app/messages.ts';
import { assertWordsInBoth } from '../../testing/word-lists.ts';
import { clusterReasonText } from '../clusters/cluster-reason.ts';
import { type SyncFailure, syncReasonText } from './sync-reason.ts';

await loadDictionary('zh-CN');
type Key = Parameters<typeof translate>[1];
const zh = (key: Key, values?: Record<string, string | number>) => translate('zh-CN', key, values);
const english = (key: Key, values?: Record<string, string | number>) => translate('en', key, values);

/** The cluster's reasons word these codes; the sync's own words the rest. */
const clusterWorded = new Set<string>([...CONNECTION_FAILURES, 'credentials-failed']);
const wanted = [
  ...SYNC_REASON_CODES.map((code) =>
    clusterWorded.has(code) ? `clusterReason.${code}` : `syncReason.${code}`,
  ),
  'syncReason.forbidden.discovery',
];

test('every sync reason code has words in both languages, with the same placeholders', () => {
  assert.ok(wanted.length >= SYNC_REASON_CODES.length);
  assertWordsInBoth(wanted);
});

const refused: SyncFailure = {
  message:
    'secrets is forbidden: User "system:serviceaccount:x:y" cannot list resource "secrets" in API group "" at the cluster scope',
  reasonCode: 'forbidden',
  reasonParams: {
    verb: 'list',
    resource: 'secrets',
    kind: 'Secret',
    status: 403,
    detail: 'secrets is forbidden',
  },
  kinds: ['secrets'],
};

test('a refused list reads in Chinese with its verb, and in English from the same code', () => {
  assert.equal(
    syncReasonText(zh, refused),
    'kubeconfig 的用户无权对这些资源执行 list（API 服务器答复 403）；请在集群的 RBAC 中授予它对这些资源的 list 和 watch 权限，否则 Portolan 无法显示它们。',
  );
  assert.match(syncReasonText(english, refused), /^the kubeconfig's user may not list these kinds/);
});

test("a refused discovery (the engine's own error, no kinds) names the path, not 'these kinds'", () => {
  const discovery = { ...refused, kinds: [], reasonParams: { verb: 'get', resource: '/apis', status: 403 } };
  assert.match(
    syncReasonText(zh, discovery),
    /^kubeconfig 的用户无权读取 API 服务器提供的资源（\/apis 答复 403）/,
  );
});

test('a connection failure reads as the cluster reason with the same code does', () => {
  const params = { address: '10.1.2.3:6443', systemCode: 'ECONNREFUSED' };
  const failure: SyncFailure = {
    message: 'english',
    reasonCode: 'unreachable',
    reasonParams: params,
    kinds: ['pods'],
  };
  const cluster = clusterReasonText(zh, {
    reason: 'english',
    reasonCode: 'unreachable',
    reasonParams: params,
  });
  assert.equal(syncReasonText(zh, failure), cluster);
  assert.match(cluster, /^无法连接 API 服务器 10\.1\.2\.3:6443/);
});

test('each answer and store failure reads in Chinese with its values filled in', () => {
  const cases: SyncFailure[] = (
    [
      { reasonCode: 'unauthorized', reasonParams: { verb: 'watch' } },
      { reasonCode: 'not-found', reasonParams: { verb: 'list', resource: 'widgets.example.com' } },
      {
        reasonCode: 'api-error',
        reasonParams: { verb: 'list', status: 429, reason: 'TooManyRequests', detail: 'slow down' },
      },
      { reasonCode: 'store-failed', reasonParams: { resource: 'pods', detail: 'disk I/O error' } },
      { reasonCode: 'discovery-incomplete', reasonParams: { apis: 'metrics.k8s.io/v1beta1', detail: 'x' } },
    ] as { reasonCode: string; reasonParams: Record<string, string | number> }[]
  ).map((failure) => ({ ...failure, message: 'ENGLISH', kinds: ['pods'] }));
  for (const failure of cases) {
    const text = syncReasonText(zh, failure);
    assert.notEqual(text, 'ENGLISH', failure.reasonCode ?? '');
    assert.doesNotMatch(text, /\{\w+\}/, text);
    assert.match(text, /[\u4e00-\u9fff]/, text);
  }
});

test("an unknown code, a missing value or no code at all keeps the server's English", () => {
  const base = { message: 'the server said so', kinds: ['pods'] };
  assert.equal(syncReasonText(zh, { ...base, reasonCode: 'brand-new', reasonParams: {} }), base.message);
  assert.equal(syncReasonText(zh, { ...base, reasonCode: 'forbidden', reasonParams: {} }), base.message);
  assert.equal(syncReasonText(zh, { ...base, reasonCode: null, reasonParams: null }), base.message);
});

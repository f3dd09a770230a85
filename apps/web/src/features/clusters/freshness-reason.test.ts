/**
 * A search's word on a cluster that is not current reads in the reader's language: an Offline
 * cluster's reason, and the reason a type's sync failed; a code the console does not know keeps the
 * server's English.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClusterFreshness } from '@portolan/api';
import { loadDictionary, translate } from '../../app/messages.ts';
import { freshnessErrorText } from './freshness-reason.ts';

await loadDictionary('zh-CN');
type Key = Parameters<typeof translate>[1];
const zh = (key: Key, values?: Record<string, string | number>) => translate('zh-CN', key, values);
const english = (key: Key, values?: Record<string, string | number>) => translate('en', key, values);

const stale: ClusterFreshness = {
  name: 'edge',
  status: 'stale',
  error:
    'cluster is Offline: the API server at 127.0.0.1:41173 is unreachable: connection refused (nothing listens there, or a firewall rejects it). Check the server address and that the cluster is running.',
  reasonCode: 'unreachable',
  reasonParams: { address: '127.0.0.1:41173', systemCode: 'ECONNREFUSED' },
  failedResource: null,
  syncReasonCode: null,
  syncReasonParams: null,
  lastSeenAt: null,
  syncedAt: null,
};

const forbidden: ClusterFreshness = {
  ...stale,
  status: 'failed',
  error:
    'secrets: secrets is forbidden: User "system:serviceaccount:default:viewer" cannot list resource "secrets"',
  reasonCode: null,
  reasonParams: null,
  failedResource: 'secrets',
  syncReasonCode: 'forbidden',
  syncReasonParams: {
    verb: 'list',
    resource: 'secrets',
    kind: 'Secret',
    group: '',
    detail: 'secrets is forbidden',
  },
};

test("an Offline cluster's part of a search says why in Chinese, and in the server's English", () => {
  assert.match(
    freshnessErrorText(zh, stale),
    /^集群离线：无法连接 API 服务器 127\.0\.0\.1:41173：连接被拒绝/,
  );
  assert.equal(freshnessErrorText(english, stale), stale.error);
});

test("a type whose sync was refused is named, with the reason in the reader's language", () => {
  const chinese = freshnessErrorText(zh, forbidden);
  assert.match(chinese, /^secrets：kubeconfig 的用户无权对这些资源执行 list/);
  assert.doesNotMatch(chinese, /forbidden|cannot/);
  assert.match(
    freshnessErrorText(english, forbidden),
    /^secrets: the kubeconfig's user may not list these kinds/,
  );
});

test("a failure without a code, or with one the console does not know, keeps the server's words", () => {
  const bare = { ...forbidden, syncReasonCode: null, syncReasonParams: null };
  assert.equal(freshnessErrorText(zh, bare), bare.error);
  const unknown = {
    ...forbidden,
    syncReasonCode: 'weird',
    syncReasonParams: {},
  } as unknown as ClusterFreshness;
  assert.equal(freshnessErrorText(zh, unknown), unknown.error);
  assert.equal(freshnessErrorText(zh, { ...stale, status: 'fresh', error: null }), '');
});

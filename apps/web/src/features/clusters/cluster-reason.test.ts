/**
 * Every reason code the server sends about a cluster has words in English and 简体中文 with the same
 * placeholders (the codes come from packages/api's lists, which the server's types are tied to: a new
 * code there without words here fails this test); a reason reads wholly in Chinese; a code or value
 * the console does not know keeps the server's English.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CLUSTER_REASON_CODES, REQUEST_STEPS, UNREACHABLE_CAUSES } from '@portolan/api';
import { loadDictionary, translate } from '../../app/messages.ts';
import { assertWordsInBoth } from '../../testing/word-lists.ts';
import { clusterReasonText } from './cluster-reason.ts';

await loadDictionary('zh-CN');
type Key = Parameters<typeof translate>[1];
const zh = (key: Key, values?: Record<string, string | number>) => translate('zh-CN', key, values);
const english = (key: Key, values?: Record<string, string | number>) => translate('en', key, values);

/** The keys the console must have for every code and value the server sends. */
const wanted = [
  'clusterReason.offline',
  'clusterReason.timeout.step',
  ...CLUSTER_REASON_CODES.map((code) => `clusterReason.${code}`),
  ...UNREACHABLE_CAUSES.map((cause) => `clusterReason.cause.${cause}`),
  ...REQUEST_STEPS.flatMap((step) => [`clusterReason.step.${step}`, `clusterReason.hint.${step}`]),
  'clusterReason.certificate.CERT_HAS_EXPIRED',
  'clusterReason.certificate.CERT_NOT_YET_VALID',
];

test('every reason code has words in both languages, with the same placeholders', () => {
  assertWordsInBoth(wanted);
});

const refused = {
  reason:
    'the API server at 127.0.0.1:41173 is unreachable: connection refused (nothing listens there, or a firewall rejects it). Check the server address and that the cluster is running.',
  reasonCode: 'unreachable',
  reasonParams: { address: '127.0.0.1:41173', systemCode: 'ECONNREFUSED' },
};

test('a refused connection reads in Chinese, and in English as the server says it', () => {
  assert.equal(
    clusterReasonText(zh, refused),
    '无法连接 API 服务器 127.0.0.1:41173：连接被拒绝（那里没有服务在监听，或被防火墙拒绝）。请检查服务器地址以及集群是否在运行。',
  );
  assert.equal(clusterReasonText(english, refused), refused.reason);
});

/** Latin words a Chinese reason may keep: names, fields and values. */
const NAMES = new Set(['API', 'TLS', 'HTTP', 'CA', 'DNS', 'TCP', 'exec', 'kubeconfig', 'Portolan', 'https']);
const latin = (text: string) =>
  (text.match(/[A-Za-z][A-Za-z-]+/g) ?? []).filter(
    (word) =>
      !NAMES.has(word) &&
      !/^(proxy-url|tls-server-name|certificate-authority-data|token|as|as-groups|as-user-extra|readyz|get|system|public-info-viewer)$/.test(
        word,
      ),
  );

test('each connection failure, timeout step and answer reads in Chinese with its values filled in', () => {
  const address = '10.1.2.3:6443';
  const cases: { reasonCode: string; reasonParams: Record<string, string | number> }[] = [
    ...UNREACHABLE_CAUSES.map((systemCode) => ({
      reasonCode: 'unreachable',
      reasonParams: { address, systemCode },
    })),
    ...REQUEST_STEPS.map((step) => ({
      reasonCode: 'timeout',
      reasonParams: { address, step, systemCode: 'ETIMEDOUT' },
    })),
    { reasonCode: 'timeout', reasonParams: { address, systemCode: 'ETIMEDOUT' } },
    { reasonCode: 'tls-untrusted', reasonParams: { address, systemCode: 'X509' } },
    {
      reasonCode: 'tls-server-certificate-expired',
      reasonParams: { address, systemCode: 'CERT_HAS_EXPIRED' },
    },
    {
      reasonCode: 'tls-server-certificate-expired',
      reasonParams: { address, systemCode: 'CERT_NOT_YET_VALID' },
    },
    { reasonCode: 'tls-client-certificate-rejected', reasonParams: { address, systemCode: 'X509' } },
    { reasonCode: 'proxy', reasonParams: { address } },
    { reasonCode: 'unauthorized', reasonParams: { status: 401 } },
    { reasonCode: 'forbidden', reasonParams: { status: 403 } },
  ];
  for (const fields of cases) {
    const text = clusterReasonText(zh, { reason: 'SERVER ENGLISH', ...fields });
    assert.notEqual(text, 'SERVER ENGLISH', `${fields.reasonCode} has its own words`);
    assert.doesNotMatch(text, /\{\w+\}/, `${fields.reasonCode}: no placeholder left`);
    assert.deepEqual(latin(text), [], `${fields.reasonCode} reads in Chinese: ${text}`);
  }
});

test('an unknown code, or a value the words need and the server did not send, keeps the server’s English', () => {
  assert.equal(
    clusterReasonText(zh, { reason: 'new words', reasonCode: 'moon-phase', reasonParams: {} }),
    'new words',
  );
  assert.equal(
    clusterReasonText(zh, { reason: 'no address', reasonCode: 'proxy', reasonParams: {} }),
    'no address',
  );
  assert.equal(
    clusterReasonText(zh, { reason: 'kept before 0025', reasonCode: null, reasonParams: null }),
    'kept before 0025',
  );
  // A system code the console has no words for is told as the system said it, inside Chinese words.
  assert.match(
    clusterReasonText(zh, {
      reason: 'x',
      reasonCode: 'unreachable',
      reasonParams: { address: 'h:1', systemCode: 'EWEIRD', detail: 'socket hang up' },
    }),
    /^无法连接 API 服务器 h:1：socket hang up。/,
  );
});

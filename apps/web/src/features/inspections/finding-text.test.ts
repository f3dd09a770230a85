/**
 * Every finding code and run error code the server sends, and every item's why and fix, has words in
 * English and 简体中文 with the same placeholders (the codes come from packages/api's
 * INSPECTION_FINDING_CODES, INSPECTION_RUN_ERROR_CODES and INSPECTION_ITEM_WORDS: a new one there
 * without words here fails this test); findings read wholly in Chinese with Kubernetes' own text kept
 * as it is and a reason inside a reason worded too; an unknown code keeps the server's English.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INSPECTION_FINDING_CODES, INSPECTION_ITEM_WORDS, INSPECTION_RUN_ERROR_CODES } from '@portolan/api';
import { zhCN } from '../../app/zh-CN.ts';
import { assertWordsInBoth, wordsIn } from '../../testing/word-lists.ts';
import { findingText, itemText, runErrorText } from './finding-text.ts';

const zh = await wordsIn('zh-CN');
const english = await wordsIn('en');
const han = /[\u4e00-\u9fff]/;

const wanted = [
  ...INSPECTION_FINDING_CODES.map((code) => `inspections.finding.${code}`),
  ...INSPECTION_RUN_ERROR_CODES.map((code) => `inspections.runError.${code}`),
  ...Object.keys(INSPECTION_ITEM_WORDS).flatMap((id) => [`inspections.why.${id}`, `inspections.fix.${id}`]),
];

test('every finding code, run error and item has words in both languages, with the same placeholders', () => {
  const chinese = zhCN as Record<string, string>;
  assert.ok(INSPECTION_FINDING_CODES.length > 60);
  assert.equal(Object.keys(INSPECTION_ITEM_WORDS).length, 26);
  assertWordsInBoth(wanted);
  // Only a bare relay of another's words ({detail}, {condition}: {detail}) may lack a Chinese character.
  const untranslated = wanted.filter(
    (key) => !han.test(chinese[key] ?? '') && !/^[{}\w：:\s]+$/.test(chinese[key] ?? ''),
  );
  assert.deepEqual(untranslated, [], 'Chinese words without Chinese');
});

test("a failing pod reads in Chinese, with Kubernetes' own message kept as it wrote it", () => {
  const finding = {
    message: 'the pod is Failed: Evicted: The node was low on resource: memory.',
    code: 'pod-not-running.phase-detail',
    params: { phase: 'Failed', detail: 'Evicted: The node was low on resource: memory.' },
  };
  assert.equal(
    findingText(zh, finding),
    '容器组处于 Failed 状态：Evicted: The node was low on resource: memory.',
  );
  assert.equal(findingText(english, finding), finding.message);
});

test('numbers and dates are written the reader’s way', () => {
  const expiring = {
    message: 'english',
    code: 'certificate-expiry.expiring',
    params: {
      credential: 'client-certificate',
      field: 'users[0]',
      expiresAt: '2027-01-02T03:04:05Z',
      days: 27,
    },
  };
  const text = findingText(zh, expiring);
  assert.match(text, /^Portolan 的 client-certificate（users\[0\]）将于 2027年1月2日 .* 过期，还剩 27 天$/);
  const counted = { message: 'x', code: 'pod-restarts.restarts', params: { restarts: 12345, threshold: 5 } };
  assert.equal(findingText(english, counted), 'containers restarted 12,345 times (more than 5)');
});

test('a reason inside a reason is worded too: a sync error, the cluster’s reason, another skip', () => {
  const refused = findingText(zh, {
    message: 'pods are not synced yet: pods is forbidden',
    code: 'skip.sync-failed',
    params: {
      kind: 'pods',
      detail: 'pods is forbidden',
      syncCode: 'forbidden',
      'sync.verb': 'list',
      'sync.resource': 'pods',
      'sync.status': 403,
    },
  });
  assert.match(refused, /^pods 尚未同步完成：kubeconfig 的用户无权对这些资源执行 list/);
  const offline = findingText(zh, {
    message: 'english',
    code: 'skip.cluster-offline.reason',
    params: {
      cluster: 'c1',
      status: 'Offline',
      detail: 'connect ECONNREFUSED 10.1.2.3:6443',
      clusterCode: 'unreachable',
      'cluster.address': '10.1.2.3:6443',
      'cluster.systemCode': 'ECONNREFUSED',
    },
  });
  assert.match(offline, /^集群 c1 处于 Offline 状态（无法连接 API 服务器 10\.1\.2\.3:6443/);
  const unseen = findingText(zh, {
    message: 'references cannot all be seen: Portolan does not sync ingresses from this cluster (…)',
    code: 'skip.references-unseen',
    params: {
      detail: 'Portolan does not sync ingresses …',
      detailCode: 'skip.not-synced',
      'detail.kind': 'ingresses',
    },
  });
  assert.equal(unseen, '无法看到全部引用：Portolan 未从该集群同步 ingresses（集群未提供，或无权列出）');
});

test("an unknown code, a missing value or an old run without codes keeps the server's English", () => {
  const message = 'the server said so';
  assert.equal(findingText(zh, { message, code: 'brand-new.case', params: {} }), message);
  assert.equal(findingText(zh, { message, code: 'pod-restarts.restarts', params: { restarts: 3 } }), message);
  assert.equal(findingText(zh, { message }), message);
  assert.equal(itemText(zh, 'why', 'brand-new-item', 'english why'), 'english why');
  assert.match(itemText(zh, 'why', 'pod-pending', 'english why'), han);
  assert.equal(runErrorText(zh, { error: 'boom' }), 'boom');
  assert.equal(
    runErrorText(zh, {
      error: 'cluster c1 is no longer registered',
      errorCode: 'run.cluster-gone',
      errorParams: { cluster: 'c1' },
    }),
    '集群 c1 已不再注册',
  );
});

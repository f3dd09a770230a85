/**
 * Every code the server can send on the lifecycle pages has words in English and 简体中文 with the
 * same placeholders (the codes come from the shared lists in packages/api, which the server's types
 * are tied to: a new code there without words here fails this test); the plans the server makes read
 * wholly in Chinese; a code the console does not know keeps the server's words.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  LIFECYCLE_MESSAGE_CODES,
  LIFECYCLE_PROGRESS_CODES,
  LIFECYCLE_STEP_CODES,
  LIFECYCLE_TITLE_CODES,
  LIFECYCLE_WAIT_CODES,
  type Operation,
  PREFLIGHT_CHECK_IDS,
} from '@portolan/api';
import {
  createPlan,
  deletePlan,
  poolPlan,
  removePoolPlan,
  restorePlan,
  rollbackSteps,
  snapshotPlan,
  upgradePlan,
} from '../../../../server/src/lifecycle/operation-plans.ts';
import { loadDictionary, translate } from '../../app/messages.ts';
import { assertWordsInBoth } from '../../testing/word-lists.ts';
import { checkMessage, failureText, logText, stepMessage, titleOf } from './lifecycle-words.ts';

await loadDictionary('zh-CN');
type Key = Parameters<typeof translate>[1];
const zh = (key: Key, values?: Record<string, string | number>) => translate('zh-CN', key, values);

/** The keys the console must have for every code the server sends. */
const wanted = [
  ...[...LIFECYCLE_STEP_CODES, ...LIFECYCLE_TITLE_CODES].map((code) => `lifecycle.code.${code}`),
  ...LIFECYCLE_MESSAGE_CODES.map((code) => `lifecycle.said.${code}`),
  ...LIFECYCLE_WAIT_CODES.map((code) => `lifecycle.wait.${code}`),
  ...LIFECYCLE_PROGRESS_CODES.filter((code) => !code.startsWith('step.')).map(
    (code) => `lifecycle.log.${code}`,
  ),
  ...PREFLIGHT_CHECK_IDS.flatMap((id) => [
    `lifecycle.check.${id}`,
    `lifecycle.preflight.${id}.pass`,
    `lifecycle.preflight.${id}.fail`,
  ]),
];

test('every code the server sends has words in both languages, with the same placeholders', () => {
  assertWordsInBoth(wanted);
});

const latin = (text: string) => (text.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !NAMES.has(w));
/** Names a Chinese page writes as they are, and the values of the plans below. */
const NAMES = new Set(['API', 'Server', 'Portolan', 'Kubernetes', 'etcd', 'lab', 'gpu', 'snap', 'lab-gpu']);

test('every step of every plan the server makes has its title in Chinese, with its values filled in', () => {
  const spec = {
    name: 'lab',
    provider: 'sandbox' as const,
    version: 'v1.36.1',
    podCidr: '10.244.0.0/16',
    serviceCidr: '10.96.0.0/12',
    auditLog: false,
    nodePools: [{ name: 'gpu', count: 2, cpu: '2', memory: '4Gi', maxPods: 110, labels: {}, taints: [] }],
  };
  const steps = [
    ...createPlan(spec),
    ...upgradePlan('v1.36.1', 'v1.37.2', new Map([['gpu', ['n1', 'n2']]]), 1),
    ...poolPlan(spec.nodePools[0] ?? ({} as never), ['n1', 'n2', 'n3']),
    ...removePoolPlan('gpu', ['n1']),
    ...snapshotPlan('schedule', 3),
    ...restorePlan('snap'),
    ...rollbackSteps('snap'),
    ...deletePlan('lab'),
  ];
  for (const step of steps) {
    const title = titleOf(zh, step);
    assert.notEqual(title, step.title, `${step.id} kept the server's words`);
    assert.doesNotMatch(title, /\{/, step.id);
    assert.deepEqual(
      latin(title).filter((w) => !/^(v\d|n\d)/.test(w)),
      [],
      `${step.id}: ${title}`,
    );
  }
  // The rollback and the pre-upgrade snapshot say what they are for, not only what they do.
  assert.match(titleOf(zh, rollbackSteps('snap')[0] as never), /^回滚/);
});

test('messages, failures, checks and log lines read from their codes, and unknown ones keep the server’s words', () => {
  const step = {
    message: 'took longer than 60 s',
    messageCode: 'timeout',
    messageParams: { seconds: 60 },
  };
  assert.equal(stepMessage(zh, step), '耗时超过 60 秒');
  assert.equal(
    stepMessage(zh, { message: 'new words', messageCode: 'brand-new', messageParams: {} }),
    'new words',
  );
  assert.equal(stepMessage(zh, { message: 'only words' }), 'only words');
  // A code whose words need a value the server did not send keeps the server's words.
  assert.equal(stepMessage(zh, { message: 'x', messageCode: 'timeout', messageParams: {} }), 'x');
  assert.equal(
    failureText(zh, {
      step: 'b',
      reason: 'Cancelled by alice',
      code: 'cancelled',
      params: { reason: 'Cancelled by alice' },
    }),
    zh('jobs.reason.cancelledBy', { name: 'alice' }),
  );
  assert.equal(
    failureText(zh, {
      step: 'p',
      reason: 'x',
      code: 'preflight-failed',
      params: { checks: 'nodes-ready,removed-apis' },
    }),
    '预检未通过：所有节点均已就绪、没有对象使用新版本移除的 API',
  );
  const check = {
    id: 'nodes-ready',
    status: 'fail' as const,
    title: 'Every node is Ready',
    message: 'not Ready: n1, n2; fix them or remove them from their pool first',
    code: 'lifecycle.preflight.nodes-ready.fail',
    params: { nodes: 'n1, n2' },
  };
  assert.equal(checkMessage(zh, check), '未就绪：n1, n2；请先修复它们或将其移出节点池');
  const operation = { steps: [], failure: null } as unknown as Operation;
  const line = (code: string, params: Record<string, string | number>, text: string) => ({
    seq: 1,
    at: '2026-12-05T00:00:00Z',
    level: 'info' as const,
    code,
    params,
    text,
  });
  assert.equal(
    logText(
      zh,
      line(
        'lifecycle.waiting',
        { what: 'x', wait: 'nodes', missing: '', notReady: 'n1', behind: 'n2', version: 'v1.37.2' },
        'x',
      ),
      operation,
    ),
    '等待：节点未就绪：n1；节点未运行 v1.37.2：n2',
  );
  assert.equal(
    logText(
      zh,
      line('lifecycle.waiting', { what: 'kube-apiserver not ready', wait: 'apiserver' }, 'x'),
      operation,
    ),
    '等待：kube-apiserver 尚未就绪',
  );
  assert.equal(logText(zh, line('lifecycle.something-new', {}, 'server words'), operation), 'server words');
  // Not a lifecycle line: the jobs' own words take it.
  assert.equal(logText(zh, line('cancelled', { reason: 'x' }, 'Cancelled: x'), operation), undefined);
});

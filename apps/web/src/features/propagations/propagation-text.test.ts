/**
 * Every code a propagation's reason or event can carry has words in English and 简体中文 with the same
 * placeholders (the codes come from packages/api's PROPAGATION_CODES, which the server's types are tied
 * to: a new code there without words here fails this test); reasons and events read wholly in Chinese
 * with Kubernetes' own text kept as it is, and a reason inside an event (a refusal, a cluster's reason)
 * worded too; an unknown code or a missing value keeps the server's English.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  detailOf,
  PROPAGATION_CODES,
  PROPAGATION_EVENT_REASONS,
  type PropagationWording,
  propagationEnglish,
} from '@portolan/api';
import { placeholders } from '../../app/worded.ts';
import { assertWordsInBoth, wordsIn } from '../../testing/word-lists.ts';
import { eventReasonText, eventText, propagationText, reasonText, warningTexts } from './propagation-text.ts';

const zh = await wordsIn('zh-CN');
const english = await wordsIn('en');
const han = /[\u4e00-\u9fff]/;
/** The English the server sends beside a code, made as the server makes it. */
const coded = (said: PropagationWording) => ({ english: propagationEnglish(said), ...said });

test('every propagation code has words in both languages, with the same placeholders', () => {
  assert.ok(PROPAGATION_CODES.length > 30);
  const wanted = PROPAGATION_CODES.map((code) => `propagations.words.${code}`);
  assertWordsInBoth(wanted);
});

test("the console's English is the server's English for every code", () => {
  for (const code of PROPAGATION_CODES) {
    const params = Object.fromEntries(
      placeholders(propagationEnglish({ code, params: {} })).map((name) => [name, `<${name}>`]),
    );
    assert.equal(
      propagationText(english, coded({ code, params })),
      propagationEnglish({ code, params }),
      code,
    );
  }
});

test("an author who may not write reads in Chinese, in the target's reason and in the event", () => {
  const refusal: PropagationWording = {
    code: 'reason.author-namespace',
    params: { user: 'dora', namespace: 'shop', cluster: 'east' },
  };
  const target = {
    reason: propagationEnglish(refusal),
    reasonCode: refusal.code,
    reasonParams: refusal.params,
  };
  assert.equal(
    reasonText(zh, target),
    '最近保存此多集群应用的用户 dora 无权写入集群 east 的命名空间 shop（resources:write）；可由管理员授权，或由有权限的用户重新保存',
  );
  const event = coded({ code: 'event.forbidden', params: detailOf(refusal) });
  assert.equal(event.english, target.reason);
  assert.equal(
    eventText(zh, { message: event.english, messageCode: event.code, messageParams: event.params }),
    reasonText(zh, target),
  );
});

test("Kubernetes' own text stays as written inside the Chinese words", () => {
  const refused = 'admission webhook "deny.example.com" denied the request: no';
  const text = propagationText(zh, coded({ code: 'event.apply-failed', params: { detail: refused } }));
  assert.equal(text, `成员集群拒绝应用：${refused}`);
  const nested = coded({
    code: 'event.nothing-applied',
    params: detailOf({ code: 'reason.source-failed', params: { source: 'west', detail: 'EOF' } }),
  });
  assert.equal(
    propagationText(zh, nested),
    '未应用也未删除任何对象：读取源集群 west 失败：EOF；在能读取之前，不应用也不删除任何对象',
  );
});

test("an offline cluster's reason reads as the cluster's reason does, in Chinese", () => {
  const offline = coded({
    code: 'event.cluster-offline',
    params: {
      cluster: 'east',
      ...detailOf({
        code: 'reason.offline',
        params: {
          detail: 'the API server at 10.1.2.3:6443 is unreachable',
          clusterCode: 'unreachable',
          'cluster.address': '10.1.2.3:6443',
          'cluster.systemCode': 'ECONNREFUSED',
        },
      }),
    },
  });
  const text = propagationText(zh, offline);
  assert.match(text, /^无法连接集群 east：无法连接 API 服务器 10\.1\.2\.3:6443/);
  assert.doesNotMatch(text, /unreachable|\{\w+\}/);
});

test('every event of a round reads in Chinese with its values and numbers filled in', () => {
  const events: PropagationWording[] = [
    { code: 'event.applied', params: { generation: 12345, cluster: 'east', count: 3 } },
    { code: 'event.cluster-back', params: { cluster: 'east' } },
    { code: 'event.drift-repaired', params: { cluster: 'east', fields: 'spec.replicas: 3 → 5' } },
    { code: 'event.remade', params: { cluster: 'east' } },
    { code: 'event.cleaned-up', params: { cluster: 'east' } },
    {
      code: 'event.left-strangers-more',
      params: { cluster: 'east', objects: 'Pod/a, Pod/b, Pod/c', more: 2 },
    },
    { code: 'event.left-preexisting', params: { cluster: 'east' } },
    {
      code: 'event.failover-moved',
      params: { replicas: 2, workload: 'Deployment/shop/web', from: 'a', to: 'b', seconds: 61, grace: 60 },
    },
    {
      code: 'event.failback-moved',
      params: { replicas: 2, workload: 'Deployment/shop/web', from: 'b', to: 'a', ready: 3, share: 4 },
    },
  ];
  for (const said of events) {
    const text = propagationText(zh, coded(said));
    assert.match(text, han, said.code);
    assert.doesNotMatch(text, /\{\w+\}/, text);
    assert.doesNotMatch(text, /applied|by someone|replicas of/, text);
  }
  // A generation is a name: written as it is, not as an amount.
  assert.match(
    propagationText(zh, coded(events[0] as PropagationWording)),
    /^版本 12345 已应用到 east（3 个对象）$/,
  );
});

test("an unknown code, a missing value or no code at all keeps the server's English", () => {
  const english = 'the server said so';
  assert.equal(propagationText(zh, { english, code: 'reason.brand-new', params: {} }), english);
  assert.equal(propagationText(zh, { english, code: 'reason.no-cluster', params: {} }), english);
  assert.equal(reasonText(zh, { reason: english }), english);
  assert.equal(eventText(zh, { message: english }), english);
});

test('every event reason the server sends has words in both languages; one it does not know stays as sent', () => {
  for (const reason of PROPAGATION_EVENT_REASONS) {
    assert.equal(eventReasonText(english, reason), reason);
    assert.match(eventReasonText(zh, reason), han, reason);
  }
  assert.equal(eventReasonText(zh, 'SomethingNew'), 'SomethingNew');
});

test('a preview refused to its caller reads in Chinese with the permission named as it is', () => {
  const refused = coded({
    code: 'preview.may-not-write-namespace',
    params: { namespace: 'shop', cluster: 'east' },
  });
  assert.equal(
    propagationText(zh, refused),
    '你无权写入集群 east 的命名空间 shop（resources:write）；请缩小下发范围，或向那里的管理员申请角色',
  );
});

test("a document's warnings read in Chinese, each from its code; without codes they stay the server's English", () => {
  const said: PropagationWording[] = [
    {
      code: 'warning.unknown-cluster',
      params: { field: 'spec.placement.clusters.names[1]', cluster: 'esat' },
    },
    { code: 'warning.failover-duplicated', params: {} },
  ];
  const answer = {
    warnings: said.map(propagationEnglish),
    warningCodes: said.map(({ code, params }) => ({ code, params })),
  };
  assert.deepEqual(warningTexts(zh, answer), [
    'spec.placement.clusters.names[1]：没有已注册的集群名为“esat”；在有这样的集群之前，那里什么也不会发生（请检查拼写）',
    'spec.failover：在 Duplicated 放置方式下，每个集群都已运行全部副本，故障迁移无可迁移；请将 spec.placement.replicas.mode 设为 Weighted 或 Capacity',
  ]);
  assert.deepEqual(warningTexts(english, answer), answer.warnings);
  // An older server sends no codes; a newer one a code this console does not know.
  assert.deepEqual(warningTexts(zh, { warnings: answer.warnings }), answer.warnings);
  assert.deepEqual(
    warningTexts(zh, { warnings: ['new'], warningCodes: [{ code: 'warning.brand-new', params: {} }] }),
    ['new'],
  );
  assert.deepEqual(warningTexts(zh, {}), []);
});

test("an override's failure reads in Chinese down to the JSON patch's own words", () => {
  const patch: PropagationWording = {
    code: 'patch.past-end',
    params: { pointer: '/spec/template/spec/containers/3', index: 3, length: 1 },
  };
  const override: PropagationWording = {
    code: 'override.json-patch',
    params: { override: 1, object: 'Deployment shop/web', ...detailOf(patch) },
  };
  const target = coded({ code: 'reason.override-failed', params: { override: 1, ...detailOf(override) } });
  assert.equal(
    target.english,
    'spec.overrides[1]: override 1, JSON patch on Deployment shop/web: path /spec/template/spec/containers/3: index 3 is past the end (length 1)',
  );
  assert.equal(
    propagationText(zh, target),
    'spec.overrides[1]：覆盖规则 1 对 Deployment shop/web 的 JSON 补丁：路径 /spec/template/spec/containers/3：下标 3 超出末尾（长度为 1）',
  );
  const container = coded({
    code: 'reason.override-failed',
    params: {
      override: 0,
      ...detailOf({
        code: 'override.no-container',
        params: { override: 0, object: 'Deployment shop/web', container: 'sidecar' },
      }),
    },
  });
  assert.match(propagationText(zh, container), /中没有名为“sidecar”的容器/);
});

test("a member cluster's refusal reads in Chinese around Kubernetes' own text", () => {
  const forbidden = coded({
    code: 'reason.member-refused',
    params: detailOf({
      code: 'refusal.forbidden-user-namespace',
      params: {
        user: 'dora',
        verb: 'get',
        object: 'secrets "token"',
        resource: 'secrets',
        namespace: 'shop',
      },
    }),
  });
  assert.equal(
    propagationText(zh, forbidden),
    '成员集群拒绝：dora 无权在命名空间“shop”中对 secrets "token" 执行 get：缺少命名空间“shop”中“secrets”的“get”权限',
  );
  const fields = '- metadata.name: Invalid value: "C": a lowercase RFC 1123 subdomain must consist of …';
  const invalid = coded({
    code: 'event.apply-failed',
    params: detailOf({ code: 'refusal.invalid', params: { object: 'configmaps "C"', fields } }),
  });
  assert.equal(propagationText(zh, invalid), `成员集群拒绝应用：configmaps "C" 无效：\n${fields}`);
});

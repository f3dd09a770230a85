import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ErrorBody } from '@portolan/api';
import { ApiError, setErrorWords } from '../api/client.ts';
import type { MessageKey } from './en.ts';
import { loadDictionary, translate } from './messages.ts';
import { serverErrorText } from './server-errors.ts';

await loadDictionary('zh-CN');

const zh = (key: MessageKey, values?: Record<string, string | number>) => translate('zh-CN', key, values);
const say = (body: ErrorBody) => serverErrorText(body, zh);

test('the frequent refusals read in 简体中文 from their code and params', () => {
  assert.equal(
    say({
      code: 'forbidden',
      message: 'you may not resources:write in namespace web of cluster eu; ask its Admin for a role',
      params: { permission: 'resources:write', level: 'namespace', cluster: 'eu', namespace: 'web' },
    }),
    '你无权在集群 eu 的命名空间 web 执行 resources:write；请向其管理员申请角色。',
  );
  assert.equal(
    say({ code: 'forbidden', message: 'x', params: { permission: 'users:read', level: 'platform' } }),
    '你无权在平台执行 users:read；请向其管理员申请角色。',
  );
  assert.equal(
    say({
      code: 'not-found',
      message: 'x',
      params: { kind: 'deployments.apps', name: 'web', namespace: 'shop' },
    }),
    '未找到命名空间 shop 中的 deployments.apps web，它可能已被删除。',
  );
  assert.equal(
    say({ code: 'not-found', message: 'x', params: { kind: 'cluster', name: 'mars' } }),
    '没有名为“mars”的集群；可在“集群”页面查看全部集群。',
  );
  assert.match(
    say({ code: 'conflict', message: 'x', params: { kind: 'configmaps', name: 'app', namespace: 'shop' } }) ??
      '',
    /configmaps app 在读取后已被修改/,
  );
  assert.match(
    say({ code: 'unreachable', message: 'x', params: { server: 'https://10.0.0.1:6443' } }) ?? '',
    /集群 API 服务器 https:\/\/10\.0\.0\.1:6443 没有响应/,
  );
  assert.equal(
    say({ code: 'unauthenticated', message: 'x', params: {} }),
    '你尚未登录，或会话已结束；请重新登录。',
  );
  assert.equal(
    say({
      code: 'invalid-request',
      message: 'x',
      params: { rule: 'one-of', field: 'order', where: 'querystring', values: 'asc, desc' },
    }),
    '查询参数“order”必须是以下之一：asc, desc。',
  );
  assert.equal(
    say({
      code: 'invalid-request',
      message: 'x',
      params: { rule: 'invalid', field: 'replicas', where: 'body' },
    }),
    '字段“replicas”无效。',
  );
});

test('an unknown code, or one without its params, keeps the server’s own text', () => {
  assert.equal(say({ code: 'forbidden', message: 'this route declares no permission' }), undefined);
  assert.equal(say({ code: 'throttled', message: 'too many attempts', params: {} }), undefined);
  assert.equal(say({ code: 'forbidden', message: 'x', params: { permission: 'users:read' } }), undefined);
});

test('an ApiError reads in the console’s language once it is set, and keeps the server’s words', () => {
  const body = {
    code: 'not-found',
    message: 'no cluster named "mars"',
    params: { kind: 'cluster', name: 'mars' },
  };
  setErrorWords((refusal) => serverErrorText(refusal, zh));
  try {
    const error = new ApiError(404, body);
    assert.equal(error.message, '没有名为“mars”的集群；可在“集群”页面查看全部集群。');
    assert.equal(error.serverMessage, 'no cluster named "mars"');
    assert.equal(new ApiError(400, { code: 'bad-request', message: 'plain' }).message, 'plain');
  } finally {
    setErrorWords(undefined);
  }
  assert.equal(new ApiError(404, body).message, 'no cluster named "mars"', 'English: the server’s words');
});

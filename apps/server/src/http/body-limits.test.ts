import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SandboxManager } from '@portolan/sandbox';
import { buildApp } from './app.ts';
import { formatBytes, takesManifests } from './body-limits.ts';

/** Sandbox routes take JSON bodies; the manager itself is never reached by these requests. */
const unreached = async (): Promise<never> => {
  throw new Error('the request should have been refused before its handler');
};
const sandboxes = {
  create: unreached,
  list: async () => [],
  get: unreached,
  start: unreached,
  stop: unreached,
  delete: unreached,
  recover: async () => [],
} as unknown as SandboxManager;

const app = () =>
  buildApp({
    sandboxes,
    logLevel: 'silent',
    isReady: () => true,
    bodyLimits: { default: 2048, manifests: 64 * 1024 },
  });

const post = (payload: string, contentType = 'application/json') =>
  ({ method: 'POST', url: '/api/v1/sandboxes', payload, headers: { 'content-type': contentType } }) as const;

test('a body over the limit answers 413 in Portolan shape, naming the limit and the setting', async () => {
  const server = app();
  const answer = await server.inject(post(JSON.stringify({ name: 'x'.repeat(4000) })));
  assert.equal(answer.statusCode, 413);
  const { error } = answer.json();
  assert.equal(error.code, 'body-too-large');
  assert.equal(error.limitBytes, 2048);
  assert.equal(error.setting, '--body-limit-mib or PORTOLAN_BODY_LIMIT_MIB');
  assert.match(error.message, /larger than 2 KiB, the limit of POST \/api\/v1\/sandboxes/);
  await server.close();
});

test('malformed, empty, too deep or mistyped bodies answer 4xx with a Portolan code', async () => {
  const server = app();
  const broken = await server.inject(post('{\n  "name": "x",\n  "nodes": }'));
  assert.equal(broken.statusCode, 400);
  assert.deepEqual(
    [broken.json().error.code, broken.json().error.line, broken.json().error.column],
    ['invalid-json', 3, 12],
  );
  const empty = await server.inject(post(''));
  assert.deepEqual([empty.statusCode, empty.json().error.code], [400, 'empty-body']);
  const deep = await server.inject(post(`${'['.repeat(600)}${']'.repeat(600)}`));
  assert.deepEqual([deep.statusCode, deep.json().error.code], [400, 'too-deep']);
  const poisoned = await server.inject(post('{"__proto__": {"admin": true}}'));
  assert.deepEqual([poisoned.statusCode, poisoned.json().error.code], [400, 'forbidden-key']);
  const form = await server.inject(post('name=x', 'application/x-www-form-urlencoded'));
  assert.equal(form.statusCode, 415);
  assert.equal(form.json().error.code, 'unsupported-media-type');
  assert.match(form.json().error.message, /does not take Content-Type "application\/x-www-form-urlencoded"/);
  await server.close();
});

test('routes taking manifests are those that accept YAML or a Kubernetes object', () => {
  const yaml = { body: { content: { 'application/json': {}, 'application/yaml': {} } } };
  assert.ok(takesManifests({ url: '/api/v1/clusters/:cluster/apply', schema: yaml }));
  assert.ok(takesManifests({ url: '/api/v1/clusters/:cluster/resources/:kind/:name' }));
  assert.ok(!takesManifests({ url: '/api/v1/clusters' }));
  assert.equal(formatBytes(8 * 1024 * 1024), '8 MiB');
  assert.equal(formatBytes(1000), '1000 bytes');
});

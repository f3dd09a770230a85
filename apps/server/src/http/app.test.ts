import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SandboxError, type SandboxManager } from '@portolan/sandbox';
import { buildApp } from './app.ts';

/** A fake of Portolan's own SandboxManager interface: no Kubernetes is involved here. */
function fakeManager(): SandboxManager {
  const missing = async (name: string): Promise<never> => {
    throw new SandboxError('not-found', `no sandbox named "${name}"`);
  };
  return {
    create: async (input) => {
      throw new SandboxError('already-exists', `a sandbox named "${input.name}" already exists`);
    },
    list: async () => [],
    get: missing,
    start: missing,
    stop: missing,
    delete: missing,
    recover: async () => [],
  };
}

const app = () => buildApp({ sandboxes: fakeManager(), logLevel: 'silent', isReady: () => true });

test('every route declares a permission, and a route without one is refused at registration', async () => {
  const server = app();
  const routes: { method: string | string[]; url: string; permission: unknown }[] = [];
  server.addHook('onRoute', (route) => {
    routes.push({ method: route.method, url: route.url, permission: route.config?.permission });
  });
  server.get('/api/v1/extra', { config: { permission: 'sandboxes:read' } }, async () => ({}));
  assert.throws(() => server.get('/api/v1/undeclared', async () => ({})), /declares no permission/);
  await server.ready();
  assert.ok(routes.every((route) => route.permission));
  await server.close();
});

test('health answers, and errors carry a code, a reason and the right status', async () => {
  const server = app();
  assert.equal((await server.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
  assert.equal((await server.inject({ method: 'GET', url: '/readyz' })).json().status, 'ok');

  const missing = await server.inject({ method: 'GET', url: '/api/v1/sandboxes/ghost' });
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().error.code, 'not-found');

  const invalid = await server.inject({
    method: 'POST',
    url: '/api/v1/sandboxes',
    payload: { name: 'x', nodes: 'many' },
  });
  assert.equal(invalid.statusCode, 400);
  assert.match(invalid.json().error.message, /nodes/);

  const unknownField = await server.inject({
    method: 'POST',
    url: '/api/v1/sandboxes',
    payload: { name: 'x', colour: 'red' },
  });
  assert.equal(unknownField.statusCode, 400);
  assert.equal(unknownField.json().error.field, 'colour');
  assert.match(unknownField.json().error.message, /unknown field "colour": remove it or check its spelling/);

  const conflict = await server.inject({ method: 'POST', url: '/api/v1/sandboxes', payload: { name: 'x' } });
  assert.equal(conflict.statusCode, 409);
  assert.match(conflict.json().error.message, /already exists/);

  const noRoute = await server.inject({ method: 'GET', url: '/api/v1/nothing' });
  assert.equal(noRoute.statusCode, 404);
  await server.close();
});

test('every answer, errors too, says how long the server worked on it (Server-Timing)', async () => {
  const server = app();
  for (const url of ['/healthz', '/api/v1/sandboxes/ghost']) {
    const answer = await server.inject({ method: 'GET', url });
    const timing = String(answer.headers['server-timing']);
    assert.match(timing, /^app;dur=\d+\.\d{2}$/, `${url}: ${timing}`);
    assert.ok(Number(timing.slice('app;dur='.length)) >= 0);
  }
  await server.close();
});

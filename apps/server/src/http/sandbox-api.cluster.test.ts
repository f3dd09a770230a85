import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { createSandboxManager } from '@portolan/sandbox';
import { processesMentioning, sharedSandboxes } from '@portolan/sandbox/testing';
import { buildApp } from './app.ts';

const { binDir } = sharedSandboxes();

test('the sandbox API creates, lists, stops and deletes a real sandbox', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-api-'));
  const sandboxes = createSandboxManager({ dataDir, binDir: async () => binDir });
  const app = buildApp({ sandboxes, logLevel: 'silent', isReady: () => true });
  try {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/sandboxes',
      payload: { name: 'api', nodes: 1 },
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().status, 'running');
    assert.ok(created.json().readyMs > 0);

    const again = await app.inject({ method: 'POST', url: '/api/v1/sandboxes', payload: { name: 'api' } });
    assert.equal(again.statusCode, 409);

    const list = await app.inject({ method: 'GET', url: '/api/v1/sandboxes' });
    assert.deepEqual(
      list.json().items.map((item: { name: string; status: string }) => `${item.name}:${item.status}`),
      ['api:running'],
    );

    const stopped = await app.inject({ method: 'POST', url: '/api/v1/sandboxes/api/stop' });
    assert.equal(stopped.json().status, 'stopped');
    assert.deepEqual(processesMentioning(path.join(dataDir, 'sandboxes', 'api')), []);

    const deleted = await app.inject({ method: 'DELETE', url: '/api/v1/sandboxes/api' });
    assert.equal(deleted.statusCode, 204);
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/sandboxes/api' })).statusCode, 404);
  } finally {
    for (const sandbox of await sandboxes.list()) await sandboxes.delete(sandbox.name);
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

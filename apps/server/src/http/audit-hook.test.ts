import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { PassThrough } from 'node:stream';
import { after, before, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { createAuditLog } from '#server/audit/audit-log.ts';
import type { Caller } from '#server/iam/caller.ts';
import { createTestIam, type TestIam } from '#server/iam/testing/iam-services.ts';
import { createAuditHooks, createTokenUseWindow } from './audit-hook.ts';

let iam: TestIam;
let app: FastifyInstance;
const caller = (credential: Caller['credential']): Caller => ({
  userId: 'u1',
  username: 'alice',
  groups: [],
  grants: [],
  credential,
});

before(async () => {
  iam = await createTestIam();
  app = Fastify();
  app.addHook('onRequest', async (request) => {
    const who = request.headers['x-test-caller'];
    if (who === 'session') request.caller = caller({ kind: 'session', sessionIdHash: 'h' });
    if (who === 'token') request.caller = caller({ kind: 'token', tokenId: 't9', scopes: 'all' });
  });
  const hooks = createAuditHooks(iam.audit);
  app.addHook('onRequest', hooks.onRequest);
  app.addHook('onResponse', hooks.onResponse);
  const ok = async () => ({ ok: true });
  app.get(
    '/api/v1/clusters/:cluster/pods/:namespace/:name',
    { config: { permission: 'resources:read' } },
    ok,
  );
  app.delete(
    '/api/v1/clusters/:cluster/pods/:namespace/:name',
    { config: { permission: 'resources:write' } },
    ok,
  );
  app.get(
    '/api/v1/clusters/:cluster/secrets/:namespace/:name',
    { config: { permission: 'secrets:reveal' } },
    ok,
  );
  app.patch('/api/v1/clusters/:name', { config: { permission: 'clusters:write' } }, async (_request, reply) =>
    reply.status(403).send({ error: { code: 'forbidden' } }),
  );
  app.post('/api/v1/auth/login', { config: { permission: 'public', audit: 'skip' } }, ok);
  app.post(
    '/api/v1/kubeconfig/check',
    { config: { permission: 'clusters:write', audit: 'refusals' } },
    async (request, reply) =>
      request.headers['x-test-caller'] === 'token'
        ? reply.status(403).send({ error: { code: 'forbidden' } })
        : ok(),
  );
});
after(async () => {
  await app.close();
  await iam.destroy();
});

const records = async () => (await iam.audit.search({})).items.reverse();

test("changes, denials, secret reveals and a token's first use in the hour are recorded; plain session reads are not", async () => {
  const pod = '/api/v1/clusters/eu/pods/web/api-1';
  const headers = (who: string) => ({ 'x-test-caller': who, 'user-agent': 'kubectl/1.37' });
  await app.inject({ method: 'GET', url: pod, headers: headers('session') });
  await app.inject({ method: 'DELETE', url: pod, headers: headers('session') });
  await app.inject({ method: 'GET', url: '/api/v1/clusters/eu/secrets/web/db', headers: headers('session') });
  await app.inject({ method: 'PATCH', url: '/api/v1/clusters/eu', headers: headers('session'), payload: {} });
  await app.inject({ method: 'GET', url: pod, headers: headers('token') });
  // The same token reading again within the hour is the same credential use: not recorded again.
  await app.inject({ method: 'GET', url: pod, headers: headers('token') });
  await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: headers('anonymous') });
  // A connection test changes nothing: recorded only when it is refused.
  await app.inject({ method: 'POST', url: '/api/v1/kubeconfig/check', headers: headers('session') });
  await app.inject({ method: 'POST', url: '/api/v1/kubeconfig/check', headers: headers('token') });
  const all = await records();
  assert.deepEqual(
    all.map((r) => [
      r.verb,
      r.action,
      r.outcome,
      r.status,
      r.credential,
      r.cluster,
      r.namespace,
      r.resourceKind,
      r.resourceName,
    ]),
    [
      ['DELETE', 'resources:write', 'allowed', 200, 'session', 'eu', 'web', 'pods', 'api-1'],
      ['GET', 'secrets:reveal', 'allowed', 200, 'session', 'eu', 'web', 'secrets', 'db'],
      ['PATCH', 'clusters:write', 'denied', 403, 'session', 'eu', null, null, null],
      ['GET', 'resources:read', 'allowed', 200, 'token:t9', 'eu', 'web', 'pods', 'api-1'],
      ['POST', 'clusters:write', 'denied', 403, 'token:t9', null, null, null, null],
    ],
  );
  assert.equal(all[0]?.actor, 'alice');
  assert.equal(all[0]?.userAgent, 'kubectl/1.37');
  assert.equal(all[0]?.sourceIp, '127.0.0.1');
  assert.equal(all[0]?.route, '/api/v1/clusters/:cluster/pods/:namespace/:name');
});

test('a stream its caller closes before the end is recorded once, as closed by the caller', async () => {
  const server = Fastify();
  const hooks = createAuditHooks(iam.audit);
  server.addHook('onRequest', async (request) => {
    request.caller = caller({ kind: 'session', sessionIdHash: 'h' });
  });
  server.addHook('onRequest', hooks.onRequest);
  server.addHook('onResponse', hooks.onResponse);
  const streams: PassThrough[] = [];
  server.post(
    '/api/v1/clusters/:cluster/nodes/:name/drain',
    { config: { permission: 'clusters:write' } },
    async (_request, reply) => {
      const out = new PassThrough();
      streams.push(out);
      out.write('{"type":"started"}\n');
      return reply.type('application/x-ndjson').send(out);
    },
  );
  const address = await server.listen({ port: 0, host: '127.0.0.1' });
  try {
    const before = (await records()).length;
    // The caller reads the first line, then leaves with the stream still open.
    await new Promise<void>((resolve, reject) => {
      const call = httpRequest(
        `${address}/api/v1/clusters/eu/nodes/n1/drain`,
        { method: 'POST' },
        (answer) => {
          answer.once('data', () => {
            call.destroy();
            resolve();
          });
        },
      );
      call.on('error', (error) => (call.destroyed ? undefined : reject(error)));
      call.end();
    });
    let found: Awaited<ReturnType<typeof records>> = [];
    for (let i = 0; i < 100 && found.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      found = (await records()).slice(before);
    }
    // The stream ending later changes nothing: still one record.
    for (const out of streams) out.end();
    await new Promise((resolve) => setTimeout(resolve, 100));
    found = (await records()).slice(before);
    assert.deepEqual(
      found.map((r) => [r.verb, r.action, r.outcome, r.status, r.cluster, r.resourceKind, r.resourceName]),
      [['POST', 'clusters:write', 'closed', 200, 'eu', 'nodes', 'n1']],
    );
    assert.match(found[0]?.detail ?? '', /caller closed/);

    // A stream that ends before its caller leaves is allowed, recorded once.
    const whole = await fetch(`${address}/api/v1/clusters/eu/nodes/n2/drain`, { method: 'POST' }).then(
      async (answer) => {
        streams.at(-1)?.end('{"type":"done"}\n');
        return answer.text();
      },
    );
    assert.match(whole, /done/);
    let last: Awaited<ReturnType<typeof records>> = [];
    for (let i = 0; i < 100 && last.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      last = (await records()).slice(before + 1);
    }
    assert.deepEqual(
      last.map((r) => [r.outcome, r.resourceName]),
      [['allowed', 'n2']],
    );
  } finally {
    await server.close();
  }
});

test('retention prunes by age with the injected clock; the log has no way to edit records', async () => {
  const log = createAuditLog({ store: iam.auditStore, clock: () => new Date(iam.now()), retentionDays: 30 });
  await log.record({ action: 'auth.logout', outcome: 'allowed', actor: 'old' });
  iam.advance(31 * 86_400_000);
  await log.record({ action: 'auth.logout', outcome: 'allowed', actor: 'new' });
  assert.ok((await log.prune()) >= 1);
  const actors = (await log.search({ action: 'auth.logout' })).items.map((r) => r.actor);
  assert.deepEqual(actors, ['new']);
  assert.deepEqual(Object.keys(log).sort(), ['prune', 'record', 'search']);
  assert.throws(
    () => createAuditLog({ store: iam.auditStore, clock: () => new Date(), retentionDays: 0 }),
    /positive/,
  );
});

test('a token read is recorded again once its window has passed', () => {
  let now = 0;
  const firstUse = createTokenUseWindow(60_000, () => now);
  assert.deepEqual([firstUse('a'), firstUse('a'), firstUse('b')], [true, false, true]);
  now = 59_999;
  assert.equal(firstUse('a'), false);
  now = 60_000;
  assert.equal(firstUse('a'), true);
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Caller, Grant } from '#server/iam/caller.ts';
import { openSearchFixture, type SearchFixture } from '#server/search/testing/search-fixture.ts';
import { recordFromObject } from '#server/store/resources/resource-record.ts';
import { upsert } from '#server/store/testing/store-fixtures.ts';
import { createAccessHook } from '../../access-hook.ts';
import { handleError } from '../../errors.ts';
import { registerSearchRoutes } from './search-routes.ts';

/** Callers by the x-test-user header, with their grants: the access hook and routes as the app wires them. */
const grant = (role: Grant['role'], level: Grant['level'], scope: Partial<Grant> = {}): Grant => ({
  role,
  level,
  ...scope,
  subject: { kind: 'user', name: 'u' } as Grant['subject'],
  bindingId: `${role}-${level}-${scope.cluster ?? ''}-${scope.namespace ?? ''}`,
});
const CALLERS: Record<string, Grant[]> = {
  admin: [grant('Admin', 'platform')],
  teamA: [
    grant('Viewer', 'cluster', { cluster: 'dev' }),
    grant('Viewer', 'namespace', { cluster: 'prod', namespace: 'team-a' }),
  ],
  nobody: [],
};

let fixture: SearchFixture;
let app: FastifyInstance;
before(async () => {
  fixture = await openSearchFixture();
  app = Fastify();
  app.setErrorHandler(handleError);
  app.addHook(
    'onRequest',
    createAccessHook(async (request) => {
      const name = request.headers['x-test-user'];
      const grants = typeof name === 'string' ? CALLERS[name] : undefined;
      if (!grants) return undefined;
      const caller: Caller = {
        userId: String(name),
        username: String(name),
        groups: [],
        grants,
        credential: { kind: 'session', sessionIdHash: 'x' },
      };
      return caller;
    }),
  );
  registerSearchRoutes(app, fixture.store);
  await app.ready();
});
after(async () => {
  await app?.close();
  await fixture?.close();
});

const get = (user: string, url: string) =>
  app.inject({ method: 'GET', url, headers: { 'x-test-user': user } });

test('GET /api/v1/search: a namespace Viewer searches, and sees only what they may read', async () => {
  const response = await get('teamA', '/api/v1/search?kinds=pods,nodes&objects=false');
  assert.equal(response.statusCode, 200, response.body);
  const body = response.json() as {
    items: Array<{ cluster: string; namespace: string; name: string }>;
    clusters: Array<{ name: string }>;
  };
  assert.deepEqual(body.items.map((i) => `${i.cluster}/${i.namespace}/${i.name}`).sort(), [
    'dev//dev-1',
    'dev/team-a/web-1',
    'dev/team-a/web-9',
    'prod/team-a/job-1',
    'prod/team-a/web-1',
    'prod/team-a/web-2',
  ]);
  assert.deepEqual(body.clusters.map((c) => c.name).sort(), ['dev', 'prod']);
  const admin = (await get('admin', '/api/v1/search?kinds=pods&objects=false')).json() as {
    items: unknown[];
  };
  assert.equal(admin.items.length, 9);
});

test('GET /api/v1/search: a hidden cluster answers like an unknown one', async () => {
  const hidden = await get('teamA', '/api/v1/search?kinds=pods&clusters=secret');
  const unknown = await get('teamA', '/api/v1/search?kinds=pods&clusters=nowhere');
  assert.equal(hidden.statusCode, unknown.statusCode);
  assert.notEqual(hidden.statusCode, 200);
  assert.equal(hidden.body.replace('secret', 'X'), unknown.body.replace('nowhere', 'X'));
});

test('GET /api/v1/summary: filtered to the caller; no grant to read resources is refused', async () => {
  const response = await get('teamA', '/api/v1/summary');
  assert.equal(response.statusCode, 200, response.body);
  const body = response.json() as {
    clusters: Array<{ name: string; visibility: string; nodes?: unknown }>;
    total: { nodes: { total: number } };
  };
  assert.deepEqual(
    body.clusters.map((c) => [c.name, c.visibility, c.nodes === undefined]),
    [
      ['dev', 'cluster', false],
      ['prod', 'namespaces', true],
    ],
  );
  assert.equal(body.total.nodes.total, 1);
  assert.equal((await get('nobody', '/api/v1/summary')).statusCode, 403);
  assert.equal((await get('nobody', '/api/v1/search?kinds=pods')).statusCode, 403);
  assert.equal((await get('stranger', '/api/v1/search?kinds=pods')).statusCode, 401);
});

test('GET /api/v1/search?fields=: each object keeps only those paths, over the same rows in the same order', async () => {
  const base = '/api/v1/search?kinds=pods&sort=name&order=desc&limit=5';
  const whole = await get('admin', base);
  const cut = await get(
    'admin',
    `${base}&fields=status.phase,spec.containers.name,metadata.deletionTimestamp`,
  );
  assert.equal(cut.statusCode, 200, cut.body);
  type Item = {
    cluster: string;
    namespace: string;
    name: string;
    phase: string;
    object: Record<string, unknown>;
  };
  const wholeItems = (whole.json() as { items: Item[] }).items;
  const cutItems = (cut.json() as { items: Item[] }).items;
  const keys = (items: Item[]) => items.map((i) => `${i.cluster}/${i.namespace}/${i.name}`);
  assert.equal(cutItems.length, 5);
  assert.deepEqual(keys(cutItems), keys(wholeItems));
  for (const item of cutItems) {
    // No deletionTimestamp in the fixture: an absent key stays absent (its parent, present, is kept).
    assert.deepEqual(item.object, {
      metadata: {},
      status: { phase: item.phase },
      spec: { containers: [{ name: 'main' }] },
    });
  }
  assert.ok(cut.body.length < whole.body.length, `${cut.body.length} vs ${whole.body.length}`);
  // The rows' own fields are untouched by the projection.
  assert.deepEqual(
    cutItems.map(({ object: _, ...row }) => row),
    wholeItems.map(({ object: _, ...row }) => row),
  );
});

test('GET /api/v1/search?fields=: a bad path or too many paths is a 400 that names it', async () => {
  const bad = await get('admin', '/api/v1/search?kinds=pods&fields=status.phase,spec..nodeName');
  assert.equal(bad.statusCode, 400, bad.body);
  const body = bad.json() as { error: { message: string; field?: string } };
  assert.match(body.error.message, /"spec\.\.nodeName" is not a field path/);
  assert.equal(body.error.field, 'fields');
  const many = Array.from({ length: 33 }, (_, i) => `metadata.f${i}`).join(',');
  const tooMany = await get('admin', `/api/v1/search?kinds=pods&fields=${many}`);
  assert.equal(tooMany.statusCode, 400, tooMany.body);
  assert.match(tooMany.body, /at most 32 paths/);
  assert.equal((await get('admin', '/api/v1/search?kinds=pods&fields=status[0]')).statusCode, 400);
});

test('GET /api/v1/search?reason=: every event with that reason, exactly, within what the caller may read', async () => {
  const event = (namespace: string, name: string, reason: string, minute: number) =>
    upsert(
      recordFromObject(
        { group: '', version: 'v1', resource: 'events' },
        {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: {
            namespace,
            name,
            uid: `event-${namespace}-${name}`,
            resourceVersion: '1',
            creationTimestamp: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
          },
          type: 'Warning',
          reason,
        },
      ),
    );
  await fixture.store.resources.applyChanges(fixture.clusters.prod.id, [
    event('team-a', 'web-1.x', 'BackOff', 1),
    event('team-b', 'api-1.x', 'BackOff', 2),
    event('team-a', 'web-2.x', 'BackOffLimitExceeded', 3),
    ...Array.from({ length: 30 }, (_, i) => event('team-a', `web-1.p${i}`, 'Pulled', 10 + i)),
  ]);
  const ask = async (user: string, query: string) => {
    const response = await get(
      user,
      `/api/v1/search?kinds=events&clusters=prod&sort=created&order=desc&${query}`,
    );
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as { items: Array<{ name: string }>; remaining: number };
  };
  const all = await ask('admin', 'reason=BackOff&limit=1');
  assert.deepEqual(
    all.items.map((item) => item.name),
    ['api-1.x'],
  );
  assert.equal(all.remaining, 1, 'the other BackOff, older than the newest page; not BackOffLimitExceeded');
  const mine = await ask('teamA', 'reason=BackOff');
  assert.deepEqual(
    mine.items.map((item) => item.name),
    ['web-1.x'],
    'a namespace Viewer finds only the events of its namespace',
  );
  assert.equal((await ask('admin', 'reason=Pulled&limit=5')).remaining, 25);
  assert.equal((await get('admin', '/api/v1/search?kinds=events&reason=')).statusCode, 400);
});

test('GET /api/v1/search: text beyond ASCII in an object comes back as stored, the length in bytes', async () => {
  const note = '说明：北区 ünïcödé 🚀 "quoted" \\ back\tslash';
  await fixture.store.resources.applyChanges(fixture.clusters.prod.id, [
    upsert(
      recordFromObject(
        { group: '', version: 'v1', resource: 'configmaps' },
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: {
            namespace: 'team-a',
            name: 'notes-中文',
            uid: 'uid-notes',
            resourceVersion: '1',
            annotations: { note },
          },
          data: { 北区: note },
        },
      ),
    ),
  ]);
  const response = await get('admin', '/api/v1/search?kinds=configmaps&clusters=prod&name=notes-中文');
  assert.equal(response.statusCode, 200, response.body);
  assert.equal(Number(response.headers['content-length']), response.rawPayload.length);
  const [item] = (
    response.json() as {
      items: Array<{
        name: string;
        object: { metadata: { annotations: Record<string, string> }; data: object };
      }>;
    }
  ).items;
  assert.equal(item?.name, 'notes-中文');
  assert.equal(item?.object.metadata.annotations.note, note);
  assert.deepEqual(item?.object.data, { 北区: note });
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Fastify from 'fastify';
import { BackupError } from '#server/backups/backup-errors.ts';
import { clusterError } from '#server/clusters/cluster-errors.ts';
import { InspectionError } from '#server/inspections/inspection-errors.ts';
import { LifecycleError } from '#server/lifecycle/lifecycle-errors.ts';
import { ClusterUnreachableError, ConflictError, NotFoundError } from '#server/resources/resource-errors.ts';
import { StoreError } from '#server/store/store.ts';
import { handleError } from './errors.ts';
import { type IamTestApp, startIamTestApp } from './testing/iam-app.ts';

/**
 * The frequent refusals carry a stable code and the params a console needs to say them in its own
 * language, beside the English message.
 */
let t: IamTestApp;
let viewer: { authorization: string };
before(async () => {
  t = await startIamTestApp();
  const user = await t.iam.users.createLocal({ username: 'vera', password: 'vera-password-123' });
  await t.iam.store.bindings.create({
    subject: { kind: 'user', name: 'vera' },
    role: 'Viewer',
    scope: { level: 'namespace', cluster: 'eu', namespace: 'web' },
  });
  viewer = {
    authorization: `Bearer ${(await t.iam.tokens.create(user.id, { name: 't', scopes: 'all' })).token}`,
  };
});
after(() => t.close());

test('forbidden names the permission and the scope as params', async () => {
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: viewer });
  assert.equal(response.statusCode, 403);
  const { error } = response.json();
  assert.equal(error.code, 'forbidden');
  assert.match(error.message, /you may not users:read/);
  assert.deepEqual(error.params, { permission: 'users:read', level: 'platform' });
});

test('no session (none, or expired) is unauthenticated with params to word it', async () => {
  const response = await t.app.inject({
    method: 'GET',
    url: '/api/v1/users',
    headers: { cookie: 'portolan_session=expired-or-made-up' },
  });
  assert.equal(response.statusCode, 401);
  const { error } = response.json();
  assert.equal(error.code, 'unauthenticated');
  assert.deepEqual(error.params, {});
});

test('a value outside the list or an unknown parameter names the field and the rule', async () => {
  const admin = await t.iam.users.createLocal({ username: 'ada', password: 'ada-password-1234' });
  await t.iam.store.bindings.create({
    subject: { kind: 'user', name: 'ada' },
    role: 'Admin',
    scope: { level: 'platform' },
  });
  const headers = {
    authorization: `Bearer ${(await t.iam.tokens.create(admin.id, { name: 't', scopes: 'all' })).token}`,
  };
  const sort = (await t.app.inject({ method: 'GET', url: '/api/v1/users?order=sideways', headers })).json();
  assert.equal(sort.error.code, 'invalid-request');
  assert.deepEqual(sort.error.params, {
    rule: 'one-of',
    field: 'order',
    where: 'querystring',
    values: 'asc, desc',
  });
  const unknown = (await t.app.inject({ method: 'GET', url: '/api/v1/users?colour=red', headers })).json();
  assert.deepEqual(unknown.error.params, { rule: 'unknown', field: 'colour', where: 'querystring' });
});

test('not found, conflict and an unreachable cluster carry what they are about', async () => {
  const app = Fastify();
  app.setErrorHandler(handleError);
  const target = { group: 'apps', resource: 'deployments', namespace: 'shop', name: 'web' };
  const failures: Record<string, Error> = {
    'no-cluster': clusterError('not-found', 'no cluster named "mars"', {
      params: { kind: 'cluster', name: 'mars' },
    }),
    'no-object': new NotFoundError(target, 'deployments.apps "web" not found in namespace "shop"'),
    conflict: new ConflictError(target, 'the object has been modified'),
    unreachable: new ClusterUnreachableError(
      'https://10.0.0.1:6443',
      'connect ECONNREFUSED',
      'the cluster did not answer',
    ),
  };
  for (const [path, error] of Object.entries(failures))
    app.get(`/${path}`, async () => {
      throw error;
    });
  await app.ready();
  const ask = async (path: string) => (await app.inject({ method: 'GET', url: `/${path}` })).json().error;
  assert.deepEqual((await ask('no-cluster')).params, { kind: 'cluster', name: 'mars' });
  const missing = await ask('no-object');
  assert.equal(missing.code, 'not-found');
  assert.deepEqual(missing.params, { kind: 'deployments.apps', name: 'web', namespace: 'shop' });
  const conflict = await ask('conflict');
  assert.equal(conflict.code, 'conflict');
  assert.deepEqual(conflict.params, { kind: 'deployments.apps', name: 'web', namespace: 'shop' });
  const unreachable = await ask('unreachable');
  assert.equal(unreachable.code, 'unreachable');
  assert.deepEqual(unreachable.params, { server: 'https://10.0.0.1:6443' });
  await app.close();
});

test('an area’s refusal answers by its code with the field at fault and its details; a bad cursor names its parameter', async () => {
  const app = Fastify();
  app.setErrorHandler(handleError);
  const failures: Record<string, Error> = {
    invalid: new BackupError('invalid', 'schedule "nope" is not a cron expression', 'schedule'),
    missing: new InspectionError('not-found', 'no inspection config named "x"'),
    blocked: new LifecycleError('conflict', 'the preflight failed', 'version', { checks: ['pdb'] }),
    cursor: new StoreError('invalid', 'continue is not a token this server gave out', 'continue'),
  };
  for (const [path, error] of Object.entries(failures))
    app.get(`/${path}`, async () => {
      throw error;
    });
  await app.ready();
  const ask = async (path: string) => {
    const response = await app.inject({ method: 'GET', url: `/${path}` });
    return { status: response.statusCode, error: response.json().error };
  };
  assert.deepEqual(await ask('invalid'), {
    status: 400,
    error: { code: 'invalid', message: 'schedule "nope" is not a cron expression', field: 'schedule' },
  });
  assert.deepEqual(await ask('missing'), {
    status: 404,
    error: { code: 'not-found', message: 'no inspection config named "x"' },
  });
  assert.deepEqual(await ask('blocked'), {
    status: 409,
    error: { code: 'conflict', message: 'the preflight failed', field: 'version', checks: ['pdb'] },
  });
  assert.deepEqual(await ask('cursor'), {
    status: 400,
    error: { code: 'invalid', message: 'continue is not a token this server gave out', field: 'continue' },
  });
  await app.close();
});

/**
 * Who acts as whom: a platform Admin uses Portolan's own credentials, everyone else is impersonated
 * as portolan:<user> with their groups. The registry here is a fake of Portolan's own registry and
 * client interfaces; the identity and route cluster tests prove the same against real clusters.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Caller } from '#server/iam/caller.ts';
import type { KubeClient } from '#server/kube/kube-client.ts';
import type { KubeConnection } from '#server/kube/kube-connection.ts';
import { staticCredentials } from '#server/kube/kube-connection.ts';
import { createClusterAccess } from './cluster-access.ts';
import { ClusterError, ClusterNotConnectedError } from './cluster-errors.ts';
import type { ClusterRegistry, ClusterView } from './cluster-registry.ts';

type Headers = Record<string, string | string[]> | undefined;
/** A client that answers with the headers it was given, so the test can read them. */
const clientWith = (headers: Headers): KubeClient & { headers: Headers } =>
  ({ headers, withHeaders: (extra: Headers) => clientWith({ ...headers, ...extra }) }) as never;

const own = clientWith(undefined);
const connection: KubeConnection = {
  server: 'https://prod.example:6443',
  credentials: staticCredentials({ authorization: 'Bearer portolan' }),
  // A kubeconfig's own `as` is dropped when Portolan impersonates a caller.
  headers: { 'impersonate-user': 'kubeconfig-as', 'x-extra': 'kept' },
};

function registry(connected: boolean): Pick<ClusterRegistry, 'get' | 'clientOf' | 'connectionOf'> {
  return {
    async get(name) {
      if (name !== 'prod') throw new ClusterError('not-found', `no cluster "${name}"`);
      return {
        id: 'c1',
        name,
        serverUrl: connection.server,
        reason: 'the key was rotated away',
      } as ClusterView;
    },
    clientOf: (id) => (connected && id === 'c1' ? own : undefined),
    connectionOf: async (name) =>
      connected && name === 'prod' ? { cluster: {} as never, connection } : undefined,
  };
}

const caller = (grants: Caller['grants'], groups: string[] = []): Caller => ({
  userId: 'u1',
  username: 'alice',
  groups,
  grants,
  credential: { kind: 'session', sessionIdHash: 'h' },
});
const admin = caller([
  { role: 'Admin', level: 'platform', subject: { kind: 'user', id: 'u1' }, bindingId: 'b' },
] as never);
const member = caller([], ['dev', 'oidc:ops']);

test('a platform Admin gets Portolan’s own client and connection', async () => {
  const access = createClusterAccess(registry(true));
  const found = await access.clientFor('prod', admin);
  assert.equal(found.client, own);
  assert.equal(found.discovery, own);
  assert.deepEqual({ id: found.id, name: found.name }, { id: 'c1', name: 'prod' });
  assert.equal(await access.connectionFor('prod', admin), connection);
});

test('anyone else is impersonated as portolan:<user> with their groups; discovery stays Portolan’s', async () => {
  const access = createClusterAccess(registry(true));
  const found = await access.clientFor('prod', member);
  assert.deepEqual((found.client as typeof own).headers, {
    'impersonate-user': 'portolan:alice',
    'impersonate-group': ['portolan:dev', 'portolan:oidc:ops'],
  });
  assert.equal(found.discovery, own);
  const streamed = await access.connectionFor('prod', caller([]));
  assert.deepEqual(streamed.headers, { 'x-extra': 'kept', 'impersonate-user': 'portolan:alice' });
  assert.equal(streamed.server, connection.server);
});

test('a cluster without an open connection is refused with its server and how to fix it', async () => {
  const access = createClusterAccess(registry(false));
  for (const attempt of [access.clientFor('prod', member), access.connectionFor('prod', member)]) {
    await assert.rejects(attempt, (error: unknown) => {
      assert.ok(error instanceof ClusterNotConnectedError);
      assert.equal(error.server, connection.server);
      assert.equal(error.failure, 'no-connection');
      assert.match(error.message, /the key was rotated away.*PUT \/api\/v1\/clusters\/prod\/kubeconfig/);
      return true;
    });
  }
  await assert.rejects(
    access.clientFor('staging', member),
    (error: unknown) => error instanceof ClusterError,
  );
});

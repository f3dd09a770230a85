/**
 * A member cluster's refusal and a cluster lost mid-round, as codes beside the English (issue #10):
 * Portolan's words around Kubernetes' own text get a code, Kubernetes' text stays a value as written,
 * and the English is always the error's message unchanged.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import { propagationEnglish } from '@portolan/api';
import { classifyConnectionError } from '#server/kube/kube-connection-errors.ts';
import { toResourceError } from '#server/resources/kube-call.ts';
import {
  ClusterUnreachableError,
  ForbiddenError,
  InvalidObjectError,
  NotFoundError,
  ResourceError,
  UnknownKindError,
} from '#server/resources/resource-errors.ts';
import { memberRefused, refusalDetail } from './member-refusal.ts';
import { unreachable } from './target-words.ts';

const secrets = { group: '', resource: 'secrets', namespace: 'shop', name: 'token' };

test('a member’s RBAC refusal is coded by whom and where, its English the message unchanged', () => {
  const named = new ForbiddenError('get', secrets, 'dora');
  const why = memberRefused(named);
  assert.equal(why.code, 'reason.member-refused');
  assert.equal(propagationEnglish(why), named.message);
  assert.deepEqual(why.params, {
    detail: named.message,
    detailCode: 'refusal.forbidden-user-namespace',
    'detail.user': 'dora',
    'detail.verb': 'get',
    'detail.object': 'secrets "token"',
    'detail.resource': 'secrets',
    'detail.namespace': 'shop',
  });
  const anyone = new ForbiddenError('list', { group: 'apps', resource: 'deployments' }, undefined);
  assert.equal(refusalDetail(anyone).detailCode, 'refusal.forbidden-cluster');
  assert.equal(
    refusalDetail(anyone).detail,
    'you are not allowed to list deployments.apps cluster-wide: the permission "list" on "deployments.apps" cluster-wide is missing',
  );
});

test('an invalid object keeps Kubernetes’ field messages as a value; a missing namespace and an unknown kind are coded', () => {
  const invalid = new InvalidObjectError('configmaps "c" in namespace "shop"', [
    {
      field: 'metadata.name',
      reason: 'FieldValueInvalid',
      message: 'Invalid value: "C": must be lower case',
    },
    { field: '', reason: 'Invalid', message: 'something else' },
  ]);
  assert.deepEqual(refusalDetail(invalid), {
    detail: invalid.message,
    detailCode: 'refusal.invalid',
    'detail.object': 'configmaps "c" in namespace "shop"',
    'detail.fields': '- metadata.name: Invalid value: "C": must be lower case\n- (object): something else',
  });
  const gone = new NotFoundError({ group: '', resource: 'configmaps' }, 'namespace "shop" does not exist');
  assert.deepEqual(refusalDetail(gone), {
    detail: 'namespace "shop" does not exist',
    detailCode: 'refusal.no-namespace',
    'detail.namespace': 'shop',
  });
  const kind = new UnknownKindError('Widget', ['widgets.example.com']);
  assert.equal(refusalDetail(kind).detailCode, 'refusal.unknown-kind-suggested');
  assert.equal(refusalDetail(kind)['detail.suggestions'], '"widgets.example.com"');
  assert.equal(refusalDetail(new UnknownKindError('Widget', [])).detailCode, 'refusal.unknown-kind');
});

test('Kubernetes’ own text alone, or words a code would not say the same, stay the message without a code', () => {
  const theirs = new ResourceError('kube-error', 500, 'etcdserver: request timed out');
  assert.deepEqual(memberRefused(theirs).params, { detail: 'etcdserver: request timed out' });
  // A NotFoundError whose message is Kubernetes' own (no name to describe): no code says it the same.
  const odd = new NotFoundError({ group: '', resource: 'configmaps' }, 'the server could not find it');
  assert.deepEqual(refusalDetail(odd), { detail: 'the server could not find it' });
  assert.deepEqual(refusalDetail(new Error('plain')), { detail: 'plain' });
});

test('a cluster that stops answering mid-round is offline with the cluster’s own reason code, as the health probe says it', async () => {
  // A real refused connection: a port that was just listening and is closed now.
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  const socketError = await new Promise<Error>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', resolve);
  });
  const lost = toResourceError(classifyConnectionError(socketError, `https://127.0.0.1:${port}`), {
    verb: 'get',
    ...secrets,
  });
  assert.ok(lost instanceof ClusterUnreachableError);
  const why = unreachable(lost);
  assert.equal(why.code, 'reason.offline');
  assert.equal(propagationEnglish(why), lost.message, 'the English is as it was');
  assert.deepEqual(why.params, {
    detail: lost.message,
    clusterCode: 'unreachable',
    'cluster.address': `127.0.0.1:${port}`,
    'cluster.systemCode': 'ECONNREFUSED',
  });
});

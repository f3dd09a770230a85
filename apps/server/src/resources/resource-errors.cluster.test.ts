import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import type { KubeClient } from '#server/kube/kube-client.ts';
import { adminClient, unreachableClient, viewerClient } from '#server/testing/sandbox-clients.ts';
import { createKindResolver } from './kind-resolver.ts';
import {
  ClusterUnreachableError,
  ConflictError,
  ForbiddenError,
  InvalidObjectError,
  NotFoundError,
} from './resource-errors.ts';
import {
  createResource,
  deleteResource,
  getResource,
  type ResourceTarget,
  replaceResource,
} from './resource-service.ts';
import { configMap, deployment } from './testing/objects.ts';

const { binDir, clusters } = sharedSandboxes();
const sandbox = clusters[0];
if (!sandbox) throw new Error('no shared sandbox');
const namespace = uniqueNamespace('resource-errors');
let client: KubeClient;
let viewer: KubeClient;
let admin: ResourceTarget;

before(async () => {
  client = await adminClient(sandbox.kubeconfig);
  admin = { client, kinds: createKindResolver(client) };
  const k = (...args: string[]) => kubectlOk(binDir, sandbox.kubeconfig, args);
  await k('create', 'namespace', namespace);
  viewer = await viewerClient(binDir, sandbox.kubeconfig, namespace);
});

after(async () => {
  await kubectl(binDir, sandbox.kubeconfig, ['delete', 'namespace', namespace, '--wait=false']);
  client.close();
  viewer.close();
});

test('a replace of an object that changed meanwhile is a conflict that carries the current object', async () => {
  const read = await createResource(admin, configMap('raced', { v: 'first' }), { namespace });
  await kubectlOk(binDir, sandbox.kubeconfig, [
    'patch',
    'cm',
    'raced',
    '-n',
    namespace,
    '-p',
    '{"data":{"v":"theirs"}}',
  ]);
  await assert.rejects(replaceResource(admin, { ...read, data: { v: 'mine' } }), (error: unknown) => {
    assert.ok(error instanceof ConflictError, String(error));
    assert.equal(error.status, 409);
    assert.match(error.message, /configmaps "raced" in namespace ".*" changed since it was read/);
    assert.deepEqual(error.current?.data, { v: 'theirs' });
    return true;
  });
  const { metadata: _metadata, ...withoutVersion } = read;
  await assert.rejects(
    replaceResource(admin, { ...withoutVersion, metadata: { name: 'raced', namespace } }),
    /resourceVersion is required/,
  );
});

test('an invalid object lists each field at fault; an unknown field is refused by name', async () => {
  const bad = deployment('Bad_Name', '');
  await assert.rejects(createResource(admin, bad, { namespace }), (error: unknown) => {
    assert.ok(error instanceof InvalidObjectError, String(error));
    assert.equal(error.status, 422);
    const fields = error.fields.map((field) => field.field);
    assert.ok(fields.includes('metadata.name'), fields.join());
    assert.ok(fields.includes('spec.template.spec.containers[0].image'), fields.join());
    assert.match(error.message, /- spec\.template\.spec\.containers\[0\]\.image: Required value/);
    return true;
  });
  const typo = { ...configMap('typo'), dta: { a: '1' } };
  await assert.rejects(createResource(admin, typo, { namespace }), (error: unknown) => {
    assert.ok(error instanceof InvalidObjectError, String(error));
    assert.deepEqual(
      error.fields.map((field) => field.field),
      ['dta'],
    );
    return true;
  });
});

test('a forbidden action says which verb on which resource in which namespace is missing', async () => {
  const limited = { client: viewer, kinds: createKindResolver(viewer) };
  await createResource(admin, configMap('visible'), { namespace });
  assert.equal(
    (await getResource(limited, { kind: 'cm', namespace, name: 'visible' })).metadata?.name,
    'visible',
  );
  await assert.rejects(createResource(limited, configMap('denied'), { namespace }), (error: unknown) => {
    assert.ok(error instanceof ForbiddenError, String(error));
    assert.equal(error.status, 403);
    assert.equal(error.verb, 'create');
    assert.equal(error.target.resource, 'configmaps');
    assert.equal(error.user, `system:serviceaccount:${namespace}:viewer`);
    assert.match(
      error.message,
      new RegExp(
        `not allowed to create configmaps "denied" in namespace "${namespace}": ` +
          `the permission "create" on "configmaps" in namespace "${namespace}" is missing`,
      ),
    );
    return true;
  });
  await assert.rejects(
    deleteResource(limited, { kind: 'deployments.apps', namespace, name: 'patched' }),
    (error: unknown) =>
      error instanceof ForbiddenError &&
      /delete deployments\.apps "patched" in namespace/.test(error.message),
  );
});

test('a missing object, a missing namespace and an unreachable cluster each say so', async () => {
  await assert.rejects(getResource(admin, { kind: 'cm', namespace, name: 'nothing' }), (error: unknown) => {
    assert.ok(error instanceof NotFoundError);
    assert.equal(error.message, `configmaps "nothing" in namespace "${namespace}" does not exist`);
    return true;
  });
  await assert.rejects(
    createResource(admin, configMap('x'), { namespace: `${namespace}-missing` }),
    (error: unknown) =>
      error instanceof NotFoundError && /namespace ".*-missing" does not exist/.test(error.message),
  );
  await assert.rejects(getResource(admin, { kind: 'cm', name: 'x' }), /configmaps live in namespaces/);
  const gone = await unreachableClient();
  await assert.rejects(
    getResource({ client: gone, kinds: createKindResolver(gone) }, { kind: 'cm', namespace, name: 'x' }),
    (error: unknown) => {
      assert.ok(error instanceof ClusterUnreachableError, String(error));
      assert.equal(error.status, 503);
      assert.match(error.message, /unreachable/);
      return true;
    },
  );
  gone.close();
});

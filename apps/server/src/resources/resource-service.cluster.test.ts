import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import type { KubeClient } from '#server/kube/kube-client.ts';
import { adminClient } from '#server/testing/sandbox-clients.ts';
import { createKindResolver } from './kind-resolver.ts';
import { InvalidObjectError, NotFoundError, ResourceError } from './resource-errors.ts';
import {
  createResource,
  deleteResource,
  getResource,
  listResources,
  patchResource,
  type ResourceTarget,
  replaceResource,
} from './resource-service.ts';
import { configMap, deployment } from './testing/objects.ts';

const { binDir, clusters } = sharedSandboxes();
const sandbox = clusters[0];
if (!sandbox) throw new Error('no shared sandbox');
const namespace = uniqueNamespace('resources');
const group = `${namespace}.portolan.test`;
const kubectlJson = async (...args: string[]) =>
  JSON.parse(await kubectlOk(binDir, sandbox.kubeconfig, [...args, '-o', 'json']));
let client: KubeClient;
let admin: ResourceTarget;

before(async () => {
  client = await adminClient(sandbox.kubeconfig);
  admin = { client, kinds: createKindResolver(client) };
  const k = (...args: string[]) => kubectlOk(binDir, sandbox.kubeconfig, args);
  await k('create', 'namespace', namespace);
  await kubectlOk(binDir, sandbox.kubeconfig, ['apply', '-f', '-'], {
    input: JSON.stringify({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `widgets.${group}` },
      spec: {
        group,
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: {
                  spec: {
                    type: 'object',
                    properties: { size: { type: 'integer', minimum: 1 }, color: { type: 'string' } },
                  },
                },
              },
            },
          },
        ],
      },
    }),
  });
  await k('wait', '--for=condition=Established', `crd/widgets.${group}`);
});

after(async () => {
  await kubectl(binDir, sandbox.kubeconfig, ['delete', 'namespace', namespace, '--wait=false']);
  await kubectl(binDir, sandbox.kubeconfig, ['delete', 'crd', `widgets.${group}`, '--wait=false']);
  client.close();
});

test('create, get, list, replace and delete a ConfigMap', async () => {
  const created = await createResource(admin, configMap('plain', { a: '1' }), {
    namespace,
    fieldManager: 'test',
  });
  assert.equal(created.metadata?.namespace, namespace);
  const read = await getResource(admin, { kind: 'cm', namespace, name: 'plain' });
  assert.deepEqual(read.data, { a: '1' });
  const listed = await listResources(admin, {
    kind: 'configmaps',
    namespace,
    labelSelector: 'app=resources-test',
  });
  assert.ok(listed.items.some((item) => item.metadata?.name === 'plain'));
  assert.equal(listed.resource.kind, 'ConfigMap');
  const replaced = await replaceResource(admin, { ...read, data: { a: '2' } });
  assert.deepEqual(replaced.data, { a: '2' });
  assert.deepEqual((await kubectlJson('get', 'cm', 'plain', '-n', namespace)).data, { a: '2' });
  const dryDelete = await deleteResource(
    admin,
    { kind: 'ConfigMap', namespace, name: 'plain' },
    { dryRun: true },
  );
  assert.equal(dryDelete.state, 'deleted');
  await getResource(admin, { kind: 'ConfigMap', namespace, name: 'plain' });
  await deleteResource(admin, { kind: 'ConfigMap', namespace, name: 'plain' }, { gracePeriodSeconds: 0 });
  await assert.rejects(getResource(admin, { kind: 'ConfigMap', namespace, name: 'plain' }), NotFoundError);
});

test('merge, JSON and strategic merge patches', async () => {
  await createResource(admin, deployment('patched', 'nginx:1.26'), { namespace });
  const ref = { kind: 'deploy', namespace, name: 'patched' };
  const merged = await patchResource(
    admin,
    ref,
    { metadata: { labels: { tier: 'web' } } },
    { type: 'merge' },
  );
  assert.equal(merged.metadata?.labels?.tier, 'web');
  const jsonPatched = await patchResource(admin, ref, [{ op: 'replace', path: '/spec/replicas', value: 2 }], {
    type: 'json',
  });
  assert.equal((jsonPatched.spec as { replicas: number }).replicas, 2);
  // A strategic merge patch changes one container by name and keeps the other.
  const strategic = await patchResource(
    admin,
    ref,
    { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } } },
    { type: 'strategic' },
  );
  const containers = (
    strategic.spec as { template: { spec: { containers: { name: string; image: string }[] } } }
  ).template.spec.containers;
  assert.deepEqual(
    containers.map((container) => `${container.name}=${container.image}`),
    ['web=nginx:1.27', 'sidecar=busybox:1'],
  );
  const dry = await patchResource(admin, ref, { spec: { replicas: 5 } }, { type: 'merge', dryRun: true });
  assert.equal((dry.spec as { replicas: number }).replicas, 5);
  assert.equal((await kubectlJson('get', 'deploy', 'patched', '-n', namespace)).spec.replicas, 2);
  await assert.rejects(patchResource(admin, ref, { spec: {} }, { type: 'json' }), /JSON patch is a list/);
});

test('custom resources: create, merge patch, and a strategic merge patch is refused with a hint', async () => {
  const widget = { apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name: 'w1' }, spec: { size: 1 } };
  await createResource(admin, widget, { namespace });
  const ref = { kind: 'widgets', namespace, name: 'w1' };
  const patched = await patchResource(admin, ref, { spec: { color: 'blue' } }, { type: 'merge' });
  assert.deepEqual(patched.spec, { size: 1, color: 'blue' });
  await assert.rejects(
    patchResource(admin, ref, { spec: { size: 2 } }, { type: 'strategic' }),
    (error: unknown) => {
      assert.ok(error instanceof ResourceError);
      assert.equal(error.code, 'unsupported');
      assert.match(error.message, /merge and JSON patches/);
      return true;
    },
  );
  await assert.rejects(
    patchResource(admin, ref, { spec: { size: 0 } }, { type: 'merge' }),
    (error: unknown) => {
      assert.ok(error instanceof InvalidObjectError);
      assert.deepEqual(
        error.fields.map((field) => field.field),
        ['spec.size'],
      );
      return true;
    },
  );
  const deleted = await deleteResource(admin, ref, { propagationPolicy: 'Foreground' });
  assert.ok(['deleted', 'deleting'].includes(deleted.state));
});

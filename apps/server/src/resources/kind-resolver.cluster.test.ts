import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import type { KubeClient } from '#server/kube/kube-client.ts';
import { adminClient } from '#server/testing/sandbox-clients.ts';
import { createKindResolver } from './kind-resolver.ts';
import { UnknownKindError } from './resource-errors.ts';

const { binDir, clusters } = sharedSandboxes();
const sandbox = clusters[0];
if (!sandbox) throw new Error('no shared sandbox');
const group = `${uniqueNamespace('kinds')}.portolan.test`;
const crd = `gizmos.${group}`;
let client: KubeClient;

before(async () => {
  client = await adminClient(sandbox.kubeconfig);
});

after(async () => {
  await kubectl(binDir, sandbox.kubeconfig, ['delete', 'crd', crd, '--wait=false']);
  client.close();
});

const names = (resource: { group: string; version: string; resource: string }) =>
  `${resource.group}/${resource.version}/${resource.resource}`;

test('built-in kinds resolve from every form kubectl accepts, from one cached discovery', async () => {
  let discoveries = 0;
  const kinds = createKindResolver({
    discover: (options) => {
      discoveries++;
      return client.discover(options);
    },
  });
  const cases: [string, string][] = [
    ['pods', '/v1/pods'],
    ['pod', '/v1/pods'],
    ['po', '/v1/pods'],
    ['Pod', '/v1/pods'],
    ['v1/pods', '/v1/pods'],
    ['deploy', 'apps/v1/deployments'],
    ['Deployment', 'apps/v1/deployments'],
    ['deployments.apps', 'apps/v1/deployments'],
    ['deployments.v1.apps', 'apps/v1/deployments'],
    ['Deployment.apps', 'apps/v1/deployments'],
    ['apps/v1/deployments', 'apps/v1/deployments'],
    ['hpa', 'autoscaling/v2/horizontalpodautoscalers'],
    ['autoscaling/v1/horizontalpodautoscalers', 'autoscaling/v1/horizontalpodautoscalers'],
    ['events', '/v1/events'],
    ['events.events.k8s.io', 'events.k8s.io/v1/events'],
    ['crd', 'apiextensions.k8s.io/v1/customresourcedefinitions'],
  ];
  for (const [name, expected] of cases) assert.equal(names(await kinds.resolve(name)), expected, name);
  assert.equal(names(await kinds.resolveObject('apps/v1', 'StatefulSet')), 'apps/v1/statefulsets');
  assert.equal(discoveries, 1, 'discovery is read once and kept');
});

test('an unknown name lists close matches, and a wrong version names the served ones', async () => {
  const kinds = createKindResolver(client);
  await assert.rejects(kinds.resolve('deploymnts'), (error: unknown) => {
    assert.ok(error instanceof UnknownKindError);
    assert.equal(error.status, 400);
    assert.ok(error.suggestions.includes('deployments.apps'), error.suggestions.join());
    assert.match(error.message, /no resource type "deploymnts"; did you mean .*"deployments.apps"/);
    return true;
  });
  await assert.rejects(kinds.resolveObject('apps/v9', 'Deployment'), (error: unknown) => {
    assert.ok(error instanceof UnknownKindError);
    assert.deepEqual(error.suggestions, ['apps/v1 Deployment']);
    return true;
  });
});

test('a custom resource created after discovery resolves by kind, plural and short name', async () => {
  let discoveries = 0;
  const kinds = createKindResolver({
    discover: (options) => {
      discoveries++;
      return client.discover(options);
    },
  });
  await kinds.resolve('pods');
  await kubectlOk(binDir, sandbox.kubeconfig, ['apply', '-f', '-'], {
    input: JSON.stringify({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: crd },
      spec: {
        group,
        scope: 'Namespaced',
        names: { plural: 'gizmos', singular: 'gizmo', kind: 'Gizmo', shortNames: ['gz'] },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          },
        ],
      },
    }),
  });
  await kubectlOk(binDir, sandbox.kubeconfig, ['wait', '--for=condition=Established', `crd/${crd}`]);
  assert.equal(names(await kinds.resolve('gz')), `${group}/v1/gizmos`, 'a miss discovers again');
  assert.equal(discoveries, 2);
  for (const name of ['Gizmo', 'gizmos', 'gizmo', `gizmos.${group}`, `${group}/v1/gizmos`]) {
    assert.equal(names(await kinds.resolve(name)), `${group}/v1/gizmos`, name);
  }
  assert.equal((await kinds.resolveObject(`${group}/v1`, 'Gizmo')).namespaced, true);
  assert.equal(discoveries, 2);
});

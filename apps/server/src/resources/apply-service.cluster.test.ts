import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import type { KubeClient } from '#server/kube/kube-client.ts';
import { adminClient, viewerClient } from '#server/testing/sandbox-clients.ts';
import { previewApply } from './apply-preview.ts';
import { applyManifests } from './apply-service.ts';
import { createKindResolver } from './kind-resolver.ts';
import {
  ApplyConflictError,
  ForbiddenError,
  InvalidObjectError,
  ManifestError,
  UnknownKindError,
} from './resource-errors.ts';
import type { ResourceTarget } from './resource-service.ts';

const { binDir, clusters } = sharedSandboxes();
const sandbox = clusters[0];
if (!sandbox) throw new Error('no shared sandbox');
const namespace = uniqueNamespace('apply');
const group = `${namespace}.portolan.test`;
const k = (...args: string[]) => kubectlOk(binDir, sandbox.kubeconfig, args);
const exists = async (...args: string[]) =>
  (await kubectl(binDir, sandbox.kubeconfig, ['get', ...args])).code === 0;
let client: KubeClient;
let target: ResourceTarget;

const configMapYaml = (name: string, value: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  value: "${value}"\n`;
const deploymentYaml = (name: string, image: string, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
      containers:
        - name: web
          image: ${image}
`;

before(async () => {
  client = await adminClient(sandbox.kubeconfig);
  target = { client, kinds: createKindResolver(client) };
  await k('create', 'namespace', namespace);
});

after(async () => {
  await kubectl(binDir, sandbox.kubeconfig, ['delete', 'namespace', namespace, '--wait=false']);
  await kubectl(binDir, sandbox.kubeconfig, ['delete', 'crd', `crons.${group}`, '--wait=false']);
  client.close();
});

test('several documents are applied in order: created, then configured', async () => {
  const text = `${configMapYaml('settings', 'one')}---\n${deploymentYaml('web', 'nginx:1.26', 1)}`;
  const first = await applyManifests(target, text, { fieldManager: 'portolan-test', namespace });
  assert.deepEqual(
    first.map((result) => [result.document, result.kind, result.name, result.namespace, result.outcome]),
    [
      [1, 'ConfigMap', 'settings', namespace, 'created'],
      [2, 'Deployment', 'web', namespace, 'created'],
    ],
  );
  const again = await applyManifests(target, text.replace('"one"', '"two"'), {
    fieldManager: 'portolan-test',
    namespace,
  });
  assert.deepEqual(
    again.map((result) => result.outcome),
    ['configured', 'configured'],
  );
  assert.equal(await k('get', 'cm', 'settings', '-n', namespace, '-o', 'jsonpath={.data.value}'), 'two');
  const managers = JSON.parse(
    await k('get', 'cm', 'settings', '-n', namespace, '-o', 'json', '--show-managed-fields'),
  ).metadata.managedFields.map((entry: { manager: string }) => entry.manager);
  assert.ok(managers.includes('portolan-test'));
});

test('fields owned by another manager conflict unless forced', async () => {
  await applyManifests(target, deploymentYaml('owned', 'nginx:1.26', 1), {
    fieldManager: 'team-a',
    namespace,
  });
  const [conflicted] = await applyManifests(target, deploymentYaml('owned', 'nginx:1.27', 1), {
    fieldManager: 'team-b',
    namespace,
  });
  assert.equal(conflicted?.outcome, 'failed');
  assert.ok(conflicted?.error instanceof ApplyConflictError, String(conflicted?.error));
  assert.match(conflicted.error.message, /another field manager owns; apply with force/);
  assert.ok(
    conflicted.error.conflicts.some((entry) => entry.field.includes('image')),
    JSON.stringify(conflicted.error.conflicts),
  );
  const [forced] = await applyManifests(target, deploymentYaml('owned', 'nginx:1.27', 1), {
    fieldManager: 'team-b',
    namespace,
    force: true,
  });
  assert.equal(forced?.outcome, 'configured');
  assert.equal(
    await k(
      'get',
      'deploy',
      'owned',
      '-n',
      namespace,
      '-o',
      'jsonpath={.spec.template.spec.containers[0].image}',
    ),
    'nginx:1.27',
  );
});

test('a CRD and its custom resources apply in one batch', async () => {
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `crons.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { plural: 'crons', singular: 'cron', kind: 'Cron' },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
    },
  };
  const cron = {
    apiVersion: `${group}/v1`,
    kind: 'Cron',
    metadata: { name: 'nightly' },
    spec: { at: '0 0 * * *' },
  };
  const results = await applyManifests(target, [crd, cron], { fieldManager: 'portolan-test', namespace });
  assert.deepEqual(
    results.map((result) => [result.kind, result.outcome, result.error?.message]),
    [
      ['CustomResourceDefinition', 'created', undefined],
      ['Cron', 'created', undefined],
    ],
  );
  assert.ok(await exists(`crons.${group}`, 'nightly', '-n', namespace));
});

test('nothing is sent when a document is malformed or names an unknown kind', async () => {
  const malformed = `${configMapYaml('never-a', 'x')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b: c\n`;
  await assert.rejects(
    applyManifests(target, malformed, { fieldManager: 'portolan-test', namespace }),
    (error: unknown) => {
      assert.ok(error instanceof ManifestError);
      assert.deepEqual([error.document, error.line, error.column], [2, 11, 9]);
      return true;
    },
  );
  const unknown = `${configMapYaml('never-b', 'x')}---\napiVersion: v1\nkind: ConfigMapp\nmetadata:\n  name: c\n`;
  await assert.rejects(
    applyManifests(target, unknown, { fieldManager: 'portolan-test', namespace }),
    (error: unknown) => {
      assert.ok(error instanceof UnknownKindError);
      assert.match(error.message, /^document 2: .*"v1 ConfigMapp".*ConfigMap/);
      return true;
    },
  );
  assert.equal(await exists('cm', 'never-a', '-n', namespace), false);
  assert.equal(await exists('cm', 'never-b', '-n', namespace), false);
});

test('an invalid document fails alone, with its fields; the others are applied', async () => {
  const text = `${deploymentYaml('broken', '', 1)}---\n${configMapYaml('after-broken', 'x')}`;
  const [broken, after] = await applyManifests(target, text, { fieldManager: 'portolan-test', namespace });
  assert.ok(broken?.error instanceof InvalidObjectError, String(broken?.error));
  assert.ok(broken.error.fields.some((field) => field.field === 'spec.template.spec.containers[0].image'));
  assert.equal(after?.outcome, 'created');
});

test('a preview runs on the server without storing, and diffs against the live object', async () => {
  const existing = `${deploymentYaml('previewed', 'nginx:1.26', 1)}---\n${configMapYaml('steady', 'same')}`;
  await applyManifests(target, existing, { fieldManager: 'portolan-test', namespace });
  const text = `${deploymentYaml('previewed', 'nginx:1.27', 3)}---\n${configMapYaml('steady', 'same')}---\n${configMapYaml('brand-new', 'x')}`;
  const [changed, unchanged, created] = await previewApply(target, text, {
    fieldManager: 'portolan-test',
    namespace,
  });
  assert.equal(changed?.action, 'update');
  assert.match(
    changed?.diff ?? '',
    /^--- live Deployment\/.*\/previewed\n\+\+\+ proposed Deployment\/.*\/previewed\n@@/,
  );
  assert.match(changed?.diff ?? '', /^- {2}replicas: 1\n\+ {2}replicas: 3$/m);
  assert.match(changed?.diff ?? '', /^-\s+- image: nginx:1\.26\n\+\s+- image: nginx:1\.27$/m);
  assert.doesNotMatch(changed?.diff ?? '', /resourceVersion|managedFields|generation|status:/);
  assert.equal(unchanged?.action, 'unchanged', unchanged?.diff);
  assert.equal(unchanged?.diff, '');
  assert.equal(created?.action, 'create');
  assert.match(created?.diff ?? '', /^--- \/dev\/null\n/);
  assert.match(created?.diff ?? '', /^\+ {2}name: brand-new$/m);
  assert.equal(
    await k('get', 'deploy', 'previewed', '-n', namespace, '-o', 'jsonpath={.spec.replicas}'),
    '1',
  );
  assert.equal(await exists('cm', 'brand-new', '-n', namespace), false);
});

test('a forbidden apply is reported on its document with the missing permission', async () => {
  const viewer = await viewerClient(binDir, sandbox.kubeconfig, namespace);
  try {
    const [denied] = await applyManifests(
      { client: viewer, kinds: createKindResolver(viewer) },
      configMapYaml('not-mine', 'x'),
      { fieldManager: 'viewer', namespace },
    );
    assert.equal(denied?.outcome, 'failed');
    assert.ok(denied?.error instanceof ForbiddenError, String(denied?.error));
    assert.equal(denied.error.verb, 'patch');
    assert.match(denied.error.message, /not allowed to patch configmaps "not-mine" in namespace/);
  } finally {
    viewer.close();
  }
});

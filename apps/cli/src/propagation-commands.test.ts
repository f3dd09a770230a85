import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { PropagationView } from '@portolan/api';
import { ApiError } from './api-client.ts';
import { runApiCommand } from './api-commands.ts';
import { splitPortolanDocuments } from './propagation-apply.ts';
import { fakeContext } from './testing/fake-api-context.ts';

const PROPAGATION = `apiVersion: portolan.dev/v1
kind: Propagation
metadata:
  name: shop
spec:
  placement:
    clusters: { labelSelector: env=prod }
  templates:
    - apiVersion: v1
      kind: Namespace
      metadata: { name: shop }
`;

const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: plain
data: { a: b }
`;

function viewOf(name: string, extra: Partial<PropagationView['status']> = {}): PropagationView {
  return {
    document: {
      apiVersion: 'portolan.dev/v1',
      kind: 'Propagation',
      metadata: { name },
      spec: {
        includeDependencies: true,
        suspended: false,
        placement: { clusters: { names: ['east', 'west'] } },
      },
    },
    generation: 2,
    createdBy: 'admin',
    createdAt: '2026-01-10T11:00:00Z',
    updatedBy: 'ana',
    updatedAt: '2026-01-10T11:30:00Z',
    status: {
      phase: 'Applied',
      observedGeneration: 2,
      targets: [
        {
          cluster: 'east',
          state: 'applied',
          replicas: { desired: 3, ready: 3 },
          objects: [
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              namespace: 'shop',
              name: 'web',
              state: 'applied',
              replicas: { desired: 3, ready: 3 },
            },
          ],
        },
        { cluster: 'west', state: 'failed', reason: 'quota exceeded', objects: [] },
      ],
      hiddenTargets: 1,
      replicas: { desired: 5, ready: 3 },
      ...extra,
    },
  };
}

const made: string[] = [];
after(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

async function fileWith(text: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'portolan-cli-'));
  made.push(dir);
  const file = path.join(dir, 'app.yaml');
  await writeFile(file, text);
  return file;
}

test('a file is split into Portolan documents and the rest; a file without any is left whole', () => {
  const mixed = splitPortolanDocuments(`${PROPAGATION}---\n${CONFIGMAP}`);
  assert.deepEqual(
    mixed.documents.map((document) => [document.document, document.object.kind]),
    [[1, 'Propagation']],
  );
  assert.match(mixed.rest ?? '', /kind: ConfigMap/);
  assert.doesNotMatch(mixed.rest ?? '', /Propagation/);
  assert.deepEqual(splitPortolanDocuments(CONFIGMAP), { documents: [], rest: CONFIGMAP });
  assert.equal(splitPortolanDocuments(PROPAGATION).rest, undefined);
  const broken = 'apiVersion: portolan.dev/v1\nkind: [\n';
  assert.deepEqual(
    splitPortolanDocuments(broken),
    { documents: [], rest: broken },
    'the server reports the fault',
  );
});

test('apply -f sends a Propagation to its route and the other documents to the cluster', async () => {
  const file = await fileWith(`${PROPAGATION}---\n${CONFIGMAP}`);
  const { calls, output, context } = fakeContext(
    () => ({ items: [{ name: 'east' }] }),
    (_method, route) =>
      route.startsWith('/api/v1/propagations/')
        ? { ...viewOf('shop'), createdAt: 't', updatedAt: 't', warnings: ['spec.x: a warning'] }
        : { results: [{ kind: 'ConfigMap', apiVersion: 'v1', name: 'plain', outcome: 'created' }] },
  );
  assert.equal(await runApiCommand('apply', ['-f', file], context), 0, output.stderr);
  const sent = calls.filter((call) => call.method);
  assert.deepEqual(
    sent.map((call) => `${call.method} ${call.path}`),
    ['PUT /api/v1/propagations/shop', 'POST /api/v1/clusters/east/apply'],
  );
  const [propagation, manifests] = sent.map((call) => call.body as Record<string, unknown>);
  assert.deepEqual((propagation?.spec as { placement?: unknown } | undefined)?.placement, {
    clusters: { labelSelector: 'env=prod' },
  });
  assert.doesNotMatch(String(manifests?.manifests), /Propagation/);
  assert.match(output.stdout, /^propagation.portolan.dev\/shop created$/m);
  assert.match(output.stderr, /^warning: propagation.portolan.dev\/shop: spec.x: a warning$/m);
});

test('apply -f of Propagations alone needs no cluster; --diff previews, and a refusal names the document', async () => {
  const file = await fileWith(PROPAGATION);
  const preview = {
    targets: [
      {
        cluster: 'east',
        objects: [
          {
            apiVersion: 'v1',
            kind: 'Namespace',
            name: 'shop',
            action: 'create',
            diff: '--- /dev/null\n+++ b\n',
          },
        ],
      },
      {
        cluster: 'west',
        objects: [
          {
            apiVersion: 'v1',
            kind: 'Namespace',
            name: 'shop',
            action: 'refused',
            reason: 'you may not write',
          },
        ],
      },
    ],
  };
  const { calls, output, context } = fakeContext(
    () => new Error('no cluster list wanted'),
    () => preview,
  );
  assert.equal(await runApiCommand('apply', ['-f', file, '--diff'], context), 1);
  assert.deepEqual(
    calls.map((call) => `${call.method} ${call.path}`),
    ['POST /api/v1/propagations/preview'],
  );
  assert.match(output.stdout, /^# cluster east: Namespace\/shop \(create\)\n--- \/dev\/null/m);
  assert.match(output.stderr, /on cluster west: Namespace\/shop: you may not write/);

  const refused = fakeContext(
    () => ({}),
    () => new ApiError(403, 'forbidden', 'you may not propagate "shop": … cluster west', {}),
  );
  assert.equal(await runApiCommand('apply', ['-f', file], refused.context), 1);
  assert.match(refused.output.stderr, /^error: document 1 Propagation "shop": you may not propagate/m);
});

test('get propagations prints NAME, PHASE, TARGETS, READY/DESIRED and AGE', async () => {
  const { calls, output, context } = fakeContext(() => ({
    items: [viewOf('shop'), viewOf('web', { replicas: undefined, hiddenTargets: 0 })],
    total: 2,
  }));
  assert.equal(await runApiCommand('get', ['propagations', '--cluster', 'east'], context), 0, output.stderr);
  assert.deepEqual(calls[0], { path: '/api/v1/propagations', query: { cluster: 'east', limit: 500 } });
  assert.deepEqual(output.stdout.trimEnd().split('\n'), [
    'NAME   PHASE     TARGETS         READY/DESIRED   AGE',
    'shop   Applied   2 (+1 hidden)   3/5             60m',
    'web    Applied   2               -               60m',
  ]);
  const named = fakeContext(() => viewOf('shop'));
  assert.equal(await runApiCommand('get', ['prop', 'shop', '-o', 'name'], named.context), 0);
  assert.equal(named.output.stdout, 'propagation.portolan.dev/shop\n');
  assert.equal(named.calls[0]?.path, '/api/v1/propagations/shop');
  const slashed = fakeContext(() => viewOf('shop'));
  assert.equal(
    await runApiCommand('get', ['--cluster', 'east', 'propagation/shop', '-o', 'name'], slashed.context),
    0,
  );
  assert.equal(slashed.calls[0]?.path, '/api/v1/propagations/shop');
});

test('describe propagation shows each cluster’s state and reason, the objects and the events', async () => {
  const { output, context } = fakeContext((route) =>
    route.endsWith('/events')
      ? {
          items: [
            {
              id: '1',
              time: '2026-01-10T11:58:00Z',
              propagation: 'shop',
              cluster: 'west',
              type: 'Warning',
              reason: 'ApplyFailed',
              message: 'quota exceeded',
              object: 'Deployment/shop/web',
            },
          ],
          nextCursor: null,
        }
      : viewOf('shop'),
  );
  assert.equal(await runApiCommand('describe', ['propagation', 'shop'], context), 0, output.stderr);
  const text = output.stdout;
  assert.match(text, /^Name: +shop$/m);
  assert.match(text, /^Placement: +names east,west$/m);
  assert.match(text, /^Hidden targets: 1 \(clusters you may not read\)$/m);
  assert.match(text, /^ {2}west +failed +- +- +quota exceeded$/m);
  assert.match(text, /^ {2}east +Deployment\/shop\/web +applied +3\/3/m);
  assert.match(text, /^ {2}2m +Warning +ApplyFailed +west +Deployment\/shop\/web +quota exceeded$/m);
  const wrong = fakeContext(() => ({}));
  assert.equal(await runApiCommand('describe', ['deployment', 'web'], wrong.context), 2);
  assert.match(wrong.output.stderr, /describe knows propagations only/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PropagationDocument, PropagationSpec, PropagationView } from '@portolan/api';
import type { Caller, Grant } from '#server/iam/caller.ts';
import { IamError } from '#server/iam/iam-errors.ts';
import {
  maySee,
  requireSourceRead,
  requireWriteEverywhere,
  visibleEvents,
  visibleView,
  writeScopes,
} from './propagation-access.ts';

function callerWith(...grants: Array<Omit<Grant, 'subject' | 'bindingId'>>): Caller {
  return {
    userId: 'u1',
    username: 'ana',
    groups: [],
    credential: { kind: 'session', sessionIdHash: 'x' },
    grants: grants.map((grant, index) => ({
      ...grant,
      subject: { kind: 'user', name: 'ana' },
      bindingId: `b${index}`,
    })),
  };
}

const nsEditor = callerWith({ role: 'Editor', level: 'namespace', cluster: 'east', namespace: 'shop' });
const eastAdmin = callerWith({ role: 'Admin', level: 'cluster', cluster: 'east' });

function documentWith(spec: Partial<PropagationSpec>): PropagationDocument {
  return {
    apiVersion: 'portolan.dev/v1',
    kind: 'Propagation',
    metadata: { name: 'shop' },
    spec: {
      includeDependencies: true,
      suspended: false,
      placement: { clusters: { names: ['east', 'west'] } },
      templates: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'shop' } }],
      ...spec,
    },
  };
}

const forbidden = (pattern: RegExp) => (error: unknown) => {
  assert.ok(error instanceof IamError);
  assert.equal(error.statusCode, 403);
  assert.match(error.message, pattern);
  return true;
};

test('the places written are every target cluster times every object namespace; cluster-scoped ones are the cluster', () => {
  const document = documentWith({
    templates: [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'shop' } },
    ],
    source: { cluster: 'main' },
    resources: [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'web', name: 'w' }],
  });
  assert.deepEqual(writeScopes(document, ['east', 'west']), [
    { cluster: 'east' },
    { cluster: 'east', namespace: 'shop' },
    { cluster: 'east', namespace: 'web' },
    { cluster: 'west' },
    { cluster: 'west', namespace: 'shop' },
    { cluster: 'west', namespace: 'web' },
  ]);
});

test('a namespace Editor may propagate into its namespace on its cluster, and nowhere else', () => {
  const inside = documentWith({ placement: { clusters: { names: ['east'] } } });
  requireWriteEverywhere(nsEditor, inside, ['east']);
  assert.throws(
    () => requireWriteEverywhere(nsEditor, inside, ['east', 'west']),
    forbidden(
      /may not propagate "shop": it writes where you may not resources:write: namespace shop of cluster west\. Narrow spec.placement .* ask an Admin/,
    ),
  );
  const namespaceToo = documentWith({
    templates: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }],
  });
  assert.throws(
    () => requireWriteEverywhere(nsEditor, namespaceToo, ['east']),
    forbidden(/: cluster east\./),
  );
  // A cluster Admin writes everywhere in its cluster, cluster-scoped objects included.
  requireWriteEverywhere(eastAdmin, namespaceToo, ['east']);
  assert.throws(
    () => requireWriteEverywhere(eastAdmin, namespaceToo, ['east', 'west']),
    forbidden(/cluster west/),
  );
});

test('reading from the source needs resources:read there, and secrets:reveal when Secrets come along', () => {
  const viewer = callerWith({ role: 'Viewer', level: 'cluster', cluster: 'main' });
  const deployment = documentWith({
    source: { cluster: 'main' },
    resources: [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'web', name: 'w' }],
  });
  assert.throws(
    () => requireSourceRead(nsEditor, deployment),
    forbidden(/source cluster main: no resources:read in namespace web of cluster main/),
  );
  // The workload's mounted Secrets come along by default: a Viewer may not read their values.
  assert.throws(
    () => requireSourceRead(viewer, deployment),
    forbidden(/secrets:reveal in namespace web of cluster main/),
  );
  requireSourceRead(viewer, { ...deployment, spec: { ...deployment.spec, includeDependencies: false } });
  const editor = callerWith({ role: 'Editor', level: 'namespace', cluster: 'main', namespace: 'web' });
  requireSourceRead(editor, deployment);
  const namespaces = documentWith({
    source: { cluster: 'main' },
    resources: [{ apiVersion: 'v1', kind: 'Namespace', name: 'web' }],
  });
  assert.throws(() => requireSourceRead(editor, namespaces), forbidden(/no resources:read in cluster main/));
});

function viewOf(): PropagationView {
  const target = (cluster: string, ready: number) => ({
    cluster,
    state: 'applied' as const,
    replicas: { desired: 2, ready },
    objects: [
      { apiVersion: 'v1', kind: 'Namespace', name: 'shop', state: 'applied' as const },
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'w', state: 'applied' as const },
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'other', name: 'c', state: 'applied' as const },
    ],
  });
  return {
    document: documentWith({ placement: { clusters: { labelSelector: 'env=prod' } } }),
    generation: 1,
    createdBy: 'admin',
    createdAt: '2026-01-01T00:00:00Z',
    updatedBy: 'admin',
    updatedAt: '2026-01-01T00:00:00Z',
    status: {
      phase: 'Applied',
      observedGeneration: 1,
      targets: [target('east', 2), target('west', 1)],
      replicas: { desired: 4, ready: 3 },
    },
  };
}

test('a view shows only the clusters and namespaces the caller may read, and counts the hidden targets', () => {
  const view = viewOf();
  const shown = visibleView(nsEditor, view);
  assert.deepEqual(
    shown.status.targets.map((target) => target.cluster),
    ['east'],
  );
  assert.deepEqual(
    shown.status.targets[0]?.objects.map((object) => `${object.kind}/${object.name}`),
    ['Deployment/w'],
    'the cluster-scoped Namespace and the other namespace are not the namespace Editor’s to read',
  );
  assert.equal(shown.status.hiddenTargets, 1);
  assert.deepEqual(shown.status.replicas, { desired: 2, ready: 2 }, 'the total adds up what is shown');
  const all = visibleView(callerWith({ role: 'Viewer', level: 'platform' }), view);
  assert.deepEqual(all.status, { ...view.status, hiddenTargets: 0 });
});

test('a Secret kept as a template shows its values only to who may reveal Secrets there on every target', () => {
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db', namespace: 'shop' },
    data: { password: 'c2VjcmV0' },
    stringData: { user: 'app' },
  };
  const view = { ...viewOf(), document: documentWith({ templates: [secret] }) };
  const templateOf = (caller: Caller) => visibleView(caller, view).document.spec.templates?.[0];
  const viewer = callerWith({ role: 'Viewer', level: 'platform' });
  assert.deepEqual(templateOf(viewer), {
    ...secret,
    data: { password: '<masked>' },
    stringData: { user: '<masked>' },
  });
  assert.deepEqual(
    (templateOf(nsEditor) as { data?: object }).data,
    { password: '<masked>' },
    'an Editor of one of the two clusters',
  );
  const editorOfBoth = callerWith(
    { role: 'Editor', level: 'namespace', cluster: 'east', namespace: 'shop' },
    { role: 'Editor', level: 'namespace', cluster: 'west', namespace: 'shop' },
  );
  assert.deepEqual(templateOf(editorOfBoth), secret);
  assert.deepEqual(view.document.spec.templates?.[0], secret, 'the stored view is not changed');
});

test('who may see a propagation at all, and its events', () => {
  const view = viewOf();
  assert.equal(maySee(nsEditor, view), true);
  assert.equal(maySee(callerWith({ role: 'Viewer', level: 'cluster', cluster: 'north' }), view), false);
  assert.equal(maySee({ ...callerWith(), username: 'admin' }, view), true, 'its author');
  const events = [
    {
      id: '1',
      time: 't',
      propagation: 'shop',
      type: 'Normal' as const,
      reason: 'Applied',
      message: 'm',
      cluster: 'east',
    },
    {
      id: '2',
      time: 't',
      propagation: 'shop',
      type: 'Normal' as const,
      reason: 'Applied',
      message: 'm',
      cluster: 'west',
    },
    { id: '3', time: 't', propagation: 'shop', type: 'Normal' as const, reason: 'Saved', message: 'm' },
  ];
  assert.deepEqual(
    visibleEvents(nsEditor, events).map((event) => event.id),
    ['1', '3'],
  );
});

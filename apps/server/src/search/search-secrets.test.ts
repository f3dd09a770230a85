import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { visibleScopes } from '#server/iam/authorize.ts';
import type { Caller, Grant } from '#server/iam/caller.ts';
import { MASKED } from '#server/kube/secret-mask.ts';
import { recordFromObject } from '#server/store/resources/resource-record.ts';
import { upsert } from '#server/store/testing/store-fixtures.ts';
import { createChangeHub, type ResourceChangeEvent } from '#server/sync/change-hub.ts';
import { sanitizeObject } from '#server/sync/sanitize.ts';
import { type SearchParams, searchResourcesJson, withinOf } from './search-service.ts';
import { summarize } from './summary-service.ts';
import { openSearchFixture, type SearchFixture } from './testing/search-fixture.ts';

const SECRETS = { group: '', version: 'v1', resource: 'secrets' };
const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps' };

let fixture: SearchFixture;
before(async () => {
  fixture = await openSearchFixture();
  const { store, clusters } = fixture;
  // Stored as the sync stores them: through its sanitizer.
  const secret = (namespace: string, name: string) =>
    recordFromObject(
      SECRETS,
      sanitizeObject(SECRETS, {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { namespace, name, uid: `uid-${namespace}-${name}`, resourceVersion: '1' },
        type: 'Opaque',
        data: { password: 'aHVudGVyMg==' },
      }),
    );
  const configMap = (namespace: string, name: string) =>
    recordFromObject(CONFIGMAPS, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { namespace, name, uid: `uid-cm-${namespace}-${name}`, resourceVersion: '1' },
      data: { mode: 'fast' },
    });
  await store.resources.applyChanges(clusters.prod.id, [
    upsert(secret('team-a', 'db')),
    upsert(secret('team-b', 'api-key')),
    upsert(configMap('team-a', 'settings')),
  ]);
  await store.resources.applyChanges(clusters.dev.id, [upsert(secret('team-a', 'dev-token'))]);
});
after(() => fixture?.close());

/** A caller holding these bindings, as the authenticator builds it. */
function callerWith(...grants: Array<Omit<Grant, 'subject' | 'bindingId'>>): Caller {
  return {
    userId: 'u',
    username: 'u',
    groups: [],
    credential: { kind: 'session', sessionIdHash: 'x' },
    grants: grants.map((grant, i) => ({
      ...grant,
      subject: { kind: 'user', name: 'u' },
      bindingId: `b${i}`,
    })),
  };
}

const platformViewer = callerWith({ role: 'Viewer', level: 'platform' });
const clusterViewer = callerWith({ role: 'Viewer', level: 'cluster', cluster: 'prod' });
const namespaceViewer = callerWith({
  role: 'Viewer',
  level: 'namespace',
  cluster: 'prod',
  namespace: 'team-a',
});
const namespaceEditor = callerWith({
  role: 'Editor',
  level: 'namespace',
  cluster: 'prod',
  namespace: 'team-a',
});
const platformAdmin = callerWith({ role: 'Admin', level: 'platform' });
/** A platform Viewer who edits prod's team-b. */
const viewerAndEditor = callerWith(
  { role: 'Viewer', level: 'platform' },
  { role: 'Editor', level: 'namespace', cluster: 'prod', namespace: 'team-b' },
);

/** What GET /api/v1/search answers (the route writes this JSON text as it is). */
async function search(caller: Caller, params: SearchParams) {
  const answer = JSON.parse(
    (await searchResourcesJson(fixture.store, params, visibleScopes(caller))).toString(),
  );
  return answer as {
    items: Array<{
      cluster: string;
      namespace: string;
      name: string;
      kind: string;
      object: { data?: unknown };
    }>;
  };
}
const names = (answer: Awaited<ReturnType<typeof search>>) =>
  answer.items.map((item) => `${item.kind} ${item.cluster}/${item.namespace}/${item.name}`).sort();

test('Viewers (platform, cluster, namespace) find no Secret in search, whatever they ask', async () => {
  for (const viewer of [platformViewer, clusterViewer, namespaceViewer]) {
    assert.deepEqual(names(await search(viewer, { kinds: ['secrets'] })), []);
    const config = await search(viewer, { kinds: ['config'], limit: 1 });
    assert.deepEqual(names(config), ['ConfigMap prod/team-a/settings']);
    assert.equal((config as { remaining?: number }).remaining, 0, 'nor counts them in what remains');
  }
});

test('Editors and Admins find the Secrets of their scope, their values masked as <masked>', async () => {
  assert.deepEqual(names(await search(namespaceEditor, { kinds: ['secrets'] })), ['Secret prod/team-a/db']);
  const all = await search(platformAdmin, { kinds: ['secrets'] });
  assert.deepEqual(names(all), [
    'Secret dev/team-a/dev-token',
    'Secret prod/team-a/db',
    'Secret prod/team-b/api-key',
  ]);
  for (const item of all.items) assert.deepEqual(item.object.data, { password: MASKED });
  assert.equal(MASKED, '<masked>');
  // Asked for just the data (fields cut down the stored object, which holds no values to give away).
  const data = await search(platformAdmin, { kinds: ['secrets'], fields: 'data,data.password' });
  for (const item of data.items) assert.deepEqual(item.object, { data: { password: MASKED } });
});

test('a platform Viewer who edits one namespace finds the Secrets of that namespace only', async () => {
  assert.deepEqual(names(await search(viewerAndEditor, { kinds: ['config'] })), [
    'ConfigMap prod/team-a/settings',
    'Secret prod/team-b/api-key',
  ]);
});

test('summaries of a platform Viewer are those of an Admin (they count no Secrets)', async () => {
  const clusters = Object.values(fixture.clusters);
  assert.deepEqual(
    await summarize(fixture.store, clusters, visibleScopes(platformViewer)),
    await summarize(fixture.store, clusters, visibleScopes(platformAdmin)),
  );
  const counts = await fixture.store.resources.counts({
    within: withinOf(visibleScopes(clusterViewer), clusters),
  });
  assert.equal(counts.filter((count) => count.resource === 'secrets').length, 0, 'counts hide them too');
});

test('the change stream sends Secret changes only to callers whose role may list them there', () => {
  const clusters = Object.values(fixture.clusters);
  const hub = createChangeHub();
  const received = new Map<string, string[]>();
  const callers = { platformViewer, clusterViewer, namespaceViewer, namespaceEditor, viewerAndEditor };
  for (const [name, caller] of Object.entries(callers)) {
    const within = withinOf(visibleScopes(caller), clusters);
    hub.subscribe(within ? { within } : {}, (event) =>
      received.set(name, [
        ...(received.get(name) ?? []),
        `${event.resource} ${event.namespace}/${event.name}`,
      ]),
    );
  }
  const change = (type: typeof SECRETS, namespace: string, name: string): ResourceChangeEvent => ({
    ...type,
    type: 'MODIFIED',
    clusterId: fixture.clusters.prod.id,
    kind: type === SECRETS ? 'Secret' : 'ConfigMap',
    namespace,
    name,
    labels: {},
    resourceVersion: '2',
  });
  hub.publish(change(SECRETS, 'team-a', 'db'));
  hub.publish(change(SECRETS, 'team-b', 'api-key'));
  hub.publish(change(CONFIGMAPS, 'team-a', 'settings'));
  const viewerSees = ['configmaps team-a/settings'];
  assert.deepEqual(Object.fromEntries(received), {
    platformViewer: viewerSees,
    clusterViewer: viewerSees,
    namespaceViewer: viewerSees,
    namespaceEditor: ['secrets team-a/db', 'configmaps team-a/settings'],
    viewerAndEditor: ['secrets team-b/api-key', 'configmaps team-a/settings'],
  });
});

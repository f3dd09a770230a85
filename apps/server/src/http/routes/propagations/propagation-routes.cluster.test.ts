/**
 * The propagation routes against a real server and two real sandbox clusters (issue #12): YAML and
 * JSON documents, 201/200/409, checks that name the field, and permissions per cluster and
 * namespace: a namespace Editor cannot propagate to a cluster it cannot write, cannot learn another
 * cluster's objects through a preview, and sees only its own clusters' targets and events.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { AuditPage, PropagationList, PropagationPreview, PropagationView } from '@portolan/api';
import { eventually, kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import { memberHeaders } from '#server/testing/members.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert on what they read
type Loose = any;

const { binDir, clusters: shared } = sharedSandboxes();
const EAST = 'prop-east';
const WEST = 'prop-west';
const namespace = uniqueNamespace('props');
const EDITOR = 'prop-ns-editor';
const VIEWER = 'prop-east-viewer';
/** A value on the west cluster the namespace Editor must never see. */
const WEST_ONLY = 'west-only-value-4711';
const name = `routes-${process.pid}`;

let harness: Harness;
let editorHeaders: Record<string, string>;
let viewerHeaders: Record<string, string>;
const kubeconfigs: Record<string, string> = {};
const k = (cluster: string, ...args: string[]) => kubectlOk(binDir, kubeconfigs[cluster] ?? '', args);

before(async () => {
  const [a, b] = shared;
  assert.ok(a && b, 'two shared sandboxes (PORTOLAN_TEST_CLUSTERS=2)');
  kubeconfigs[EAST] = a.kubeconfig;
  kubeconfigs[WEST] = b.kubeconfig;
  for (const cluster of [EAST, WEST]) await k(cluster, 'create', 'namespace', namespace);
  await k(WEST, '-n', namespace, 'create', 'configmap', 'settings', `--from-literal=mode=${WEST_ONLY}`);
  harness = await startHarness();
  await harness.register(EAST, a.kubeconfig, { env: 'prod', side: 'east' });
  await harness.register(WEST, b.kubeconfig, { env: 'prod', side: 'west' });
  editorHeaders = await memberHeaders(harness, EDITOR, 'Editor', {
    level: 'namespace',
    cluster: EAST,
    namespace,
  });
  viewerHeaders = await memberHeaders(harness, VIEWER, 'Viewer', { level: 'cluster', cluster: EAST });
});

after(async () => {
  await harness?.call('DELETE', `/api/v1/propagations/${name}`);
  await harness?.stop({ removeData: true });
  for (const cluster of [EAST, WEST])
    await kubectl(binDir, kubeconfigs[cluster] ?? '', ['delete', 'namespace', namespace, '--wait=false']);
});

/** Any body, any content type, as the administrator or the namespace Editor. */
async function send(
  method: string,
  path: string,
  body?: unknown,
  options: { as?: 'admin' | 'editor' | 'viewer'; type?: string } = {},
): Promise<{ status: number; body: Loose }> {
  const headers =
    options.as === 'editor' ? editorHeaders : options.as === 'viewer' ? viewerHeaders : harness.headers;
  const text = body === undefined || typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(`${harness.url}${path}`, {
    method,
    headers:
      text === undefined ? headers : { ...headers, 'content-type': options.type ?? 'application/json' },
    ...(text === undefined ? {} : { body: text }),
  });
  const answer = await response.text();
  return { status: response.status, body: answer ? JSON.parse(answer) : undefined };
}

/** The document as YAML: a ConfigMap in the test's namespace on the clusters the selector picks. */
const yamlDocument = (clusters: string, extra = '') => `apiVersion: portolan.dev/v1
kind: Propagation
metadata:
  name: ${name}${extra}
spec:
  placement:
    clusters: ${clusters}
  templates:
    - apiVersion: v1
      kind: ConfigMap
      metadata:
        name: settings
        namespace: ${namespace}
      data:
        mode: propagated
`;

const documentFor = (propagation: string, names: string[], mode = 'propagated') => ({
  apiVersion: 'portolan.dev/v1',
  kind: 'Propagation',
  metadata: { name: propagation },
  spec: {
    placement: { clusters: { names } },
    templates: [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace }, data: { mode } },
    ],
  },
});

test('a YAML document creates (201), replaces (200), and a stale generation is refused (409: reload and retry)', async () => {
  const created = await send(
    'PUT',
    `/api/v1/propagations/${name}`,
    yamlDocument('{ labelSelector: env=prod }'),
    {
      type: 'application/yaml',
    },
  );
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const view = created.body as PropagationView;
  assert.equal(view.document.metadata.name, name);
  assert.equal(view.createdBy, 'admin');
  const replaced = await send(
    'PUT',
    `/api/v1/propagations/${name}`,
    yamlDocument('{ labelSelector: env=prod }'),
    {
      type: 'application/yaml',
    },
  );
  assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
  const stale = documentFor(name, [EAST, WEST], 'changed');
  const conflict = await send('PUT', `/api/v1/propagations/${name}`, {
    ...stale,
    metadata: { name, generation: view.generation + 5 },
  });
  assert.equal(conflict.status, 409, JSON.stringify(conflict.body));
  assert.equal(conflict.body.error.code, 'conflict');
  assert.match(conflict.body.error.message, /reload/i);
  // The controller applies it on both clusters: the status shows both targets to the administrator.
  const applied = await eventually(
    'applied on both clusters',
    async () => {
      const current = (await send('GET', `/api/v1/propagations/${name}`)).body as PropagationView;
      return current.status.targets.length === 2 && current.status.targets.every((t) => t.state === 'applied')
        ? current
        : undefined;
    },
    30_000,
    250,
  );
  assert.deepEqual(applied.status.targets.map((target) => target.cluster).sort(), [EAST, WEST]);
});

test('faults in the document name the field (and the line for YAML); unknown clusters are warnings', async () => {
  const mismatch = await send('PUT', '/api/v1/propagations/other-name', documentFor(name, [EAST]));
  assert.equal(mismatch.status, 400);
  assert.equal(mismatch.body.error.field, 'metadata.name');
  const selector = await send('PUT', `/api/v1/propagations/${name}-bad`, {
    ...documentFor(`${name}-bad`, []),
    spec: {
      ...documentFor(`${name}-bad`, []).spec,
      placement: { clusters: { labelSelector: 'env in (prod' } },
    },
  });
  assert.equal(selector.status, 400);
  assert.equal(selector.body.error.field, 'spec.placement.clusters.labelSelector');
  assert.match(selector.body.error.message, /^spec.placement.clusters.labelSelector: label selector/);
  const schema = await send('PUT', `/api/v1/propagations/${name}-bad`, {
    ...documentFor(`${name}-bad`, [EAST]),
    spec: {},
  });
  assert.equal(schema.status, 400);
  assert.match(schema.body.error.message, /placement/);
  const yaml = await send(
    'PUT',
    `/api/v1/propagations/${name}-bad`,
    'apiVersion: portolan.dev/v1\nkind: [\n',
    {
      type: 'application/yaml',
    },
  );
  assert.equal(yaml.status, 400);
  assert.equal(typeof yaml.body.error.line, 'number');
  const preview = await send(
    'POST',
    '/api/v1/propagations/preview',
    documentFor(`${name}-bad`, [EAST, 'nowhere']),
  );
  assert.equal(preview.status, 200, JSON.stringify(preview.body));
  assert.match(
    (preview.body as PropagationPreview).warnings?.[0] ?? '',
    /no registered cluster is named "nowhere"/,
  );
  assert.equal((await send('GET', `/api/v1/propagations/${name}-bad`)).status, 404, 'nothing was saved');
});

test('a namespace Editor cannot propagate to a cluster it cannot write, and may where it can', async () => {
  const other = `${name}-editor`;
  const both = await send('PUT', `/api/v1/propagations/${other}`, documentFor(other, [EAST, WEST]), {
    as: 'editor',
  });
  assert.equal(both.status, 403, JSON.stringify(both.body));
  assert.match(both.body.error.message, new RegExp(`namespace ${namespace} of cluster ${WEST}`));
  assert.doesNotMatch(both.body.error.message, new RegExp(`cluster ${EAST}`));
  assert.match(both.body.error.message, /Narrow spec.placement .* ask an Admin/);
  assert.equal((await send('GET', `/api/v1/propagations/${other}`)).status, 404, 'nothing was saved');
  // Cluster-scoped objects need a cluster role, even on the Editor's own cluster.
  const namespaced = documentFor(other, [EAST]);
  namespaced.spec.templates.push({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: namespace },
  } as never);
  const clusterScoped = await send('PUT', `/api/v1/propagations/${other}`, namespaced, { as: 'editor' });
  assert.equal(clusterScoped.status, 403);
  assert.match(clusterScoped.body.error.message, new RegExp(`: cluster ${EAST}\\.`));
  const own = await send('PUT', `/api/v1/propagations/${other}`, documentFor(other, [EAST]), {
    as: 'editor',
  });
  assert.equal(own.status, 201, JSON.stringify(own.body));
  // The administrator's propagation writes on west too: the Editor may neither change nor remove it.
  const change = await send('PUT', `/api/v1/propagations/${name}`, documentFor(name, [EAST]), {
    as: 'editor',
  });
  assert.equal(change.status, 403);
  assert.match(change.body.error.message, new RegExp(`may not change "${name}".*cluster ${WEST}`));
  const removal = await send('DELETE', `/api/v1/propagations/${name}`, undefined, { as: 'editor' });
  assert.equal(removal.status, 403);
  assert.equal(
    (await send('DELETE', `/api/v1/propagations/${other}`, undefined, { as: 'editor' })).status,
    202,
  );
});

test("a namespace Editor's preview shows its own cluster's diff and nothing of the other cluster's objects", async () => {
  const document = documentFor(`${name}-preview`, [EAST, WEST], 'previewed');
  const mine = await send('POST', '/api/v1/propagations/preview', document, { as: 'editor' });
  assert.equal(mine.status, 200, JSON.stringify(mine.body));
  const targets = (mine.body as PropagationPreview).targets;
  const east = targets.find((target) => target.cluster === EAST);
  const west = targets.find((target) => target.cluster === WEST);
  assert.ok(east && west);
  assert.equal(east.objects[0]?.action, 'update', 'the administrator’s propagation put a ConfigMap there');
  assert.match(east.objects[0]?.diff ?? '', /^\+ {2}mode: previewed$/m);
  assert.equal(west.objects[0]?.action, 'refused');
  assert.equal(west.objects[0]?.object, undefined);
  assert.equal(west.objects[0]?.diff, undefined);
  assert.match(west.error ?? '', /may not read cluster prop-west/);
  // As a code and values too, for the console to word (issue #10).
  assert.equal(west.errorCode, 'preview.cannot-read-cluster');
  assert.deepEqual(west.errorParams, { cluster: WEST });
  assert.equal(west.objects[0]?.reasonCode, 'preview.cannot-read-cluster');
  assert.doesNotMatch(JSON.stringify(mine.body), new RegExp(WEST_ONLY));
  assert.doesNotMatch(JSON.stringify(mine.body), /mode: propagated\n/, 'west’s live object is not shown');
  // The administrator sees west's live object in the diff (what the Editor must not learn).
  const admin = await send('POST', '/api/v1/propagations/preview', document);
  const adminWest = (admin.body as PropagationPreview).targets.find((target) => target.cluster === WEST);
  assert.equal(adminWest?.objects[0]?.action, 'update');
  assert.match(adminWest?.objects[0]?.diff ?? '', /^- {2}mode: propagated$/m);
  assert.equal(
    (await send('GET', `/api/v1/propagations/${name}-preview`)).status,
    404,
    'a preview saves nothing',
  );
});

test('a Viewer is shown no Secret of a target, and may not read Secrets from a source through a propagation', async () => {
  const secretValue = Buffer.from('s3cret-value').toString('base64');
  const document = {
    ...documentFor(`${name}-secret`, [EAST]),
    spec: {
      placement: { clusters: { names: [EAST] } },
      templates: [
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'token', namespace },
          data: { token: secretValue },
        },
      ],
    },
  };
  const preview = await send('POST', '/api/v1/propagations/preview', document, { as: 'viewer' });
  assert.equal(preview.status, 200, JSON.stringify(preview.body));
  const object = (preview.body as PropagationPreview).targets[0]?.objects[0];
  // Kubernetes' view role reads no Secrets: the member cluster refuses the Viewer's read, and says so.
  assert.equal(object?.action, 'refused');
  assert.match(object?.reason ?? '', /not allowed to get secrets "token"/);
  assert.equal(object?.object, undefined);
  assert.doesNotMatch(JSON.stringify(preview.body), new RegExp(secretValue));
  const fromSource = await send(
    'POST',
    '/api/v1/propagations/preview',
    {
      ...documentFor(`${name}-source`, [EAST]),
      spec: {
        source: { cluster: EAST },
        resources: [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace, name: 'web' }],
        placement: { clusters: { names: [EAST] } },
      },
    },
    { as: 'viewer' },
  );
  assert.equal(fromSource.status, 403, JSON.stringify(fromSource.body));
  assert.match(fromSource.body.error.message, /secrets:reveal in namespace .* of cluster prop-east/);
});

test('lists and views show only the clusters the caller may read; events of the others are left out', async () => {
  const list = await send('GET', `/api/v1/propagations?q=${name}`, undefined, { as: 'editor' });
  assert.equal(list.status, 200);
  const seen = (list.body as PropagationList).items.find((item) => item.document.metadata.name === name);
  assert.ok(seen, JSON.stringify(list.body));
  assert.deepEqual(
    seen.status.targets.map((target) => target.cluster),
    [EAST],
  );
  assert.equal(seen.status.hiddenTargets, 1);
  const events = await send('GET', `/api/v1/propagations/${name}/events`, undefined, { as: 'editor' });
  assert.equal(events.status, 200);
  assert.ok(events.body.items.length > 0);
  assert.ok(events.body.items.every((event: Loose) => event.cluster !== WEST));
  const adminEvents = await send('GET', `/api/v1/propagations/${name}/events?limit=500`);
  assert.ok(adminEvents.body.items.some((event: Loose) => event.cluster === WEST));
});

test('writes are in the audit trail naming the propagation, refusals too; a removal answers 202', async () => {
  const removed = await send('DELETE', `/api/v1/propagations/${name}`);
  assert.equal(removed.status, 202, JSON.stringify(removed.body));
  const page = (await send('GET', '/api/v1/audit?limit=1000')).body as AuditPage;
  const entries = page.items.filter(
    (entry) => entry.resourceName === name && entry.route.startsWith('/api/v1/propagations'),
  );
  const seen = entries.map((entry) => `${entry.actor} ${entry.verb} ${entry.status}`);
  assert.ok(seen.includes('admin PUT 201'), seen.join(', '));
  assert.ok(seen.includes('admin PUT 200'), seen.join(', '));
  assert.ok(seen.includes(`${EDITOR} PUT 403`), seen.join(', '));
  assert.ok(seen.includes('admin DELETE 202'), seen.join(', '));
});

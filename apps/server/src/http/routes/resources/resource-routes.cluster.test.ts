import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type RouteTest, setUpRouteTest } from '../../testing/route-server.ts';

let t: RouteTest;
before(async () => {
  t = await setUpRouteTest('res');
});
after(async () => {
  await t?.cleanup();
});

const configMap = (namespace: string, name: string, value: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\ndata:\n  mode: ${value}\n`;

test('apply YAML, get, patch three ways, delete', async () => {
  const yaml = configMap(t.namespace, 'settings', 'fast');
  const applied = await t.send('POST', `${t.base}/apply?fieldManager=tests`, yaml, 'application/yaml');
  assert.equal(applied.status, 200, JSON.stringify(applied.body));
  assert.equal(applied.body.failed, 0);
  assert.equal(applied.body.results[0].outcome, 'created');
  const again = await t.send('POST', `${t.base}/apply`, { manifests: yaml, fieldManager: 'tests' });
  assert.equal(again.body.results[0].outcome, 'configured');

  const path = `${t.base}/resources/configmaps/settings?namespace=${t.namespace}`;
  const read = await t.send('GET', path);
  assert.equal(read.status, 200);
  assert.equal(read.body.data.mode, 'fast');

  const merged = await t.send('PATCH', path, { data: { mode: 'slow' } }, 'application/merge-patch+json');
  assert.equal(merged.status, 200, JSON.stringify(merged.body));
  assert.equal(merged.body.data.mode, 'slow');
  const jsonPatched = await t.send('PATCH', path, {
    type: 'json',
    patch: [{ op: 'add', path: '/data/extra', value: 'yes' }],
  });
  assert.equal(jsonPatched.body.data.extra, 'yes');
  const strategic = await t.send(
    'PATCH',
    path,
    { metadata: { labels: { tier: 'gold' } } },
    'application/strategic-merge-patch+json',
  );
  assert.equal(strategic.body.metadata.labels.tier, 'gold');
  const dry = await t.send('PATCH', `${path}&dryRun=true`, { patch: { data: { mode: 'dry' } } });
  assert.equal(dry.body.data.mode, 'dry');
  assert.equal((await t.send('GET', path)).body.data.mode, 'slow', 'a dry run stores nothing');

  const deleted = await t.send('DELETE', path);
  assert.equal(deleted.status, 200);
  assert.equal(deleted.body.state, 'deleted');
  const gone = await t.send('GET', path);
  assert.equal(gone.status, 404);
  assert.equal(gone.body.error.code, 'not-found');
});

test('create through the generic route, and replace with a stale version is a conflict with the current object', async () => {
  const created = await t.send('POST', `${t.base}/resources/configmaps?namespace=${t.namespace}`, {
    metadata: { name: 'raced' },
    data: { step: '1' },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.kind, 'ConfigMap');
  const path = `${t.base}/resources/configmaps/raced?namespace=${t.namespace}`;
  const first = await t.send('PUT', path, { ...created.body, data: { step: '2' } });
  assert.equal(first.status, 200);
  const stale = await t.send('PUT', path, { ...created.body, data: { step: '3' } });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.error.code, 'conflict');
  assert.match(stale.body.error.message, /changed since it was read/);
  assert.equal(stale.body.error.current.data.step, '2');
  assert.equal(stale.body.error.current.metadata.resourceVersion, first.body.metadata.resourceVersion);
});

test('an invalid object is a 422 naming each field; an unknown kind a 400 with suggestions', async () => {
  const invalid = await t.send('POST', `${t.base}/resources/configmaps?namespace=${t.namespace}`, {
    metadata: { name: 'Not_A_Name' },
  });
  assert.equal(invalid.status, 422, JSON.stringify(invalid.body));
  assert.equal(invalid.body.error.code, 'invalid');
  assert.ok(invalid.body.error.fields.some((field: { field: string }) => field.field === 'metadata.name'));

  const unknownField = await t.send('POST', `${t.base}/resources/configmaps?namespace=${t.namespace}`, {
    metadata: { name: 'typo' },
    dta: { a: 'b' },
  });
  assert.equal(unknownField.status, 422);
  assert.equal(unknownField.body.error.fields[0].field, 'dta');

  const unknownKind = await t.send('GET', `${t.base}/resources/configmapz/x?namespace=${t.namespace}`);
  assert.equal(unknownKind.status, 400);
  assert.equal(unknownKind.body.error.code, 'unknown-kind');
  assert.ok(unknownKind.body.error.suggestions.length > 0);

  const wrongKind = await t.send('POST', `${t.base}/resources/secrets?namespace=${t.namespace}`, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'mismatch' },
  });
  assert.equal(wrongKind.status, 400);
});

test('malformed YAML is a 400 with its line and column, and nothing is applied', async () => {
  const text = `${configMap(t.namespace, 'first-ok', 'a')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\ndata: [unclosed\n`;
  const answer = await t.send('POST', `${t.base}/apply`, text, 'application/yaml');
  assert.equal(answer.status, 400, JSON.stringify(answer.body));
  assert.equal(answer.body.error.code, 'malformed-manifest');
  assert.equal(answer.body.error.document, 2);
  assert.equal(typeof answer.body.error.line, 'number');
  assert.equal(typeof answer.body.error.column, 'number');
  const first = await t.send('GET', `${t.base}/resources/configmaps/first-ok?namespace=${t.namespace}`);
  assert.equal(first.status, 404, 'no document is applied when one cannot be read');
});

test('a preview shows a diff per document and changes nothing; one refused document does not stop the rest', async () => {
  await t.send('POST', `${t.base}/apply`, configMap(t.namespace, 'previewed', 'old'), 'application/yaml');
  const text = `${configMap(t.namespace, 'previewed', 'new')}---\n${configMap(t.namespace, 'fresh', 'x')}`;
  const preview = await t.send('POST', `${t.base}/apply/preview`, text, 'application/yaml');
  assert.equal(preview.status, 200, JSON.stringify(preview.body));
  const [update, create] = preview.body.results;
  assert.equal(update.action, 'update');
  assert.match(update.diff, /-\s+mode: old/);
  assert.match(update.diff, /\+\s+mode: new/);
  assert.equal(create.action, 'create');
  const unchanged = await t.send('GET', `${t.base}/resources/configmaps/previewed?namespace=${t.namespace}`);
  assert.equal(unchanged.body.data.mode, 'old');

  const mixed = `${configMap(t.namespace, 'good-one', 'x')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n  namespace: ${t.namespace}\n`;
  const applied = await t.send('POST', `${t.base}/apply`, mixed, 'application/yaml');
  assert.equal(applied.status, 200);
  assert.equal(applied.body.failed, 1);
  assert.equal(applied.body.results[0].outcome, 'created');
  assert.equal(applied.body.results[1].error.code, 'invalid');
});

test('an unknown cluster is a 404', async () => {
  const answer = await t.send('GET', '/api/v1/clusters/nowhere/resources/pods/x?namespace=default');
  assert.equal(answer.status, 404);
});

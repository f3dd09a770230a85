import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type RouteTest, setUpRouteTest } from '../../testing/route-server.ts';

let t: RouteTest;
before(async () => {
  t = await setUpRouteTest('openapi');
});
after(async () => {
  await t?.cleanup();
});

test("apps/v1 comes from the cluster's own OpenAPI: Deployment's schema with its references", async () => {
  const answer = await t.send('GET', `${t.base}/openapi/apps/v1`);
  assert.equal(answer.status, 200, JSON.stringify(answer.body).slice(0, 500));
  const { kinds, schemas, group, version } = answer.body;
  assert.equal(group, 'apps');
  assert.equal(version, 'v1');
  const deployment = kinds.find((entry: { kind: string }) => entry.kind === 'Deployment');
  assert.equal(deployment.schema, 'io.k8s.api.apps.v1.Deployment');
  assert.ok(!kinds.some((entry: { kind: string }) => entry.kind === 'DeleteOptions'), 'meta types skipped');
  const spec = schemas['io.k8s.api.apps.v1.DeploymentSpec'];
  assert.deepEqual(spec.required, ['selector', 'template']);
  // References point into the same document, so a client can resolve every one of them.
  const refs = JSON.stringify(schemas).match(/"\$ref":"#\/components\/schemas\/[^"]+"/g) ?? [];
  assert.ok(refs.length > 50);
  for (const ref of new Set(refs)) {
    const name = ref.slice('"$ref":"#/components/schemas/'.length, -1);
    assert.ok(schemas[name], `${name} is in the answer`);
  }
});

test('core/v1 is the core group; a second read within minutes is kept, not fetched again', async () => {
  const first = await t.send('GET', `${t.base}/openapi/core/v1`);
  assert.equal(first.status, 200);
  assert.equal(first.body.group, '');
  const pod = first.body.kinds.find((entry: { kind: string }) => entry.kind === 'Pod');
  assert.equal(pod.schema, 'io.k8s.api.core.v1.Pod');
  assert.ok(first.body.schemas['io.k8s.api.core.v1.Container'].properties.image);
  const second = await t.send('GET', `${t.base}/openapi/core/v1`);
  assert.equal(second.body.fetchedAt, first.body.fetchedAt);
});

test("a custom resource's schema is served as its CRD declares it", async () => {
  const group = `${t.namespace}.example.com`;
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `gadgets.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { kind: 'Gadget', plural: 'gadgets', singular: 'gadget' },
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
                  required: ['size'],
                  properties: { size: { type: 'integer', minimum: 1 } },
                },
              },
            },
          },
        },
      ],
    },
  };
  const applied = await t.send('POST', `${t.base}/apply`, { manifests: [crd] });
  assert.equal(applied.body.failed, 0, JSON.stringify(applied.body));
  try {
    let answer = await t.send('GET', `${t.base}/openapi/${group}/v1`);
    // The API server publishes a new CRD's schema a moment after the CRD is established.
    for (let i = 0; i < 40 && answer.status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      answer = await t.send('GET', `${t.base}/openapi/${group}/v1`);
    }
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const gadget = answer.body.kinds.find((entry: { kind: string }) => entry.kind === 'Gadget');
    const schema = answer.body.schemas[gadget.schema];
    assert.deepEqual(schema.properties.spec.required, ['size']);
    assert.equal(schema.properties.spec.properties.size.minimum, 1);
  } finally {
    await t.k('delete', 'crd', `gadgets.${group}`, '--wait=false');
  }
});

test('a group version the cluster does not serve is a 404 that says so; a bad version a 400', async () => {
  const missing = await t.send('GET', `${t.base}/openapi/nothing.example.com/v1`);
  assert.equal(missing.status, 404);
  assert.match(missing.body.error.message, /serves no API nothing\.example\.com\/v1/);
  const bad = await t.send('GET', `${t.base}/openapi/apps/latest`);
  assert.equal(bad.status, 400);
  const unknown = await t.send('GET', '/api/v1/clusters/nowhere/openapi/apps/v1');
  assert.equal(unknown.status, 404);
});

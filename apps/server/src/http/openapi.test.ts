import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';

interface Operation {
  'x-permission'?: string;
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness.stop({ removeData: true });
});

const openapiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{*}');

test('every registered route is in the OpenAPI 3.1 document with its permission and its schemas', async () => {
  const { status, body: doc } = await harness.call<{
    openapi: string;
    paths: Record<string, Record<string, Operation>>;
  }>('GET', '/openapi.json');
  assert.equal(status, 200);
  assert.equal(doc.openapi, '3.1.0');
  const routes = harness.portolan.app.routeTable.filter((route) => route.method !== 'HEAD');
  assert.ok(routes.length > 60, `only ${routes.length} routes`);
  for (const route of routes) {
    const where = `${route.method} ${route.url}`;
    const operation = doc.paths[openapiPath(route.url)]?.[route.method.toLowerCase()];
    assert.ok(operation, `${where} is missing from the document`);
    assert.equal(operation['x-permission'], route.permission, `${where} notes its permission`);
    const responses = Object.entries(operation.responses ?? {});
    assert.ok(
      responses.some(([code, response]) => code === '204' || code === '101' || response.content),
      `${where} documents a response with a schema`,
    );
    for (const name of route.url.match(/:\w+/g) ?? []) {
      assert.ok(
        operation.parameters?.some((parameter) => parameter.in === 'path' && `:${parameter.name}` === name),
        `${where} documents its path parameter ${name}`,
      );
    }
  }
  const patch = doc.paths['/api/v1/clusters/{cluster}/resources/{kind}/{name}']?.patch;
  assert.ok(patch?.requestBody?.content['application/merge-patch+json'], 'patch types are documented');
  assert.ok(patch?.parameters?.some((parameter) => parameter.in === 'query' && parameter.name === 'dryRun'));
  const reveal = doc.paths['/api/v1/clusters/{cluster}/secrets/{namespace}/{name}/reveal']?.get;
  assert.equal(reveal?.['x-permission'], 'secrets:reveal');
});

test('the documentation page and its assets are served from the package', async () => {
  const page = await fetch(`${harness.url}/docs`);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /docs\/static\/swagger-ui-bundle\.js/);
  assert.doesNotMatch(html, /https?:\/\//, 'no CDN');
  for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css', 'docs-start.js']) {
    const asset = await fetch(`${harness.url}/docs/static/${file}`);
    assert.equal(asset.status, 200, file);
    assert.ok((await asset.arrayBuffer()).byteLength > 0);
  }
  assert.equal((await fetch(`${harness.url}/docs/static/..%2Fpackage.json`)).status, 400);
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { stringify } from 'yaml';
import { startHarness } from '#server/testing/portolan-harness.ts';
import { type Loose, type RouteTest, setUpRouteTest } from './testing/route-server.ts';

const MIB = 1024 * 1024;

let t: RouteTest;
before(async () => {
  t = await setUpRouteTest('limits');
});
after(async () => {
  await t?.cleanup();
});

/** A CRD of about 1.13 MB, as operators ship them: a wide schema with long descriptions. */
function bigCrd(index: number): object {
  const properties: Record<string, object> = {};
  for (let field = 0; field < 1000; field++) {
    properties[`field${field}`] = {
      type: 'string',
      description: `Field ${field} of gadget ${index}. ${'It is described at length, as generated CRDs are. '.repeat(21)}`,
    };
  }
  const group = `limits${index}.example.com`;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `gadgets.${group}` },
    spec: {
      group,
      names: { kind: 'Gadget', plural: 'gadgets', singular: 'gadget' },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties } } },
          },
        },
      ],
    },
  };
}

/** An operator's bundle: four large CRDs, its Deployment and its ConfigMaps, as YAML documents. */
function operatorBundle(namespace: string): string {
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'operator', namespace },
    spec: {
      selector: { matchLabels: { app: 'operator' } },
      template: {
        metadata: { labels: { app: 'operator' } },
        spec: { containers: [{ name: 'operator', image: 'example.com/operator:1.0' }] },
      },
    },
  };
  const configMaps = Array.from({ length: 20 }, (_, index) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `operator-config-${index}`, namespace },
    data: { settings: 'x'.repeat(1000) },
  }));
  return [bigCrd(1), bigCrd(2), bigCrd(3), bigCrd(4), deployment, ...configMaps]
    .map((document) => stringify(document, { lineWidth: 0 }))
    .join('---\n');
}

test('a 4.4 MB operator bundle applies with dryRun through POST …/apply', async () => {
  const bundle = operatorBundle(t.namespace);
  const size = Buffer.byteLength(bundle);
  assert.ok(size > 4.4e6 && size < 6e6, `the bundle is ${size} bytes`);
  const answer = await t.send('POST', `${t.base}/apply?dryRun=true`, bundle, 'application/yaml');
  assert.equal(answer.status, 200, JSON.stringify(answer.body).slice(0, 2000));
  assert.equal(answer.body.failed, 0, JSON.stringify(answer.body.results.find((r: Loose) => r.error)));
  assert.equal(answer.body.results.length, 25);
  assert.deepEqual(new Set(answer.body.results.map((result: Loose) => result.outcome)), new Set(['created']));
  const crd = await t.k('get', 'crd', '-o', 'name');
  assert.doesNotMatch(crd, /limits1\.example\.com/, 'a dry run creates nothing');
});

test('a body over a route limit answers 413 in Portolan shape, naming the limit and its setting', async () => {
  const over = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  a: ${'x'.repeat(8 * MIB)}\n`;
  const apply = await t.send('POST', `${t.base}/apply`, over, 'application/yaml');
  assert.equal(apply.status, 413);
  assert.equal(apply.body.error.code, 'body-too-large');
  assert.equal(apply.body.error.limitBytes, 8 * MIB);
  assert.match(
    apply.body.error.message,
    /larger than 8 MiB, the limit of POST \/api\/v1\/clusters\/:cluster\/apply/,
  );
  assert.match(apply.body.error.message, /PORTOLAN_MANIFEST_BODY_LIMIT_MIB/);

  const register = await t.send('POST', '/api/v1/clusters', { name: 'big', kubeconfig: 'x'.repeat(MIB) });
  assert.equal(register.status, 413);
  assert.equal(register.body.error.limitBytes, MIB);
  assert.match(register.body.error.message, /larger than 1 MiB.*--body-limit-mib or PORTOLAN_BODY_LIMIT_MIB/);
});

test('the limits are settings', async () => {
  const harness = await startHarness({
    args: ['--manifest-body-limit-mib', '2', '--body-limit-mib', '0.25'],
  });
  try {
    const send = (path: string, body: string, contentType: string) =>
      fetch(`${harness.url}${path}`, {
        method: 'POST',
        headers: { ...harness.headers, 'content-type': contentType },
        body,
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as Loose }));
    const apply = await send('/api/v1/clusters/any/apply', 'x'.repeat(3 * MIB), 'application/yaml');
    assert.deepEqual([apply.status, apply.body.error.limitBytes], [413, 2 * MIB]);
    const small = await send(
      '/api/v1/users',
      JSON.stringify({ username: 'x'.repeat(MIB / 2) }),
      'application/json',
    );
    assert.deepEqual([small.status, small.body.error.limitBytes], [413, MIB / 4]);
    assert.match(small.body.error.message, /larger than 256 KiB/);
  } finally {
    await harness.stop({ removeData: true });
  }
});

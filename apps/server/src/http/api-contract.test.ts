import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { API_ROUTES } from '@portolan/api';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';

/**
 * The OpenAPI document (built from the server's route schemas) and @portolan/api (what the CLI and the
 * console are typed against) must say the same for every route the package covers: a schema changed
 * on one side only fails here.
 */

interface Parameter {
  in: string;
  name: string;
  description?: string;
  required?: boolean;
  schema?: unknown;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}
interface ObjectSchema {
  properties?: Record<string, unknown>;
  required?: string[];
}

let harness: Harness;
let paths: Record<string, Record<string, Operation>>;
before(async () => {
  harness = await startHarness();
  paths = (await harness.call<{ paths: typeof paths }>('GET', '/openapi.json')).body.paths;
});
after(async () => {
  await harness.stop({ removeData: true });
});

const openapiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

/** The document's copy of a schema, as plain JSON (the package's are `as const` objects). */
const plain = (schema: unknown) => JSON.parse(JSON.stringify(schema)) as unknown;

function operationOf(route: string): Operation {
  const [method = '', url = ''] = route.split(' ');
  const operation = paths[openapiPath(url)]?.[method.toLowerCase()];
  assert.ok(operation, `${route} is in @portolan/api but not in the OpenAPI document`);
  return operation;
}

for (const [route, contract] of Object.entries(API_ROUTES)) {
  test(`${route}: the OpenAPI document and @portolan/api agree`, () => {
    const operation = operationOf(route);
    for (const [status, schema] of Object.entries(contract.response)) {
      // The document writes ranges as OpenAPI does: 4XX, 5XX.
      const documented = operation.responses?.[status.toUpperCase()]?.content?.['application/json']?.schema;
      assert.deepEqual(documented, plain(schema), `${route} answers ${status} as the package says`);
    }
    if (contract.querystring) {
      const query = contract.querystring as ObjectSchema;
      const documented = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query');
      assert.deepEqual(
        documented.map((parameter) => parameter.name).sort(),
        Object.keys(query.properties ?? {}).sort(),
        `${route} takes the query parameters the package names`,
      );
      for (const parameter of documented) {
        const where = `${route} query parameter ${parameter.name}`;
        // The document lifts a parameter's description out of its schema, onto the parameter.
        const schema = parameter.description
          ? { ...(parameter.schema as object), description: parameter.description }
          : parameter.schema;
        assert.deepEqual(schema, plain(query.properties?.[parameter.name]), where);
        assert.equal(
          parameter.required,
          query.required?.includes(parameter.name) ?? false,
          `${where}: required`,
        );
      }
    }
    if (contract.body) {
      const documented = operation.requestBody?.content['application/json']?.schema;
      assert.deepEqual(documented, plain(contract.body), `${route} takes the body the package says`);
    }
  });
}

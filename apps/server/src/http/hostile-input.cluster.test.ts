/**
 * Every route that takes a body, fed what an attacker or a careless user sends: whole bodies no route
 * may accept answer 4xx in Portolan's error shape; hostile values in any one field never answer 5xx;
 * nothing hangs. Routes come from the server's own table, so a new route is covered when it is added.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sharedSandboxes } from '@portolan/sandbox/testing';
import {
  type BodyRoute,
  bodyRoutes,
  fillPath,
  HOSTILE_BODIES,
  hostileValues,
  plausible,
  wrongTypeFor,
} from '#server/testing/hostile-inputs.ts';
import { type RouteTest, setUpRouteTest } from './testing/route-server.ts';

const TIMEOUT_MS = 30_000;

let t: RouteTest;
let routes: BodyRoute[];
before(async () => {
  t = await setUpRouteTest('hostile');
  const document = (await t.harness.call<Parameters<typeof bodyRoutes>[1]>('GET', '/openapi.json')).body;
  routes = bodyRoutes(t.harness.portolan.app.routeTable, document);
});
after(async () => {
  await t?.cleanup();
});

interface Answer {
  status: number;
  text: string;
}

async function send(route: BodyRoute, body: string, contentType: string): Promise<Answer> {
  const path = fillPath(route.url, { cluster: t.cluster, namespace: t.namespace });
  try {
    const response = await fetch(`${t.harness.url}${path}`, {
      method: route.method,
      headers: { ...t.harness.headers, 'content-type': contentType },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    return { status: 0, text: `no answer within ${TIMEOUT_MS / 1000} s: ${String(error)}` };
  }
}

/** Why an answer is not a refusal in Portolan's shape, or undefined when it is one. */
function notPortolanRefusal(answer: Answer, allowSuccess: boolean): string | undefined {
  if (answer.status === 0) return answer.text;
  if (answer.status >= 500) return `${answer.status}: ${answer.text.slice(0, 300)}`;
  if (answer.status < 400) return allowSuccess ? undefined : `${answer.status}, not a refusal`;
  try {
    const { error } = JSON.parse(answer.text) as { error?: { code?: unknown; message?: unknown } };
    if (typeof error?.code !== 'string' || typeof error.message !== 'string')
      return `${answer.status} without { error: { code, message } }: ${answer.text.slice(0, 300)}`;
    if (error.code.startsWith('FST_')) return `${answer.status} with the framework's code ${error.code}`;
  } catch {
    return `${answer.status} that is not JSON: ${answer.text.slice(0, 300)}`;
  }
  return undefined;
}

const report = (failures: string[]) => assert.deepEqual(failures, [], `\n${failures.join('\n')}`);

test('the routes that take a body are read from the server, the ones named in the issue among them', () => {
  const names = routes.map((route) => `${route.method} ${route.url}`);
  for (const expected of [
    'POST /api/v1/clusters',
    'POST /api/v1/kubeconfig/contexts',
    'POST /api/v1/clusters/:cluster/apply',
    'PATCH /api/v1/clusters/:cluster/resources/:kind/:name',
    'POST /api/v1/users',
  ]) {
    assert.ok(names.includes(expected), `${expected} in ${names.join(', ')}`);
  }
  assert.ok(routes.length >= 25, `${routes.length} routes take a body`);
});

test('hostile whole bodies answer 4xx in Portolan shape on every route, with every type it takes', async () => {
  const failures: string[] = [];
  for (const route of routes) {
    const jsonTypes = route.contentTypes.filter((type) => /json/.test(type));
    for (const hostile of HOSTILE_BODIES) {
      // JSON-ish bodies go in every JSON type the route takes (patch types have parsers of their own).
      const types = hostile.contentType === 'application/json' ? jsonTypes : [hostile.contentType];
      for (const contentType of types.length ? types : [hostile.contentType]) {
        const problem = notPortolanRefusal(await send(route, hostile.body, contentType), false);
        if (problem)
          failures.push(`${route.method} ${route.url} ← ${hostile.what} (${contentType}): ${problem}`);
      }
    }
  }
  report(failures);
});

test('a field of the wrong type answers 4xx in Portolan shape on every route', async () => {
  const failures: string[] = [];
  for (const route of routes) {
    const base = plausible(route.schema) as Record<string, unknown>;
    for (const [field, schema] of Object.entries(route.schema.properties ?? {})) {
      const wrong = wrongTypeFor(schema);
      if (wrong === undefined) continue;
      const body = JSON.stringify({ ...base, [field]: wrong });
      const problem = notPortolanRefusal(await send(route, body, 'application/json'), false);
      if (problem)
        failures.push(`${route.method} ${route.url} ← ${field}: ${JSON.stringify(wrong)}: ${problem}`);
    }
  }
  report(failures);
});

test('hostile values in any one field never answer 5xx or hang, and refusals are in Portolan shape', async () => {
  const server = sharedSandboxes().clusters[0]?.server ?? 'https://127.0.0.1:1';
  const failures: string[] = [];
  for (const route of routes) {
    // A plausible body would start a control plane here; its whole-body refusals are tested above.
    if (route.url === '/api/v1/sandboxes') continue;
    const base = plausible(route.schema) as Record<string, unknown>;
    for (const [field, schema] of Object.entries(route.schema.properties ?? {})) {
      const types = [schema.type ?? []].flat();
      if (types.length && !types.includes('string')) continue;
      for (const { what, value } of hostileValues(server)) {
        const body = JSON.stringify({ ...base, [field]: value });
        const problem = notPortolanRefusal(await send(route, body, 'application/json'), true);
        if (problem) failures.push(`${route.method} ${route.url} ← ${field} = ${what}: ${problem}`);
      }
    }
  }
  report(failures);
});

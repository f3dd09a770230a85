/**
 * Bodies and values an attacker or a careless user sends, and the routes to send them to, read from
 * the server's own route table and OpenAPI document so that a new route is covered without a list.
 */
import type { RouteEntry } from '#server/http/app.ts';

/** Seven anchors of nine aliases each: 9^7 (4.8 million) strings once expanded. */
export const ALIAS_BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...['b', 'c', 'd', 'e', 'f', 'g'].map(
    (name, index) => `${name}: &${name} [${Array(9).fill(`*${'abcdef'[index]}`).join(',')}]`,
  ),
].join('\n');

/** Line breaks that would split an HTTP header, a NUL, an escape sequence and characters beyond Latin-1. */
export const CONTROL_CHARACTERS = 'a\r\nX-Injected: 1\u0000\u001b[31m☃ 雪 \u{1F600}';

/** A kubeconfig that parses, whose token and impersonated user cannot be written into a header. */
export function headerBreakingKubeconfig(server: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: c\n  cluster:\n    server: ${server}\n    insecure-skip-tls-verify: true`,
    'users:',
    '- name: u\n  user:\n    token: "abc\\r\\nX-Injected: 1"\n    as: "snow☃man"',
    'contexts:',
    '- name: x\n  context:\n    cluster: c\n    user: u',
    'current-context: x',
    '',
  ].join('\n');
}

export const nestedArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
export const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** A whole body and the Content-Type it is sent with. */
export interface HostileBody {
  what: string;
  body: string;
  contentType: string;
}

/** Bodies no route may accept: each must answer 4xx. */
export const HOSTILE_BODIES: HostileBody[] = [
  { what: 'a YAML alias bomb', body: ALIAS_BOMB, contentType: 'application/yaml' },
  { what: 'an alias bomb as JSON text', body: JSON.stringify(ALIAS_BOMB), contentType: 'application/json' },
  { what: 'arrays nested 100,000 deep', body: nestedArrays(100_000), contentType: 'application/json' },
  { what: 'objects nested 20,000 deep', body: nestedObjects(20_000), contentType: 'application/json' },
  { what: 'malformed JSON', body: '{"name": "x",', contentType: 'application/json' },
  { what: 'an empty JSON body', body: '', contentType: 'application/json' },
  { what: 'JSON null', body: 'null', contentType: 'application/json' },
  { what: 'a JSON number', body: '42', contentType: 'application/json' },
  { what: 'a JSON array', body: '[]', contentType: 'application/json' },
  { what: 'a __proto__ key', body: '{"__proto__": {"admin": true}}', contentType: 'application/json' },
  {
    what: 'control characters as JSON',
    body: JSON.stringify(CONTROL_CHARACTERS),
    contentType: 'application/json',
  },
  { what: 'a form', body: 'name=x&kubeconfig=y', contentType: 'application/x-www-form-urlencoded' },
  { what: 'XML', body: '<cluster name="x"/>', contentType: 'application/xml' },
  { what: 'plain text', body: 'hello', contentType: 'text/plain' },
  // Over the largest default limit (8 MiB, for manifests): every route refuses it before reading it.
  {
    what: 'a body over every limit',
    body: JSON.stringify('x'.repeat(8 * 1024 * 1024)),
    contentType: 'application/json',
  },
];

/** Values for one field at a time: the answer may be anything but a 5xx or a hang. */
export function hostileValues(server: string): Array<{ what: string; value: string }> {
  return [
    { what: 'an alias bomb', value: ALIAS_BOMB },
    { what: 'control characters', value: CONTROL_CHARACTERS },
    { what: 'a 900 kB string', value: 'x'.repeat(900_000) },
    { what: 'a kubeconfig whose token breaks headers', value: headerBreakingKubeconfig(server) },
  ];
}

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  minimum?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
};

/** A route that declares a JSON body, with that body's schema from the OpenAPI document. */
export interface BodyRoute {
  method: string;
  url: string;
  contentTypes: string[];
  schema: Schema;
}

interface OpenApi {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema?: Schema }> } }>>;
}

/** Every route in the table whose OpenAPI operation takes a body. */
export function bodyRoutes(table: RouteEntry[], document: OpenApi): BodyRoute[] {
  const routes = new Map<string, BodyRoute>();
  for (const entry of table) {
    const path = entry.url.replace(/:(\w+)/g, '{$1}');
    const content = document.paths[path]?.[entry.method.toLowerCase()]?.requestBody?.content;
    if (!content) continue;
    routes.set(`${entry.method} ${entry.url}`, {
      method: entry.method,
      url: entry.url,
      contentTypes: Object.keys(content),
      schema: content['application/json']?.schema ?? {},
    });
  }
  return [...routes.values()];
}

const typeOf = (schema: Schema) => [schema.type ?? []].flat()[0];

/** A value the schema's type allows, as small and harmless as can be: enough to reach the handler. */
export function plausible(schema: Schema, depth = 0): unknown {
  if (schema.enum?.length) return schema.enum[0];
  const alternative = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (alternative) return plausible(alternative, depth);
  switch (typeOf(schema)) {
    case 'string':
      return 'hostile-a';
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return [];
    default: {
      if (depth > 4) return {};
      const value: Record<string, unknown> = {};
      for (const name of schema.required ?? [])
        value[name] = plausible(schema.properties?.[name] ?? {}, depth + 1);
      return value;
    }
  }
}

/** A value of the wrong type for a field, or undefined when the field takes any type. */
export function wrongTypeFor(schema: Schema): unknown {
  if (schema.anyOf || schema.oneOf) return undefined;
  switch (typeOf(schema)) {
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
      return { nested: [1, 2, 3] };
    case 'array':
    case 'object':
      return 'not-a-collection';
    default:
      return undefined;
  }
}

/** The route's path with its parameters filled: the test's cluster and namespace, names that do not exist. */
export function fillPath(url: string, values: { cluster: string; namespace: string }): string {
  const path = url.replace(/:(\w+)/g, (_match, name: string) => {
    if (name === 'cluster') return values.cluster;
    if (name === 'namespace') return values.namespace;
    if (name === 'kind') return url.includes('/workloads/') ? 'Deployment' : 'configmaps';
    return 'hostile-missing';
  });
  // Object routes need a namespace before they send anything to the cluster.
  return url.includes('/resources/') ? `${path}?namespace=${values.namespace}` : path;
}

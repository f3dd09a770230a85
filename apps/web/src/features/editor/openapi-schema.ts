import type { MemberOpenApi } from '@portolan/api';

/** A document's type as its YAML names it. */
export interface TypeRef {
  apiVersion: string;
  kind: string;
}

type Node = Record<string, unknown>;
const REF = '#/components/schemas/';
/** Where the schemas go in the JSON schema: yaml-language-server resolves `#/definitions/…` reliably. */
const DEFINITIONS = '#/definitions/';

/** `apps/v1` → group apps, version v1; `v1` → the core group (the route calls it `core`). */
export function groupVersionOf(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

// Kubernetes writes these as strings in its OpenAPI, yet takes numbers for them too (`port: 80`, `cpu: 1`).
const INT_OR_STRING = { anyOf: [{ type: 'integer' }, { type: 'string' }] };
const SPECIAL: Record<string, Node> = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': INT_OR_STRING,
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { anyOf: [{ type: 'number' }, { type: 'string' }] },
};

/**
 * One OpenAPI v3 schema as a JSON schema: int-or-string and nullable spelled the JSON-schema way, and
 * objects that list their fields refuse others (as the API server's strict field validation does),
 * unless Kubernetes marks them as keeping unknown fields.
 */
export function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const source = node as Node;
  if (source['x-kubernetes-int-or-string'] === true || source.format === 'int-or-string') {
    return { ...INT_OR_STRING, ...(source.description ? { description: source.description } : {}) };
  }
  const out: Node = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(
        Object.entries(value as Node).map(([name, child]) => [name, toJsonSchema(child)]),
      );
    } else if (key === 'items' || key === 'additionalProperties' || key === 'not') {
      out[key] = toJsonSchema(value);
    } else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf') {
      out[key] = toJsonSchema(value);
    } else if (key === '$ref' && typeof value === 'string' && value.startsWith(REF)) {
      out.$ref = `${DEFINITIONS}${value.slice(REF.length)}`;
    } else if (key === 'nullable') {
      if (value === true && typeof source.type === 'string') out.type = [source.type, 'null'];
    } else if (key === 'type' && out.type !== undefined) {
      // already widened by `nullable`
    } else {
      out[key] = value;
    }
  }
  if (
    out.properties &&
    out.additionalProperties === undefined &&
    source['x-kubernetes-preserve-unknown-fields'] !== true
  ) {
    out.additionalProperties = false;
  }
  return out;
}

function refsOf(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) for (const child of node) refsOf(child, into);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(REF))
        into.add(value.slice(REF.length));
      else refsOf(value, into);
    }
  }
}

/**
 * The JSON schema that checks every given document against its kind's schema in the cluster's own
 * OpenAPI documents (only the schemas they reach, references kept inside this one schema). Documents of
 * a kind no document describes are left unchecked; undefined when none is described.
 */
export function kubeJsonSchema(documents: MemberOpenApi[], types: TypeRef[]): object | undefined {
  const all: Record<string, unknown> = {};
  for (const document of documents) Object.assign(all, document.schemas);
  const roots: { type: TypeRef; schema: string }[] = [];
  for (const type of types) {
    const { group, version } = groupVersionOf(type.apiVersion);
    const described = documents
      .flatMap((document) => document.kinds)
      .find((entry) => entry.group === group && entry.version === version && entry.kind === type.kind);
    if (described && !roots.some((root) => root.schema === described.schema))
      roots.push({ type, schema: described.schema });
  }
  if (!roots.length) return undefined;

  const reached = new Set(roots.map((root) => root.schema));
  const queue = [...reached];
  while (queue.length) {
    const name = queue.pop() as string;
    const found = new Set<string>();
    refsOf(all[name], found);
    for (const next of found) {
      if (!reached.has(next) && all[next] !== undefined) {
        reached.add(next);
        queue.push(next);
      }
    }
  }
  const schemas: Node = {};
  for (const name of reached) schemas[name] = SPECIAL[name] ?? toJsonSchema(all[name]);

  const [only] = roots;
  if (roots.length === 1 && only)
    return { allOf: [{ $ref: `${DEFINITIONS}${only.schema}` }], definitions: schemas };
  // Several kinds in one text (documents separated by ---): each document by its apiVersion and kind.
  return {
    allOf: roots.map((root) => ({
      if: {
        required: ['apiVersion', 'kind'],
        properties: { apiVersion: { const: root.type.apiVersion }, kind: { const: root.type.kind } },
      },
      // biome-ignore lint/suspicious/noThenProperty: JSON schema's if/then, not a promise
      then: { $ref: `${DEFINITIONS}${root.schema}` },
    })),
    definitions: schemas,
  };
}

import { errorResponse } from '@portolan/api';

/**
 * JSON schemas shared by the cluster routes. Free-form objects say `additionalProperties: true`:
 * Kubernetes objects carry fields no schema here lists, and they must pass through whole. The public
 * answers (objects, errors) are defined once in @portolan/api, which every client reads.
 */
export { anyObject, errorBody, errorResponse, kubeObject } from '@portolan/api';

export const stringMap = { type: 'object', additionalProperties: { type: 'string' } } as const;

/** Success schemas plus the error shape for every 4xx and 5xx. */
export function responses<T extends Record<number, object>>(ok: T) {
  return { ...ok, '4xx': errorResponse, '5xx': errorResponse };
}

export const noContent = { type: 'null', description: 'Done; no body' } as const;

const name = { type: 'string', minLength: 1, maxLength: 253 } as const;
const cluster = {
  type: 'string',
  minLength: 1,
  maxLength: 63,
  description: 'registered cluster name',
} as const;
const namespace = { type: 'string', minLength: 1, maxLength: 63 } as const;

/** Path parameters: `cluster` plus the given ones. */
export function pathParams<K extends string>(...names: K[]) {
  const all: Record<string, object> = { cluster };
  for (const key of names) all[key] = key === 'namespace' ? namespace : name;
  return { type: 'object', required: ['cluster', ...names], properties: all } as const;
}

export const dryRun = {
  type: 'boolean',
  description: 'the cluster checks and answers as for a real write, and stores nothing',
} as const;
export const fieldManager = { type: 'string', minLength: 1, maxLength: 128 } as const;

/** A query string schema that refuses unknown parameters. */
export function query(properties: Record<string, object>, required: string[] = []) {
  return { type: 'object', additionalProperties: false, properties, required } as const;
}

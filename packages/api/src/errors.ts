import type { FromSchema } from 'json-schema-to-ts';

/** Free-form object: Kubernetes objects carry fields no schema here lists, and they pass through whole. */
export const anyObject = { type: 'object', additionalProperties: true } as const;

export const kubeObject = {
  type: 'object',
  description: 'A Kubernetes object as JSON',
  additionalProperties: true,
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: anyObject,
  },
} as const;

const fieldProblem = {
  type: 'object',
  properties: { field: { type: 'string' }, reason: { type: 'string' }, message: { type: 'string' } },
} as const;

/** `{ error: { code, message, … } }`, with the details each kind of failure adds. */
export const errorBody = {
  type: 'object',
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    reason: { type: 'string', description: "Kubernetes' own reason, e.g. Invalid or Conflict" },
    fields: { type: 'array', items: fieldProblem, description: 'each field at fault (invalid objects)' },
    current: { ...kubeObject, description: 'the object as it is now (conflicts)' },
    conflicts: { type: 'array', items: anyObject, description: 'fields another manager owns (apply)' },
    document: { type: 'integer' },
    line: { type: 'integer' },
    column: { type: 'integer' },
    field: { type: 'string' },
    suggestions: { type: 'array', items: { type: 'string' } },
    params: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description:
        'the values a client needs to say this refusal in its own language, beside `code` (e.g. forbidden: permission, level, cluster, namespace); present on the frequent refusals',
    },
  },
  required: ['code', 'message'],
  additionalProperties: true,
} as const;

/** Every 4xx and 5xx answer. */
export const errorResponse = {
  type: 'object',
  description: 'The request failed; `error.code` says how',
  properties: { error: errorBody },
  required: ['error'],
} as const;

export type FieldProblem = FromSchema<typeof fieldProblem>;
export type ErrorBody = FromSchema<typeof errorBody>;
export type ErrorResponse = FromSchema<typeof errorResponse>;

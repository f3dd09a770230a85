import type { FromSchema } from 'json-schema-to-ts';
import { anyObject, kubeObject } from './errors.ts';

/** What each applied or previewed document says of itself. */
const resultProperties = {
  document: { type: 'integer', description: '1-based position in the text' },
  item: { type: 'integer', description: '0-based position inside a List' },
  apiVersion: { type: 'string' },
  kind: { type: 'string' },
  namespace: { type: 'string' },
  name: { type: 'string' },
  resource: anyObject,
  warnings: { type: 'array', items: { type: 'string' } },
  error: anyObject,
} as const;

/** One document of POST …/apply. */
export const appliedDocument = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...resultProperties,
    outcome: { type: 'string', enum: ['created', 'configured', 'failed'] },
    object: kubeObject,
  },
} as const;

/** POST /api/v1/clusters/{cluster}/apply: one result per document, in the order given. */
export const applyAnswer = {
  type: 'object',
  required: ['failed', 'results'],
  additionalProperties: false,
  properties: {
    failed: { type: 'integer', description: 'documents the cluster refused; each says why in `error`' },
    results: { type: 'array', items: appliedDocument },
  },
} as const;

/** One document of POST …/apply/preview. */
export const previewedDocument = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...resultProperties,
    action: { type: 'string', enum: ['create', 'update', 'unchanged', 'failed'] },
    diff: { type: 'string', description: 'unified diff of the live object against the result' },
    object: kubeObject,
    live: kubeObject,
  },
} as const;

/** POST /api/v1/clusters/{cluster}/apply/preview: what apply would do, nothing stored. */
export const previewAnswer = {
  type: 'object',
  required: ['results'],
  additionalProperties: false,
  properties: { results: { type: 'array', items: previewedDocument } },
} as const;

export type AppliedDocument = FromSchema<typeof appliedDocument>;
export type ApplyAnswer = FromSchema<typeof applyAnswer>;
export type PreviewedDocument = FromSchema<typeof previewedDocument>;
export type PreviewAnswer = FromSchema<typeof previewAnswer>;

import type { FromSchema } from 'json-schema-to-ts';
import { anyObject } from './errors.ts';

/** One kind the document describes, and the name of its schema in `schemas`. */
const describedKind = {
  type: 'object',
  required: ['group', 'version', 'kind', 'schema'],
  additionalProperties: false,
  properties: {
    group: { type: 'string', description: 'empty for the core group' },
    version: { type: 'string' },
    kind: { type: 'string' },
    schema: { type: 'string', description: 'key in `schemas`, e.g. io.k8s.api.apps.v1.Deployment' },
  },
} as const;

/**
 * GET /api/v1/clusters/{cluster}/openapi/{group}/{version}: the member cluster's own OpenAPI v3
 * schemas of one group version (custom resources included), as its API server serves them.
 */
export const memberOpenApi = {
  type: 'object',
  required: ['group', 'version', 'fetchedAt', 'kinds', 'schemas'],
  additionalProperties: false,
  properties: {
    group: { type: 'string', description: 'empty for the core group' },
    version: { type: 'string' },
    fetchedAt: {
      type: 'string',
      format: 'date-time',
      description: 'when Portolan read it from the cluster (kept a few minutes)',
    },
    kinds: { type: 'array', items: describedKind },
    schemas: {
      type: 'object',
      additionalProperties: anyObject,
      description:
        "the document's `components.schemas`; references stay `#/components/schemas/<name>` as the cluster wrote them",
    },
  },
} as const;

export type DescribedKind = FromSchema<typeof describedKind>;
export type MemberOpenApi = FromSchema<typeof memberOpenApi>;

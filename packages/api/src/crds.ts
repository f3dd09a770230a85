import type { FromSchema } from 'json-schema-to-ts';
import { errorResponse } from './errors.ts';
import { pagedList, pageQueryProperties } from './paging.ts';

/**
 * A cluster's CustomResourceDefinitions (GET /api/v1/clusters/:cluster/crds): filtered, sorted and paged
 * by the server: `limit` rows from `offset`, or the page after an answer's `continue`, with the `total`.
 */

export const CRD_PAGE_MAX = 500;
export const CRD_PAGE_DEFAULT = 50;
export const CRD_SORTS = ['name', 'kind', 'group', 'objects'] as const;
export type CrdSort = (typeof CRD_SORTS)[number];

export const crdSummary = {
  type: 'object',
  required: ['name', 'group', 'kind', 'plural', 'shortNames', 'scope', 'versions', 'established', 'count'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    group: { type: 'string' },
    kind: { type: 'string' },
    plural: { type: 'string' },
    shortNames: { type: 'array', items: { type: 'string' } },
    scope: { type: 'string', enum: ['Namespaced', 'Cluster'] },
    versions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'served', 'storage'],
        additionalProperties: false,
        properties: { name: { type: 'string' }, served: { type: 'boolean' }, storage: { type: 'boolean' } },
      },
    },
    established: { type: 'boolean' },
    count: { type: ['integer', 'null'], description: 'objects of it in the store; null while not synced' },
  },
} as const;

export const crdListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      pattern: '^[^\\u0000-\\u001f\\u007f]*$',
      description: 'name, kind or group contains, any case',
    },
    name: {
      type: 'string',
      minLength: 1,
      maxLength: 253,
      description: 'only the definition of this name (plural.group), to show a chosen one',
    },
    scope: { type: 'string', enum: ['Namespaced', 'Cluster'] },
    sort: {
      type: 'string',
      enum: CRD_SORTS,
      description: 'objects: by how many (not synced counts below none); default name',
    },
    order: { type: 'string', enum: ['asc', 'desc'] },
    ...pageQueryProperties(CRD_PAGE_MAX, CRD_PAGE_DEFAULT),
  },
} as const;

export const crdList = pagedList(crdSummary, 'definitions matching the filters, over every page');

const answers = (ok: Record<number, object>) => ({ ...ok, '4xx': errorResponse, '5xx': errorResponse });

export const CRD_ROUTES = {
  'GET /api/v1/clusters/:cluster/crds': { querystring: crdListQuery, response: answers({ 200: crdList }) },
};

export type CrdSummary = FromSchema<typeof crdSummary>;
export type CrdListQuery = FromSchema<typeof crdListQuery>;
export type CrdList = FromSchema<typeof crdList>;

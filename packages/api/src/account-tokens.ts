import type { FromSchema } from 'json-schema-to-ts';
import { errorResponse } from './errors.ts';
import { pagedList, pageQueryProperties } from './paging.ts';
import { PEOPLE_PAGE_DEFAULT, PEOPLE_PAGE_MAX } from './people.ts';

/**
 * The signed-in user's API tokens (GET /api/v1/auth/tokens): filtered, sorted and paged by the server
 * like People's lists: `limit` rows from `offset`, or the page after an answer's `continue`, with the
 * `total` over all pages.
 */

const nullableDate = { type: ['string', 'null'], format: 'date-time' } as const;

export const TOKEN_SORTS = ['name', 'created', 'expires', 'lastUsed'] as const;
export type TokenSort = (typeof TOKEN_SORTS)[number];
export const TOKEN_STATES = ['active', 'expired', 'revoked'] as const;
export type TokenState = (typeof TOKEN_STATES)[number];

export const apiTokenView = {
  type: 'object',
  required: ['id', 'name', 'prefix', 'scopes', 'createdAt', 'expiresAt', 'lastUsedAt', 'revokedAt'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    prefix: { type: 'string', description: "the token's first characters, enough to recognise it" },
    scopes: {
      oneOf: [
        { type: 'string', enum: ['all'] },
        { type: 'array', items: { type: 'string' } },
      ],
    },
    createdAt: { type: 'string', format: 'date-time' },
    expiresAt: { type: 'string', format: 'date-time' },
    lastUsedAt: nullableDate,
    revokedAt: nullableDate,
  },
} as const;

export const tokenListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      pattern: '^[^\\u0000-\\u001f\\u007f]*$',
      description: 'name or prefix contains, any case',
    },
    state: { type: 'string', enum: TOKEN_STATES, description: 'only tokens in this state' },
    sort: { type: 'string', enum: TOKEN_SORTS, description: 'default created' },
    order: { type: 'string', enum: ['asc', 'desc'], description: 'default desc for created, else asc' },
    ...pageQueryProperties(PEOPLE_PAGE_MAX, PEOPLE_PAGE_DEFAULT),
  },
} as const;

export const tokenList = pagedList(apiTokenView, 'tokens matching the filters, over every page');

const answers = (ok: Record<number, object>) => ({ ...ok, '4xx': errorResponse, '5xx': errorResponse });

export const TOKEN_ROUTES = {
  'GET /api/v1/auth/tokens': { querystring: tokenListQuery, response: answers({ 200: tokenList }) },
};

export type ApiToken = FromSchema<typeof apiTokenView>;
export type TokenListQuery = FromSchema<typeof tokenListQuery>;
export type TokenList = FromSchema<typeof tokenList>;

import { apiTokenView, type TokenListQuery, tokenList, tokenListQuery } from '@portolan/api';
import type { FastifyInstance } from 'fastify';
import { MAX_TOKEN_DAYS } from '#server/iam/api-token-service.ts';
import type { IamServices } from '#server/iam/iam-services.ts';
import { PERMISSIONS } from '#server/iam/permissions.ts';
import { callerOf } from '#server/iam/route-guards.ts';
import { responses } from '../shared/route-schemas.ts';
import { nameParams, str } from './iam-schemas.ts';
import { pageAnswer, splitPaging } from './people-paging.ts';

const tokenView = apiTokenView;

/** The signed-in user's API tokens: create (shown once), list, revoke. */
export function registerTokenRoutes(app: FastifyInstance, deps: { iam: IamServices }): void {
  const config = { permission: 'self', scope: 'handler' } as const;

  app.post<{ Body: { name: string; scopes: 'all' | string[]; expiresInDays?: number } }>(
    '/api/v1/auth/tokens',
    {
      config,
      schema: {
        summary: 'Create an API token; the token is in this answer only',
        body: {
          type: 'object',
          required: ['name', 'scopes'],
          additionalProperties: false,
          properties: {
            name: str(100),
            scopes: {
              oneOf: [
                { type: 'string', const: 'all' },
                {
                  type: 'array',
                  minItems: 1,
                  items: { type: 'string', enum: PERMISSIONS.filter((p) => p !== 'public') },
                },
              ],
            },
            expiresInDays: { type: 'integer', minimum: 1, maximum: MAX_TOKEN_DAYS },
          },
        },
        response: {
          201: { ...tokenView, properties: { ...tokenView.properties, token: { type: 'string' } } },
        },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const limit = caller.credential.kind === 'token' ? caller.credential.scopes : 'all';
      const { token, view } = await deps.iam.tokens.create(caller.userId, request.body, limit);
      return reply.status(201).send({ ...view, token });
    },
  );

  app.get<{ Querystring: TokenListQuery }>(
    '/api/v1/auth/tokens',
    {
      config,
      schema: {
        summary: 'Your API tokens, without their secrets: filtered, sorted and paged',
        querystring: tokenListQuery,
        response: responses({ 200: tokenList }),
      },
    },
    async (request) => {
      const { window, filter } = splitPaging(request.query);
      return pageAnswer(await deps.iam.tokens.page(callerOf(request).userId, filter, window), window);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/auth/tokens/:id',
    { config, schema: { summary: 'Revoke one of your API tokens', params: nameParams('id') } },
    async (request, reply) => {
      await deps.iam.tokens.revoke(callerOf(request).userId, request.params.id);
      return reply.status(204).send();
    },
  );
}

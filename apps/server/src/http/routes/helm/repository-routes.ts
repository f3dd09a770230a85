import {
  chartRepository,
  chartRepositoryList,
  type RepositoryInput,
  type RepositoryPatch,
  repositoryCheck,
  repositoryInput,
  repositoryPatch,
} from '@portolan/api';
import type { FastifyInstance } from 'fastify';
import type { Catalogue } from '#server/helm/catalogue.ts';
import type { Repositories } from '#server/helm/repositories.ts';
import { noContent, responses } from '../shared/route-schemas.ts';
import { catalogueErrors, registerChartRoutes } from './chart-routes.ts';

const byName = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 63 } },
} as const;

/**
 * Chart repositories: every role may list them (never a password), a platform Admin adds, changes,
 * refreshes and removes them. Adding or changing where a repository is read checks it first.
 */
export function registerRepositoryRoutes(app: FastifyInstance, repositories: Repositories): void {
  const read = {
    config: { permission: 'charts:read', scope: 'handler' } as const,
    errorHandler: catalogueErrors,
  };
  const write = { config: { permission: 'charts:write' } as const, errorHandler: catalogueErrors };
  app.get(
    '/api/v1/helm/repositories',
    {
      ...read,
      schema: {
        summary: 'Chart repositories with their status, the reason of a failure and their chart counts',
        tags: ['helm'],
        response: responses({ 200: chartRepositoryList }),
      },
    },
    async () => ({ items: await repositories.list() }),
  );
  app.post<{ Body: RepositoryInput }>(
    '/api/v1/helm/repositories',
    {
      ...write,
      schema: {
        summary:
          'Add a chart repository (HTTP index or oci:// registry); it is read first and refused with the reason',
        tags: ['helm'],
        body: repositoryInput,
        response: responses({ 201: chartRepository }),
      },
    },
    async (request, reply) => reply.status(201).send(await repositories.add(request.body)),
  );
  app.post<{ Body: RepositoryInput }>(
    '/api/v1/helm/repositories/check',
    {
      ...write,
      // Changes nothing: only refusals go into the audit trail.
      config: { ...write.config, audit: 'refusals' },
      schema: {
        summary:
          'Read a repository as it would be added, saving nothing (a failure is a 422 with the reason)',
        tags: ['helm'],
        body: repositoryInput,
        response: responses({ 200: repositoryCheck }),
      },
    },
    (request) => repositories.check(request.body),
  );
  app.get<{ Params: { name: string } }>(
    '/api/v1/helm/repositories/:name',
    {
      ...read,
      schema: {
        summary: 'One chart repository',
        tags: ['helm'],
        params: byName,
        response: responses({ 200: chartRepository }),
      },
    },
    (request) => repositories.get(request.params.name),
  );
  app.patch<{ Params: { name: string }; Body: RepositoryPatch }>(
    '/api/v1/helm/repositories/:name',
    {
      ...write,
      schema: {
        summary: 'Change a chart repository; a new URL, credentials or CA are checked first',
        tags: ['helm'],
        params: byName,
        body: repositoryPatch,
        response: responses({ 200: chartRepository }),
      },
    },
    (request) => repositories.update(request.params.name, request.body),
  );
  app.delete<{ Params: { name: string } }>(
    '/api/v1/helm/repositories/:name',
    {
      ...write,
      schema: {
        summary: 'Remove a chart repository and its charts from the catalogue',
        tags: ['helm'],
        params: byName,
        response: responses({ 204: noContent }),
      },
    },
    async (request, reply) => {
      await repositories.remove(request.params.name);
      return reply.status(204).send();
    },
  );
  app.post<{ Params: { name: string } }>(
    '/api/v1/helm/repositories/:name/refresh',
    {
      ...write,
      schema: {
        summary:
          'Read the repository again now; a failure shows as status failed with the reason, and the last good charts stay',
        tags: ['helm'],
        params: byName,
        response: responses({ 200: chartRepository }),
      },
    },
    (request) => repositories.refresh(request.params.name),
  );
}

/** The catalogue's routes: repositories and charts. */
export interface HelmCatalogueRouteDeps {
  repositories: Repositories;
  catalogue: Catalogue;
}

export function registerHelmCatalogueRoutes(app: FastifyInstance, deps: HelmCatalogueRouteDeps): void {
  registerRepositoryRoutes(app, deps.repositories);
  registerChartRoutes(app, deps.catalogue);
}

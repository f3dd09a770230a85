import {
  helmJob,
  type InstallBody,
  installBody,
  type MultiInstallBody,
  multiInstallAnswer,
  multiInstallBody,
  type PreviewBody,
  previewBody,
  type RollbackBody,
  releaseHistory,
  releaseList,
  releaseManifest,
  releaseManifestQuery,
  releasePreview,
  releaseStatus,
  releaseValues,
  releaseValuesQuery,
  rollbackBody,
  type UninstallQuery,
  type UpgradeBody,
  uninstallQuery,
  upgradeBody,
} from '@portolan/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { helmRefusal } from '#server/helm/helm-runner-errors.ts';
import type { ReleaseTarget } from '#server/helm/release-guard.ts';
import type { ReleaseService } from '#server/helm/release-service.ts';
import { parseValues } from '#server/helm/values-check.ts';
import { callerOf, requireAllowed } from '#server/iam/route-guards.ts';
import { pathParams, responses } from '../shared/route-schemas.ts';

const releases = '/api/v1/clusters/:cluster/helm/releases';
const release = `${releases}/:namespace/:name`;
const tags = ['helm'];

type ReleaseParams = { cluster: string; namespace: string; name: string };

/** Helm's refusals and the chart source's as `{ error }` answers; everything else to the shared handler. */
function answerErrors<R extends FastifyRequest>(
  handler: (request: R, reply: FastifyReply) => Promise<unknown>,
) {
  return async (request: R, reply: FastifyReply) => {
    try {
      return await handler(request, reply);
    } catch (error) {
      const refusal = helmRefusal(error);
      if (!refusal) throw error;
      if (refusal.status >= 500) request.log.error({ err: error }, 'helm failed');
      return reply.status(refusal.status).send({ error: refusal.error });
    }
  };
}

const targetOf = (params: ReleaseParams): ReleaseTarget => ({
  cluster: params.cluster,
  namespace: params.namespace,
  name: params.name,
});

const values = (text: string | undefined, field = 'values') => {
  const checked = parseValues(text, field);
  return checked === undefined ? [] : [checked];
};

/**
 * Helm releases on a member cluster, run by helm as the caller through Portolan's proxy. Writes
 * answer 202 with the recorded job (its steps follow at /api/v1/jobs/{id}); reads are live.
 */
export function registerReleaseOperationRoutes(
  app: FastifyInstance,
  deps: { releases: ReleaseService; cluster: (name: string) => Promise<unknown> },
): void {
  const read = { permission: 'resources:read' } as const;
  const write = { permission: 'resources:write' } as const;
  const service = deps.releases;
  const releaseParams = pathParams('namespace', 'name');
  type Release = { Params: ReleaseParams };

  app.get<{ Params: { cluster: string }; Querystring: { namespace?: string } }>(
    releases,
    {
      config: read,
      schema: {
        tags,
        summary: 'The releases on the cluster (or in `?namespace=`), as helm lists them for the caller',
        params: pathParams(),
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { namespace: { type: 'string', minLength: 1, maxLength: 63 } },
        },
        response: responses({ 200: releaseList }),
      },
    },
    answerErrors(async (request) => {
      await deps.cluster(request.params.cluster);
      return service.list(callerOf(request), request.params.cluster, request.query.namespace);
    }),
  );

  app.post<{ Params: { cluster: string }; Body: InstallBody }>(
    releases,
    {
      // The namespace is in the body: the handler checks it.
      config: { ...write, scope: 'handler' },
      schema: {
        tags,
        summary: 'Install a chart as a new release (a job; values checked against the chart’s schema first)',
        params: pathParams(),
        body: installBody,
        response: responses({ 202: helmJob }),
      },
    },
    answerErrors(async (request, reply) => {
      const { cluster } = request.params;
      const body = request.body;
      const caller = callerOf(request);
      requireAllowed(caller, 'resources:write', { cluster, namespace: body.namespace });
      await deps.cluster(cluster);
      const job = await service.install(
        caller,
        { cluster, namespace: body.namespace, name: body.name },
        {
          chart: body.chart,
          values: values(body.values),
          ...(body.createNamespace !== undefined ? { createNamespace: body.createNamespace } : {}),
          ...(body.timeoutSeconds !== undefined ? { timeoutSeconds: body.timeoutSeconds } : {}),
          ...(body.wait !== undefined ? { wait: body.wait } : {}),
        },
      );
      return reply.status(202).send(job);
    }),
  );

  app.get<Release>(
    release,
    {
      config: read,
      schema: {
        tags,
        summary: 'The release now: status, notes, and the objects it owns with their health',
        params: releaseParams,
        response: responses({ 200: releaseStatus }),
      },
    },
    answerErrors(async (request) => {
      await deps.cluster(request.params.cluster);
      return service.status(callerOf(request), targetOf(request.params));
    }),
  );

  app.delete<Release & { Querystring: UninstallQuery }>(
    release,
    {
      config: write,
      schema: {
        tags,
        summary: 'Uninstall the release (a job), optionally keeping its history',
        params: releaseParams,
        querystring: uninstallQuery,
        response: responses({ 202: helmJob }),
      },
    },
    answerErrors(async (request, reply) => {
      await deps.cluster(request.params.cluster);
      const job = await service.uninstall(callerOf(request), targetOf(request.params), request.query);
      return reply.status(202).send(job);
    }),
  );

  app.get<Release>(
    `${release}/history`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Every kept revision, newest first',
        params: releaseParams,
        response: responses({ 200: releaseHistory }),
      },
    },
    answerErrors(async (request) => {
      await deps.cluster(request.params.cluster);
      return service.history(callerOf(request), targetOf(request.params));
    }),
  );

  app.get<Release & { Querystring: { revision?: number; all?: boolean } }>(
    `${release}/values`,
    {
      config: read,
      schema: {
        tags,
        summary: 'The values of a revision: the user’s, or with `all=true` every computed value',
        params: releaseParams,
        querystring: releaseValuesQuery,
        response: responses({ 200: releaseValues }),
      },
    },
    answerErrors(async (request) => {
      await deps.cluster(request.params.cluster);
      return service.values(callerOf(request), targetOf(request.params), request.query);
    }),
  );

  app.get<Release & { Querystring: { revision?: number } }>(
    `${release}/manifest`,
    {
      config: read,
      schema: {
        tags,
        summary: 'The rendered manifests of a revision, and the objects in them',
        params: releaseParams,
        querystring: releaseManifestQuery,
        response: responses({ 200: releaseManifest }),
      },
    },
    answerErrors(async (request) => {
      await deps.cluster(request.params.cluster);
      return service.manifest(callerOf(request), targetOf(request.params), request.query.revision);
    }),
  );

  app.post<Release & { Body: UpgradeBody }>(
    `${release}/upgrade`,
    {
      config: write,
      schema: {
        tags,
        summary: 'Upgrade the release with a chart version and the full user values (a job)',
        params: releaseParams,
        body: upgradeBody,
        response: responses({ 202: helmJob }),
      },
    },
    answerErrors(async (request, reply) => {
      await deps.cluster(request.params.cluster);
      const body = request.body;
      const job = await service.upgrade(callerOf(request), targetOf(request.params), {
        chart: body.chart,
        values: values(body.values),
        ...(body.rollbackOnFailure !== undefined ? { rollbackOnFailure: body.rollbackOnFailure } : {}),
        ...(body.timeoutSeconds !== undefined ? { timeoutSeconds: body.timeoutSeconds } : {}),
        ...(body.wait !== undefined ? { wait: body.wait } : {}),
      });
      return reply.status(202).send(job);
    }),
  );

  app.post<Release & { Body: RollbackBody }>(
    `${release}/rollback`,
    {
      config: write,
      schema: {
        tags,
        summary: 'Roll the release back to a kept revision (a job)',
        params: releaseParams,
        body: rollbackBody,
        response: responses({ 202: helmJob }),
      },
    },
    answerErrors(async (request, reply) => {
      await deps.cluster(request.params.cluster);
      const job = await service.rollback(callerOf(request), targetOf(request.params), request.body);
      return reply.status(202).send(job);
    }),
  );

  app.post<Release & { Body: PreviewBody }>(
    `${release}/preview`,
    {
      // Renders as the caller would install or upgrade: the same permission as the write.
      config: write,
      schema: {
        tags,
        summary:
          'The manifests an install would apply, or for an existing release the diff an upgrade would make',
        params: releaseParams,
        body: previewBody,
        response: responses({ 200: releasePreview }),
      },
    },
    answerErrors(async (request) => {
      await deps.cluster(request.params.cluster);
      return service.preview(callerOf(request), targetOf(request.params), {
        chart: request.body.chart,
        values: values(request.body.values),
      });
    }),
  );

  app.post<{ Body: MultiInstallBody }>(
    '/api/v1/helm/installs',
    {
      // Each cluster and namespace is checked by the handler: one the caller may not write is refused alone.
      config: { ...write, scope: 'handler' },
      schema: {
        tags,
        summary: 'Install one chart on several clusters, each with its own values: a job per cluster',
        body: multiInstallBody,
        response: responses({ 202: multiInstallAnswer }),
      },
    },
    answerErrors(async (request, reply) =>
      reply.status(202).send(await service.installAcross(callerOf(request), request.body)),
    ),
  );
}

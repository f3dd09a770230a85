import {
  INSPECTION_ROUTES,
  type InspectionConfigSpec,
  type InspectionConfigView,
  type InspectionRunQuery,
  type InspectionRunView,
  inspectionConfigSpec,
} from '@portolan/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allowedInCluster, authorize } from '#server/iam/authorize.ts';
import type { Caller } from '#server/iam/caller.ts';
import { IamError } from '#server/iam/iam-errors.ts';
import { callerOf, requireAllowed } from '#server/iam/route-guards.ts';
import { InspectionError } from '#server/inspections/inspection-errors.ts';
import type { Inspections } from '#server/inspections/inspection-service.ts';
import { reportHtml } from '#server/inspections/report-html.ts';

export interface InspectionRouteDeps {
  inspections: Inspections;
}

const tags = ['inspections'];
const config = '/api/v1/inspections/configs/:name';
const run = '/api/v1/inspections/runs/:id';
const nameParams = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 63, pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
  },
} as const;
const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

type Named = { Params: { name: string } };
type ById = { Params: { id: string } };

const mayRead = (caller: Caller, cluster: string) => allowedInCluster(caller, 'inspections:read', cluster);

/** Findings the caller may read: cluster-wide ones need the whole cluster, the others their namespace. */
export function visibleRun(caller: Caller, run: InspectionRunView): InspectionRunView {
  if (!run.findings) return run;
  const findings = run.findings.filter((finding) =>
    authorize(caller, 'inspections:read', {
      cluster: run.cluster,
      ...(finding.object?.namespace ? { namespace: finding.object.namespace } : {}),
    }),
  );
  const hidden = run.findings.length - findings.length;
  return { ...run, findings, ...(hidden > 0 ? { hidden } : {}) };
}

/**
 * Inspections (issue #14): the catalogue, configurations per cluster, runs now or on schedule, and
 * their reports as JSON and a standalone HTML page. The hook needs the permission somewhere; the
 * handler checks it on the configuration's cluster, and a configuration or run of a cluster the caller
 * may not read answers 404, as one never made.
 */
export function registerInspectionRoutes(app: FastifyInstance, deps: InspectionRouteDeps): void {
  const read = { permission: 'inspections:read', scope: 'handler' } as const;
  const write = { permission: 'inspections:write', scope: 'handler' } as const;
  const service = deps.inspections;

  async function visibleConfig(caller: Caller, name: string): Promise<InspectionConfigView> {
    const view = await service.getConfig(name).catch((error: unknown) => {
      if (error instanceof InspectionError && error.code === 'not-found') return undefined;
      throw error;
    });
    if (!view || !mayRead(caller, view.spec.cluster))
      throw new InspectionError(
        'not-found',
        `no inspection configuration is named "${name}"; GET /api/v1/inspections/configs lists them`,
      );
    return view;
  }

  async function visibleRunOf(caller: Caller, id: string): Promise<InspectionRunView> {
    const found = await service.getRun(id);
    if (!found || !mayRead(caller, found.cluster))
      throw new InspectionError(
        'not-found',
        `no inspection run has id "${id}"; GET /api/v1/inspections/runs lists them`,
      );
    return visibleRun(caller, found);
  }

  /** Writing needs inspections:write on the cluster; the audit record names it and the configuration. */
  function requireWrite(request: FastifyRequest, caller: Caller, cluster: string): void {
    request.auditTarget = { cluster, kind: 'inspection-configs' };
    requireAllowed(caller, 'inspections:write', { cluster });
  }

  app.get(
    '/api/v1/inspections/items',
    {
      config: read,
      schema: {
        tags,
        summary: 'Every check Portolan knows, with its level, default severity and parameters',
        response: INSPECTION_ROUTES['GET /api/v1/inspections/items'].response,
      },
    },
    async () => service.items(),
  );

  app.get(
    '/api/v1/inspections/configs',
    {
      config: read,
      schema: {
        tags,
        summary: 'Inspection configurations of the clusters the caller may inspect, each with its last run',
        response: INSPECTION_ROUTES['GET /api/v1/inspections/configs'].response,
      },
    },
    async (request) => {
      const caller = callerOf(request);
      return { items: (await service.listConfigs()).filter((view) => mayRead(caller, view.spec.cluster)) };
    },
  );

  app.get<Named>(
    config,
    {
      config: read,
      schema: {
        tags,
        summary: 'One inspection configuration, its next scheduled run and its last run',
        params: nameParams,
        response: INSPECTION_ROUTES[`GET ${config}`].response,
      },
    },
    async (request: FastifyRequest<Named>) => visibleConfig(callerOf(request), request.params.name),
  );

  app.put<Named & { Body: InspectionConfigSpec }>(
    config,
    {
      config: write,
      schema: {
        tags,
        summary: 'Create or replace an inspection configuration of one cluster',
        description:
          'Items not named run with their defaults. Exemptions hold objects back from items; so does the ' +
          'annotation portolan.dev/inspection-exempt ("*" or item ids, comma-separated) on an object or its ' +
          'namespace. schedule is five-field cron in UTC. Needs inspections:write on the cluster.',
        params: nameParams,
        body: inspectionConfigSpec,
        response: INSPECTION_ROUTES[`PUT ${config}`].response,
      },
    },
    async (request: FastifyRequest<Named & { Body: InspectionConfigSpec }>, reply: FastifyReply) => {
      const caller = callerOf(request);
      const existing = await service.getConfig(request.params.name).catch((error: unknown) => {
        if (error instanceof InspectionError && error.code === 'not-found') return undefined;
        throw error;
      });
      // Replacing another cluster's configuration needs write there as well.
      if (existing) requireWrite(request, caller, existing.spec.cluster);
      requireWrite(request, caller, request.body.cluster);
      const { view, created } = await service.putConfig(request.params.name, request.body, caller.username);
      return reply.status(created ? 201 : 200).send(view);
    },
  );

  app.delete<Named>(
    config,
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove an inspection configuration and all its runs',
        params: nameParams,
        response: {
          ...INSPECTION_ROUTES[`DELETE ${config}`].response,
          204: { type: 'null', description: 'removed' },
        },
      },
    },
    async (request: FastifyRequest<Named>, reply: FastifyReply) => {
      const caller = callerOf(request);
      const view = await visibleConfig(caller, request.params.name);
      requireWrite(request, caller, view.spec.cluster);
      await service.deleteConfig(request.params.name);
      return reply.status(204).send();
    },
  );

  app.post<Named>(
    `${config}/run`,
    {
      config: write,
      schema: {
        tags,
        summary:
          'Run an inspection now: answers at once with the run, which ends on its own (poll GET /runs/:id)',
        params: nameParams,
        response: INSPECTION_ROUTES[`POST ${config}/run`].response,
      },
    },
    async (request: FastifyRequest<Named>, reply: FastifyReply) => {
      const caller = callerOf(request);
      const view = await visibleConfig(caller, request.params.name);
      requireWrite(request, caller, view.spec.cluster);
      const started = await service.run(request.params.name, 'manual', caller.username);
      return reply.status(202).send(started.view);
    },
  );

  app.get<{ Querystring: InspectionRunQuery }>(
    '/api/v1/inspections/runs',
    {
      config: read,
      schema: {
        tags,
        summary: 'Runs newest first, without their findings; only of clusters the caller may inspect',
        querystring: INSPECTION_ROUTES['GET /api/v1/inspections/runs'].querystring,
        response: INSPECTION_ROUTES['GET /api/v1/inspections/runs'].response,
      },
    },
    async (request: FastifyRequest<{ Querystring: InspectionRunQuery }>) => {
      const caller = callerOf(request);
      const { config: name, cluster, cursor, limit = 50 } = request.query;
      if (cluster !== undefined && !mayRead(caller, cluster))
        throw new IamError(
          'forbidden',
          `you may not inspections:read in cluster ${cluster}; ask its Admin for a role`,
        );
      const page = await service.listRuns({
        limit,
        ...(name === undefined ? {} : { config: name }),
        ...(cluster === undefined ? {} : { cluster }),
        ...(cursor === undefined ? {} : { cursor }),
      });
      return { ...page, items: page.items.filter((item) => mayRead(caller, item.cluster)) };
    },
  );

  app.get<ById>(
    run,
    {
      config: read,
      schema: {
        tags,
        summary: 'One run with its findings: failures first (critical first), then skipped, then exempt',
        description: 'Findings in namespaces the caller may not read are left out; `hidden` counts them.',
        params: idParams,
        response: INSPECTION_ROUTES[`GET ${run}`].response,
      },
    },
    async (request: FastifyRequest<ById>) => visibleRunOf(callerOf(request), request.params.id),
  );

  app.get<ById>(
    `${run}/report.html`,
    {
      config: read,
      schema: {
        tags,
        summary: "The run's report as a standalone page (no scripts, readable printed)",
        params: idParams,
        response: {
          ...INSPECTION_ROUTES[`GET ${run}/report.html`].response,
          200: { content: { 'text/html': { schema: { type: 'string' } } }, description: 'the report page' },
        },
      },
    },
    async (request: FastifyRequest<ById>, reply: FastifyReply) => {
      const view = await visibleRunOf(callerOf(request), request.params.id);
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .header('content-disposition', `inline; filename="inspection-${view.config}-${view.id}.html"`)
        .send(reportHtml(view));
    },
  );

  app.get<ById>(
    `${run}/report.json`,
    {
      config: read,
      schema: {
        tags,
        summary: 'The run with its findings as a file to download',
        params: idParams,
        response: INSPECTION_ROUTES[`GET ${run}/report.json`].response,
      },
    },
    async (request: FastifyRequest<ById>, reply: FastifyReply) => {
      const view = await visibleRunOf(callerOf(request), request.params.id);
      return reply
        .header('content-disposition', `attachment; filename="inspection-${view.config}-${view.id}.json"`)
        .send(view);
    },
  );
}

import {
  autoscaler,
  autoscalerAnswer,
  autoscalerSettings,
  scaleAnswer,
  workloadView as viewAnswer,
  workloadSpecSchema,
} from '@portolan/api';
import type { FastifyInstance } from 'fastify';
import { callerOf, requireAllowed } from '#server/iam/route-guards.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import type { ResourceTargets } from '#server/resources/resource-targets.ts';
import { getAutoscaler, removeAutoscaler, setAutoscaler } from '#server/workloads/autoscaler.ts';
import { scaleWorkload } from '#server/workloads/scale.ts';
import { applyWorkload, createWorkload } from '#server/workloads/workload-create.ts';
import type { WorkloadSpec } from '#server/workloads/workload-spec.ts';
import { workloadView } from '#server/workloads/workload-view.ts';
import { requestClient } from '../shared/request-client.ts';
import {
  dryRun,
  fieldManager,
  kubeObject,
  noContent,
  pathParams,
  query,
  responses,
} from '../shared/route-schemas.ts';
import { type WorkloadParams, workloadParams, workloadPath, workloadRefOf } from './workload-params.ts';

/** Workloads from a typed form; their view, scale and autoscaler. */
export function registerWorkloadRoutes(app: FastifyInstance, targets: ResourceTargets): void {
  const read = { permission: 'resources:read' } as const;
  const write = { permission: 'resources:write' } as const;
  const tags = ['workloads'];
  type Workload = { Params: WorkloadParams };
  const client = requestClient(targets);

  app.post<{
    Params: { cluster: string };
    Body: WorkloadSpec;
    Querystring: { dryRun?: boolean; fieldManager?: string; apply?: boolean; force?: boolean };
  }>(
    '/api/v1/clusters/:cluster/workloads',
    {
      config: { ...write, scope: 'handler' },
      schema: {
        tags,
        summary: 'Create a workload from a typed form (422 names each field at fault)',
        description:
          'With `apply=true` the form is server-side applied instead: it creates or updates, and fields ' +
          'the form no longer sets are removed if this field manager set them.',
        params: pathParams(),
        querystring: query({ dryRun, fieldManager, apply: { type: 'boolean' }, force: { type: 'boolean' } }),
        body: workloadSpecSchema,
        response: responses({ 200: kubeObject, 201: kubeObject }),
      },
    },
    async (request, reply) => {
      const { apply, force, ...options } = request.query;
      const where = { cluster: request.params.cluster, namespace: request.body.namespace };
      requireAllowed(callerOf(request), 'resources:write', where);
      const kube = await client(request);
      if (apply) {
        const fieldManagerName = options.fieldManager ?? 'portolan';
        return applyWorkload(kube, request.body, {
          ...options,
          fieldManager: fieldManagerName,
          force: force === true,
        });
      }
      const created: KubeObject = await createWorkload(kube, request.body, options);
      return reply.status(201).send(created);
    },
  );

  app.get<Workload>(
    workloadPath,
    {
      config: read,
      schema: {
        tags,
        summary: 'A workload with its pods, events, conditions and health in words',
        params: workloadParams,
        response: responses({ 200: viewAnswer }),
      },
    },
    async (request) => workloadView(await client(request), workloadRefOf(request.params)),
  );

  app.post<Workload & { Body: { replicas: number }; Querystring: { dryRun?: boolean } }>(
    `${workloadPath}/scale`,
    {
      config: write,
      schema: {
        tags,
        summary: 'Set the replica count (Deployment, StatefulSet)',
        params: workloadParams,
        querystring: query({ dryRun }),
        body: {
          type: 'object',
          required: ['replicas'],
          additionalProperties: false,
          properties: { replicas: { type: 'integer' } },
        },
        response: responses({ 200: scaleAnswer }),
      },
    },
    async (request) =>
      scaleWorkload(await client(request), workloadRefOf(request.params), request.body.replicas, {
        dryRun: request.query.dryRun === true,
      }),
  );

  app.get<Workload>(
    `${workloadPath}/autoscaler`,
    {
      config: read,
      schema: {
        tags,
        summary: 'The HorizontalPodAutoscaler aimed at the workload, or null',
        params: workloadParams,
        response: responses({ 200: autoscalerAnswer }),
      },
    },
    async (request) => ({
      autoscaler: (await getAutoscaler(await client(request), workloadRefOf(request.params))) ?? null,
    }),
  );

  app.put<Workload & { Body: { minReplicas: number; maxReplicas: number } }>(
    `${workloadPath}/autoscaler`,
    {
      config: write,
      schema: {
        tags,
        summary: 'Create or change the workload’s autoscaler (CPU and memory targets, min/max)',
        params: workloadParams,
        body: autoscalerSettings,
        response: responses({ 200: autoscaler }),
      },
    },
    async (request) => setAutoscaler(await client(request), workloadRefOf(request.params), request.body),
  );

  app.delete<Workload>(
    `${workloadPath}/autoscaler`,
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove the autoscaler; the replica count stays where it was',
        params: workloadParams,
        response: responses({ 204: noContent }),
      },
    },
    async (request, reply) => {
      await removeAutoscaler(await client(request), workloadRefOf(request.params));
      return reply.status(204).send();
    },
  );
}

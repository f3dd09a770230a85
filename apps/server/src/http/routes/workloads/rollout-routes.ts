import {
  revisionDiff,
  revisionList,
  rollbackAnswer,
  rolloutStatus as rolloutStatusAnswer,
} from '@portolan/api';
import type { FastifyInstance } from 'fastify';
import type { KubeClient } from '#server/kube/kube-client.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { ResourceError } from '#server/resources/resource-errors.ts';
import type { ResourceTargets } from '#server/resources/resource-targets.ts';
import { rerunJob, resumeCronJob, suspendCronJob, triggerCronJob } from '#server/workloads/job-actions.ts';
import { diffRevisions, listRevisions } from '#server/workloads/revision-history.ts';
import { rollBack } from '#server/workloads/rollback.ts';
import { pauseRollout, restartWorkload, resumeRollout } from '#server/workloads/rollout-actions.ts';
import { rolloutStatus } from '#server/workloads/rollout-status.ts';
import type { WorkloadRef } from '#server/workloads/workload-kinds.ts';
import { requestClient } from '../shared/request-client.ts';
import { dryRun, kubeObject, query, responses } from '../shared/route-schemas.ts';
import { type WorkloadParams, workloadParams, workloadPath, workloadRefOf } from './workload-params.ts';

const newName = {
  type: 'object',
  additionalProperties: false,
  properties: { name: { type: 'string', description: 'a name for the new Job; generated when absent' } },
} as const;

type Action = (client: KubeClient, ref: WorkloadRef) => Promise<KubeObject>;

/** Rollouts (status, history, diff, rollback, restart, pause, resume) and job actions. */
export function registerRolloutRoutes(app: FastifyInstance, targets: ResourceTargets): void {
  const read = { permission: 'resources:read' } as const;
  const write = { permission: 'resources:write' } as const;
  const tags = ['workloads'];
  type Workload = { Params: WorkloadParams };
  const client = requestClient(targets);

  app.get<Workload>(
    `${workloadPath}/rollout`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Where the rollout stands, in words and numbers',
        params: workloadParams,
        response: responses({ 200: rolloutStatusAnswer }),
      },
    },
    async (request) => rolloutStatus(await client(request), workloadRefOf(request.params)),
  );

  app.get<Workload>(
    `${workloadPath}/revisions`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Every kept revision, oldest first',
        params: workloadParams,
        response: responses({ 200: revisionList }),
      },
    },
    async (request) => ({
      items: await listRevisions(await client(request), workloadRefOf(request.params)),
    }),
  );

  app.get<Workload & { Querystring: { from: number; to?: number } }>(
    `${workloadPath}/revisions/diff`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Unified diff of two revisions’ pod templates (`to` defaults to the current one)',
        params: workloadParams,
        querystring: query({ from: { type: 'integer', minimum: 0 }, to: { type: 'integer', minimum: 0 } }, [
          'from',
        ]),
        response: responses({ 200: revisionDiff }),
      },
    },
    async (request) => {
      const { from, to } = request.query;
      const ref = workloadRefOf(request.params);
      const diff = await diffRevisions(await client(request), ref, from, to);
      return { from, to: to ?? null, diff };
    },
  );

  app.post<Workload & { Body: { revision: number; dryRun?: boolean } }>(
    `${workloadPath}/rollback`,
    {
      config: write,
      schema: {
        tags,
        summary: 'Roll back to a kept revision',
        params: workloadParams,
        body: {
          type: 'object',
          required: ['revision'],
          additionalProperties: false,
          properties: { revision: { type: 'integer', minimum: 0 }, dryRun },
        },
        response: responses({ 200: rollbackAnswer }),
      },
    },
    async (request) =>
      rollBack(await client(request), workloadRefOf(request.params), request.body.revision, {
        dryRun: request.body.dryRun === true,
      }),
  );

  const actions: { path: string; summary: string; action: Action }[] = [
    { path: 'restart', summary: 'Replace every pod, as `kubectl rollout restart`', action: restartWorkload },
    { path: 'pause', summary: 'Pause a Deployment’s rollouts', action: pauseRollout },
    {
      path: 'resume',
      summary: 'Resume a paused Deployment, or a suspended CronJob',
      action: (kube, ref) => (ref.kind === 'CronJob' ? resumeCronJob(kube, ref) : resumeRollout(kube, ref)),
    },
    { path: 'suspend', summary: 'Stop a CronJob scheduling new jobs', action: suspendCronJob },
  ];
  for (const { path, summary, action } of actions) {
    app.post<Workload>(
      `${workloadPath}/${path}`,
      {
        config: write,
        schema: { tags, summary, params: workloadParams, response: responses({ 200: kubeObject }) },
      },
      async (request) => action(await client(request), workloadRefOf(request.params)),
    );
  }

  const jobStarts = [
    ['rerun', 'Run a Job again from its spec (same name: the old one is deleted first)', rerunJob],
    ['trigger', 'Start a CronJob’s job now', triggerCronJob],
  ] as const;
  for (const [verb, summary, start] of jobStarts) {
    app.post<Workload & { Body: { name?: string } }>(
      `${workloadPath}/${verb}`,
      {
        config: write,
        schema: {
          tags,
          summary,
          params: workloadParams,
          body: newName,
          response: responses({ 201: kubeObject }),
        },
        preValidation: emptyBody,
      },
      async (request, reply) => {
        const ref = workloadRefOf(request.params);
        const job = await start(await client(request), ref, nameOf(request.body));
        return reply.status(201).send(job);
      },
    );
  }
}

/** The body is optional: no body means no options. */
async function emptyBody(request: { body: unknown }): Promise<void> {
  request.body ??= {};
}

function nameOf(body: { name?: string } | undefined): { name?: string } {
  if (body?.name === '') throw new ResourceError('bad-request', 400, 'name, when given, must not be empty');
  return body?.name ? { name: body.name } : {};
}

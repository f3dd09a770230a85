import { type JobListQuery, jobDetail, jobListQuery, jobPage, jobRecord } from '@portolan/api';
import type { FastifyInstance } from 'fastify';
import type { AuditLog } from '#server/audit/audit-log.ts';
import { callerOf, requireAllowed } from '#server/iam/route-guards.ts';
import type { Jobs } from '#server/jobs/jobs.ts';
import { StoreError } from '#server/store/store.ts';
import { auditEventOf } from '../../audit-hook.ts';
import type { LiveAnswers } from '../../live-answers.ts';
import { responses } from '../shared/route-schemas.ts';
import { jobVisibility, readableJob, scopeOf } from './job-access.ts';
import { streamJobSteps } from './job-step-stream.ts';

export interface JobRouteDeps {
  jobs: Jobs;
  live: LiveAnswers;
  /** Where a cancel is recorded with the job it names; absent in tests without identity. */
  audit?: AuditLog;
  /** How often a step stream reads the store for new steps (400 ms). */
  pollMs?: number;
}

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;

/**
 * The operation log: recorded jobs (Helm operations, later upgrades and backups), their steps, a
 * live stream of the steps, and cancelling. Every answer comes from the store, so any replica gives
 * it; each caller sees the jobs of the clusters and namespaces it may read.
 */
export function registerJobRoutes(app: FastifyInstance, deps: JobRouteDeps): void {
  const { jobs } = deps;
  // Filtered to what the caller may read (see job-access.ts).
  const read = { permission: 'resources:read', scope: 'handler' } as const;

  app.get<{ Querystring: JobListQuery }>(
    '/api/v1/jobs',
    {
      config: read,
      schema: {
        summary: 'Jobs the caller may read, newest first, with how many the filters select',
        tags: ['jobs'],
        querystring: jobListQuery,
        response: responses({ 200: jobPage }),
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const page = await jobs.list({ ...request.query, visible: jobVisibility(caller) });
      return { items: page.items, total: page.total, ...(page.continue ? { continue: page.continue } : {}) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/jobs/:id',
    {
      config: read,
      schema: {
        summary: 'A job with every step it kept',
        tags: ['jobs'],
        params: idParams,
        response: responses({ 200: jobDetail }),
      },
    },
    async (request) => {
      const job = await readableJob(jobs, callerOf(request), request.params.id);
      return { ...job, steps: await jobs.steps(job.id) };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { after?: number } }>(
    '/api/v1/jobs/:id/steps',
    {
      config: read,
      schema: {
        summary:
          'A job’s steps as server-sent events: `step` events (id = seq) past and new, then one `end` event with the job; resumes after Last-Event-ID or ?after=',
        tags: ['jobs'],
        params: idParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { after: { type: 'integer', minimum: 0, description: 'send steps after this seq' } },
        },
      },
    },
    async (request, reply) => {
      const job = await readableJob(jobs, callerOf(request), request.params.id);
      const lastEventId = Number(request.headers['last-event-id']);
      const after =
        Number.isSafeInteger(lastEventId) && lastEventId > 0 ? lastEventId : (request.query.after ?? 0);
      streamJobSteps({ jobs, live: deps.live, pollMs: deps.pollMs ?? 400 }, request, reply, job.id, after);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/jobs/:id/cancel',
    {
      // The trail's record names the job, its cluster and namespace: written below; refusals by the hook.
      config: { permission: 'resources:write', scope: 'handler', audit: 'refusals' },
      schema: {
        summary: 'Asks a running job to stop; the replica running it cancels it within seconds',
        tags: ['jobs'],
        params: idParams,
        response: responses({ 200: jobRecord }),
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const job = await readableJob(jobs, caller, request.params.id);
      requireAllowed(caller, 'resources:write', scopeOf(job));
      const asked = await jobs.cancel(job.id, { id: caller.userId, name: caller.username });
      const what = `${job.kind}${job.target ? ` ${job.target}` : ''}`;
      const now = (await jobs.get(job.id)) ?? job;
      await deps.audit?.record({
        ...auditEventOf(request, asked ? 200 : 409),
        cluster: job.cluster ?? null,
        namespace: job.namespace ?? null,
        resourceKind: 'job',
        resourceName: job.id,
        detail: asked ? `asked ${what} to stop` : `${what} was not running (${now.state})`,
      });
      if (!asked)
        throw new StoreError('conflict', `job ${job.id} (${what}) is not running: it ended as ${now.state}`);
      return now;
    },
  );
}

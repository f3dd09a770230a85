import {
  ALERTING_ROUTES,
  type AlertQuery,
  type AlertRuleSpec,
  alertRuleSpec,
  type SilenceQuery,
  type SilenceSpec,
  silenceSpec,
} from '@portolan/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AlertingService } from '#server/alerting/rules/alerting-service.ts';
import { RuleSpecError } from '#server/alerting/rules/rule-spec.ts';
import { pinnedScope } from '#server/alerting/rules/silence-matchers.ts';
import { callerOf } from '#server/iam/route-guards.ts';

export interface AlertingRouteDeps {
  alerting: AlertingService;
}

const tags = ['alerting'];
const rule = '/api/v1/alerting/rules/:name';
const ruleParams = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 63, pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
  },
} as const;
const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 128 } },
} as const;

/** A rule or silence refused beyond its schema: 400 with the field at fault; the rest to the shared handler. */
function answerErrors<R extends FastifyRequest>(
  handler: (request: R, reply: FastifyReply) => Promise<unknown>,
) {
  return async (request: R, reply: FastifyReply) => {
    try {
      return await handler(request, reply);
    } catch (error) {
      if (error instanceof RuleSpecError)
        return reply
          .status(400)
          .send({ error: { code: 'invalid', message: error.message, field: error.field } });
      throw error;
    }
  };
}

/**
 * Alerting (issue #14): templates, rules, alerts with their timelines, silences. The access hook needs
 * each route's permission somewhere; the handlers check the exact clusters and namespaces (a rule and
 * a silence name theirs in the body) and answer only what the caller may read.
 */
export function registerAlertingRoutes(app: FastifyInstance, deps: AlertingRouteDeps): void {
  const read = { permission: 'alerts:read', scope: 'handler' } as const;
  const write = { permission: 'alerts:write', scope: 'handler' } as const;
  const service = deps.alerting;

  app.get(
    '/api/v1/alerting/templates',
    {
      config: read,
      schema: {
        tags,
        summary: 'The built-in rules a rule starts from, with their parameters and source metrics',
        response: ALERTING_ROUTES['GET /api/v1/alerting/templates'].response,
      },
    },
    async () => service.templates(),
  );

  app.get(
    '/api/v1/alerting/rules',
    {
      config: read,
      schema: {
        tags,
        summary: 'Alert rules covering a cluster the caller may read, each with its state per cluster',
        response: ALERTING_ROUTES['GET /api/v1/alerting/rules'].response,
      },
    },
    async (request) => ({ items: await service.listRules(callerOf(request)) }),
  );

  app.get<{ Params: { name: string } }>(
    rule,
    {
      config: read,
      schema: {
        tags,
        summary: 'One alert rule with its state on each cluster the caller may read',
        params: ruleParams,
        response: ALERTING_ROUTES[`GET ${rule}`].response,
      },
    },
    async (request) => service.getRule(callerOf(request), request.params.name),
  );

  app.put<{ Params: { name: string }; Body: AlertRuleSpec }>(
    rule,
    {
      config: write,
      schema: {
        tags,
        summary: 'Create or replace an alert rule',
        description:
          'From a template (GET /api/v1/alerting/templates) with params, or a custom PromQL expression ' +
          '(platform Admins: monitoring:admin). Needs alerts:write on every cluster (and namespace) of its ' +
          'scope; a rule naming no cluster covers every cluster its author may write. The built-in ' +
          'cluster-offline rule may be changed or disabled, not deleted.',
        params: ruleParams,
        body: alertRuleSpec,
        response: ALERTING_ROUTES[`PUT ${rule}`].response,
      },
    },
    answerErrors(async (request, reply) => {
      const spec = request.body;
      request.auditTarget = {
        kind: 'alert-rule',
        name: request.params.name,
        ...(spec.scope?.clusters?.length === 1 ? { cluster: spec.scope.clusters[0] } : {}),
        ...(spec.scope?.namespaces?.length === 1 ? { namespace: spec.scope.namespaces[0] } : {}),
      };
      const { view, created } = await service.putRule(callerOf(request), request.params.name, spec);
      return reply.status(created ? 201 : 200).send(view);
    }),
  );

  app.delete<{ Params: { name: string } }>(
    rule,
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove an alert rule; its firing alerts resolve at the next evaluation',
        params: ruleParams,
        response: ALERTING_ROUTES[`DELETE ${rule}`].response,
      },
    },
    async (request, reply) => {
      request.auditTarget = { kind: 'alert-rule', name: request.params.name };
      const removed = await service.deleteRule(callerOf(request), request.params.name);
      const clusters = (removed.spec as AlertRuleSpec).scope?.clusters;
      if (clusters?.length === 1) request.auditTarget.cluster = clusters[0];
      return reply.status(204).send();
    },
  );

  app.get<{ Querystring: AlertQuery }>(
    '/api/v1/alerting/alerts',
    {
      config: read,
      schema: {
        tags,
        summary: 'Alerts the caller may read (active by default), newest first, with counts by level',
        querystring: ALERTING_ROUTES['GET /api/v1/alerting/alerts'].querystring,
        response: ALERTING_ROUTES['GET /api/v1/alerting/alerts'].response,
      },
    },
    async (request) => service.listAlerts(callerOf(request), request.query),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/alerting/alerts/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One alert with its timeline: pending, firing, silenced, inhibited, notified, resolved',
        params: idParams,
        response: ALERTING_ROUTES['GET /api/v1/alerting/alerts/:id'].response,
      },
    },
    async (request) => service.getAlert(callerOf(request), request.params.id),
  );

  app.get<{ Querystring: SilenceQuery }>(
    '/api/v1/alerting/silences',
    {
      config: read,
      schema: {
        tags,
        summary: 'Silences the caller may read, with how many alerts each holds back now',
        querystring: ALERTING_ROUTES['GET /api/v1/alerting/silences'].querystring,
        response: ALERTING_ROUTES['GET /api/v1/alerting/silences'].response,
      },
    },
    async (request) => ({ items: await service.listSilences(callerOf(request), request.query.state) }),
  );

  app.post<{ Body: SilenceSpec }>(
    '/api/v1/alerting/silences',
    {
      config: write,
      schema: {
        tags,
        summary: 'Hold back the alerts that match every matcher, until endsAt',
        description:
          'Needs alerts:write on the cluster (and namespace) its `=` matchers on cluster and namespace pin; ' +
          'a silence that pins no cluster needs it on the platform. Regular expressions match whole values.',
        body: silenceSpec,
        response: ALERTING_ROUTES['POST /api/v1/alerting/silences'].response,
      },
    },
    answerErrors(async (request, reply) => {
      request.auditTarget = { kind: 'silence', ...pinnedScope(request.body.matchers) };
      const view = await service.createSilence(callerOf(request), request.body);
      request.auditTarget.name = view.id;
      return reply.status(201).send(view);
    }),
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/alerting/silences/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Expire a silence now; the alerts it held back fire again at the next evaluation',
        params: idParams,
        response: ALERTING_ROUTES['DELETE /api/v1/alerting/silences/:id'].response,
      },
    },
    async (request) => {
      request.auditTarget = { kind: 'silence', name: request.params.id };
      const view = await service.expireSilence(callerOf(request), request.params.id);
      Object.assign(request.auditTarget, pinnedScope(view.matchers));
      return view;
    },
  );
}

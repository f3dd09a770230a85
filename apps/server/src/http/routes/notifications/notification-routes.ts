import {
  type DeliveryQuery,
  deliveryPage,
  deliveryQuery,
  deliveryView,
  policyList,
  policySpec,
  policyView,
  receiverList,
  receiverSpec,
  receiverView,
} from '@portolan/api';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Notifications } from '#server/alerting/notify/index.ts';
import type { PolicyInput, ReceiverInput } from '#server/alerting/notify/inputs.ts';
import { NotificationError } from '#server/alerting/notify/notify-errors.ts';
import { callerOf } from '#server/iam/route-guards.ts';
import { handleError } from '../../errors.ts';
import { noContent, responses } from '../shared/route-schemas.ts';

/** Receiver and policy names: DNS-label-like, so they read well in messages, labels and addresses. */
const byName = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 63, pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
  },
} as const;

function notificationErrors(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof NotificationError) {
    void reply.status(error.status).send({
      error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) },
    });
    return;
  }
  handleError(error, request, reply);
}

/** The audit record names what was changed: routes here have no kind segment after a cluster. */
const target = (request: FastifyRequest, kind: string, name: string) => {
  request.auditTarget = { kind, name };
};

/**
 * Notifications (platform scope: receivers hold credentials). Secrets are accepted on PUT and never
 * answered; a receiver a policy uses cannot be deleted; "send test" sends now and answers the attempts.
 */
export function registerNotificationRoutes(app: FastifyInstance, notifications: Notifications): void {
  const read = { config: { permission: 'notifications:read' } as const, errorHandler: notificationErrors };
  const write = { config: { permission: 'notifications:write' } as const, errorHandler: notificationErrors };
  const tags = ['notifications'];

  app.get(
    '/api/v1/notifications/receivers',
    {
      ...read,
      schema: {
        summary:
          'Receivers with where they send (scheme and host only), which secrets are set, and their last delivery',
        tags,
        response: responses({ 200: receiverList }),
      },
    },
    async () => ({ items: await notifications.receivers.list() }),
  );
  app.get<{ Params: { name: string } }>(
    '/api/v1/notifications/receivers/:name',
    {
      ...read,
      schema: {
        summary: 'One receiver (never its secrets)',
        tags,
        params: byName,
        response: responses({ 200: receiverView }),
      },
    },
    (request) => notifications.receivers.get(request.params.name),
  );
  app.put<{ Params: { name: string }; Body: ReceiverInput }>(
    '/api/v1/notifications/receivers/:name',
    {
      ...write,
      schema: {
        summary:
          'Create or replace a receiver; a secret left out keeps its stored value; secrets are sealed and never answered',
        tags,
        params: byName,
        body: receiverSpec,
        response: responses({ 200: receiverView, 201: receiverView }),
      },
    },
    async (request, reply) => {
      target(request, 'notification-receivers', request.params.name);
      const { created, view } = await notifications.receivers.put(
        request.params.name,
        request.body,
        callerOf(request).username,
      );
      return reply.status(created ? 201 : 200).send(view);
    },
  );
  app.delete<{ Params: { name: string } }>(
    '/api/v1/notifications/receivers/:name',
    {
      ...write,
      schema: {
        summary: 'Remove a receiver; refused (409, naming them) while a policy uses it',
        tags,
        params: byName,
        response: responses({ 204: noContent }),
      },
    },
    async (request, reply) => {
      target(request, 'notification-receivers', request.params.name);
      await notifications.receivers.remove(request.params.name);
      return reply.status(204).send();
    },
  );
  app.post<{ Params: { name: string } }>(
    '/api/v1/notifications/receivers/:name/test',
    {
      ...write,
      schema: {
        summary:
          'Send a test message now, with the receiver’s retries; answers the delivery with each attempt’s status and error',
        tags,
        params: byName,
        response: responses({ 200: deliveryView }),
      },
    },
    (request) => {
      target(request, 'notification-receivers', request.params.name);
      return notifications.receivers.test(request.params.name);
    },
  );
  app.get(
    '/api/v1/notifications/policies',
    {
      ...read,
      schema: {
        summary:
          'Notification policies in the order they are tried; receivers they name that do not exist are listed',
        tags,
        response: responses({ 200: policyList }),
      },
    },
    async () => ({ items: await notifications.policies.list() }),
  );
  app.put<{ Params: { name: string }; Body: PolicyInput }>(
    '/api/v1/notifications/policies/:name',
    {
      ...write,
      schema: {
        summary:
          'Create or replace a policy: which alerts, to which receivers, grouped how and repeated how often',
        tags,
        params: byName,
        body: policySpec,
        response: responses({ 200: policyView, 201: policyView }),
      },
    },
    async (request, reply) => {
      target(request, 'notification-policies', request.params.name);
      const { created, view } = await notifications.policies.put(
        request.params.name,
        request.body,
        callerOf(request).username,
      );
      return reply.status(created ? 201 : 200).send(view);
    },
  );
  app.delete<{ Params: { name: string } }>(
    '/api/v1/notifications/policies/:name',
    {
      ...write,
      schema: { summary: 'Remove a policy', tags, params: byName, response: responses({ 204: noContent }) },
    },
    async (request, reply) => {
      target(request, 'notification-policies', request.params.name);
      await notifications.policies.remove(request.params.name);
      return reply.status(204).send();
    },
  );
  app.get<{ Querystring: DeliveryQuery }>(
    '/api/v1/notifications/deliveries',
    {
      ...read,
      schema: {
        summary: 'The delivery log, newest first: every message with each attempt’s result',
        tags,
        querystring: deliveryQuery,
        response: responses({ 200: deliveryPage }),
      },
    },
    (request) => notifications.deliveries(request.query),
  );
}

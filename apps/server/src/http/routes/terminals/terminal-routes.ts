import {
  type TerminalHistoryQuery,
  type TerminalOpenBody,
  terminalHistoryPage,
  terminalHistoryQuery,
  terminalOpenBody,
  terminalSession,
  terminalSessionList,
} from '@portolan/api';
import type { FastifyInstance } from 'fastify';
import type { AuditLog } from '#server/audit/audit-log.ts';
import { allowedInCluster } from '#server/iam/authorize.ts';
import { callerOf } from '#server/iam/route-guards.ts';
import type { TerminalSessions } from '#server/terminals/terminal-sessions.ts';
import { auditEventOf } from '../../audit-hook.ts';
import { noContent, pathParams, responses } from '../shared/route-schemas.ts';
import { handleTerminalError, terminalIdParams } from './terminal-route-errors.ts';

export interface TerminalRouteDeps {
  sessions: TerminalSessions;
  audit: Pick<AuditLog, 'record'> | undefined;
  /** Whether a cluster of that name is registered. */
  clusterExists(name: string): Promise<boolean>;
}

const tags = ['terminals'];

/**
 * Opening, listing and ending web terminals, and the recorded history and transcripts for platform
 * Admins. A session is its owner's alone: someone else's id answers 404, as a missing one does.
 */
export function registerTerminalRoutes(app: FastifyInstance, deps: TerminalRouteDeps): void {
  const { sessions } = deps;
  const own = { permission: 'self' } as const;

  app.post<{ Params: { cluster: string }; Body: TerminalOpenBody }>(
    '/api/v1/clusters/:cluster/terminals',
    {
      // Recorded below with the session's id; refusals by the hook.
      config: { permission: 'clusters:proxy', scope: 'handler', audit: 'refusals' },
      errorHandler: handleTerminalError,
      // No body at all means the default size; a JSON null is still refused by the schema.
      preValidation: async (request) => {
        const asked = request as { body: unknown };
        if (asked.body === undefined) asked.body = {};
      },
      schema: {
        tags,
        summary: 'Open a terminal with kubectl and helm on this cluster, acting as you',
        description:
          'Starts a shell in an isolated sandbox with kubectl and helm pointed at this cluster through ' +
          'Portolan’s Kubernetes API proxy, with a token of your own that only reaches the proxy and is ' +
          'revoked when the terminal ends: the member cluster’s RBAC decides what your commands may do. ' +
          'Needs clusters:proxy on the cluster or one of its namespaces. Attach to it with the WebSocket ' +
          'GET /api/v1/terminals/{id}/attach. 429 when you or this replica have as many open as allowed; ' +
          '503 when terminals cannot run on this server (the message says what to install).',
        params: pathParams(),
        body: terminalOpenBody,
        response: responses({ 201: terminalSession }),
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const { cluster } = request.params;
      if (!allowedInCluster(caller, 'clusters:proxy', cluster) || !(await deps.clusterExists(cluster))) {
        return reply.status(404).send({
          error: { code: 'not-found', message: `no cluster named "${cluster}" that you may reach` },
        });
      }
      const { cols = 120, rows = 30 } = request.body;
      try {
        const session = await sessions.open(caller, cluster, { cols, rows });
        await deps.audit?.record({
          ...auditEventOf(request, 201),
          resourceKind: 'terminal',
          resourceName: session.id,
          detail: `opened a terminal on ${cluster}`,
        });
        return reply.status(201).send(session);
      } catch (error) {
        const status = (error as { status?: number }).status ?? 500;
        await deps.audit?.record({
          ...auditEventOf(request, status),
          resourceKind: 'terminal',
          detail: `could not open a terminal: ${(error as Error).message}`,
        });
        throw error;
      }
    },
  );

  app.get(
    '/api/v1/terminals',
    {
      config: own,
      schema: {
        tags,
        summary: 'Your open terminals on this replica',
        response: responses({ 200: terminalSessionList }),
      },
    },
    async (request) => ({ items: sessions.list(callerOf(request).userId) }),
  );

  app.get<{ Querystring: TerminalHistoryQuery }>(
    '/api/v1/terminals/history',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags,
        summary: 'Every recorded terminal session, open and ended, newest first (platform Admins)',
        description:
          'Who opened a terminal on which cluster, on which replica, when it started and ended and why, ' +
          'and the bytes typed and printed. Ended sessions are kept as long as the audit trail.',
        querystring: terminalHistoryQuery,
        response: responses({ 200: terminalHistoryPage }),
      },
    },
    (request) => sessions.history(request.query),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/terminals/:id',
    {
      config: own,
      errorHandler: handleTerminalError,
      schema: {
        tags,
        summary: 'One of your open terminals',
        description: 'Answers 409 naming the replica when the terminal runs on another one.',
        params: terminalIdParams,
        response: responses({ 200: terminalSession }),
      },
    },
    async (request) => (await sessions.find(callerOf(request).userId, request.params.id)).view(),
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/terminals/:id',
    {
      config: { ...own, audit: 'refusals' },
      errorHandler: handleTerminalError,
      schema: {
        tags,
        summary: 'End one of your terminals: its shell and everything it started stop, its home is removed',
        params: terminalIdParams,
        response: responses({ 204: noContent }),
      },
    },
    async (request, reply) => {
      const terminal = await sessions.find(callerOf(request).userId, request.params.id);
      await sessions.end(terminal.id, 'closed');
      await deps.audit?.record({
        ...auditEventOf(request, 204),
        cluster: terminal.cluster,
        resourceKind: 'terminal',
        resourceName: terminal.id,
        detail: `ended by its owner; started ${terminal.createdAt.toISOString()}, ${terminal.bytesIn} bytes in, ${terminal.bytesOut} bytes out`,
      });
      return reply.status(204).send();
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/terminals/:id/transcript',
    {
      config: { permission: 'audit:read' },
      errorHandler: handleTerminalError,
      schema: {
        tags,
        summary: 'What a terminal printed, when transcripts are on (platform Admins), as text/plain',
        description:
          'The session’s output from its start as the terminal received it (escape sequences included), ' +
          'up to 8 MiB, then a line saying it was cut. Input is not recorded separately: it is in the ' +
          'output as the shell echoed it (so text typed at a password prompt is not). Written when the ' +
          'session ends; 404 while it is open, when transcripts were off (--terminal-transcripts), or ' +
          'for an unknown id.',
        params: terminalIdParams,
        response: responses({ 200: { type: 'string' } }),
      },
    },
    async (request, reply) => {
      const transcript = await sessions.transcript(request.params.id);
      if (!transcript) {
        return reply.status(404).send({
          error: {
            code: 'not-found',
            message: `terminal ${request.params.id} has no transcript: it is still open, transcripts were off when it ran (--terminal-transcripts), or there is no such terminal`,
          },
        });
      }
      return reply.type('text/plain; charset=utf-8').send(transcript);
    },
  );
}

import { type AuditQuery, auditPage, auditQuery } from '@portolan/api';
import type { FastifyInstance } from 'fastify';
import type { AuditLog } from '#server/audit/audit-log.ts';
import { responses } from '../shared/route-schemas.ts';

/** Searching the audit trail; there is no route that changes it. */
export function registerIamAuditRoutes(app: FastifyInstance, deps: { audit: AuditLog }): void {
  app.get<{ Querystring: AuditQuery }>(
    '/api/v1/audit',
    {
      config: { permission: 'audit:read' },
      schema: {
        summary:
          'Audit records, newest first; filter by user, time, cluster, namespace, action (prefix*) and outcome',
        querystring: auditQuery,
        response: responses({ 200: auditPage }),
      },
    },
    async (request) => {
      const { from, to, ...rest } = request.query;
      return deps.audit.search({
        ...rest,
        ...(from && { from: Date.parse(from) }),
        ...(to && { to: Date.parse(to) }),
      });
    },
  );
}

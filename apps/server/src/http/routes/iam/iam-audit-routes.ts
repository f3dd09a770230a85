import type { FastifyInstance } from 'fastify';
import type { AuditLog } from '#server/audit/audit-log.ts';
import type { AuditOutcome } from '#server/store/audit/audit-store.ts';
import { str } from './iam-schemas.ts';

interface AuditQuerystring {
  actor?: string;
  from?: string;
  to?: string;
  cluster?: string;
  namespace?: string;
  action?: string;
  outcome?: AuditOutcome;
  limit?: number;
  continue?: string;
}

const time = { type: 'string', format: 'date-time' } as const;

/** Searching the audit trail; there is no route that changes it. */
export function registerIamAuditRoutes(app: FastifyInstance, deps: { audit: AuditLog }): void {
  app.get<{ Querystring: AuditQuerystring }>(
    '/api/v1/audit',
    {
      config: { permission: 'audit:read' },
      schema: {
        summary:
          'Audit records, newest first; filter by user, time, cluster, namespace, action (prefix*) and outcome',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            actor: str(200),
            from: time,
            to: time,
            cluster: str(63),
            namespace: str(63),
            action: str(100),
            outcome: { type: 'string', enum: ['allowed', 'denied', 'failed'] },
            limit: { type: 'integer', minimum: 1, maximum: 1000 },
            continue: str(200),
          },
        },
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

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '#server/iam/caller.ts';
import type { AuditOutcome } from '#server/store/audit-store.ts';
import type { AuditEvent, AuditLog } from './audit-log.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'skip' for routes whose service records its own, richer events (sign-in, sign-out). */
    audit?: 'skip';
  }
}

/** Reads worth a record even when they succeed: Secret values, shells, credentials issued. */
const SENSITIVE = new Set(['secrets:reveal', 'pods:exec', 'clusters:proxy', 'audit:read']);
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function outcomeOf(status: number): AuditOutcome {
  if (status === 401 || status === 403) return 'denied';
  return status < 400 ? 'allowed' : 'failed';
}

export function credentialOf(caller: Caller | undefined): string | null {
  if (!caller) return null;
  return caller.credential.kind === 'token' ? `token:${caller.credential.tokenId}` : 'session';
}

/** Whether a finished request goes into the trail: changes, denials, sensitive reads, API token use. */
export function shouldRecord(request: FastifyRequest, status: number): boolean {
  const config = request.routeOptions.config;
  if (config?.audit === 'skip') return false;
  return (
    !SAFE.has(request.method) ||
    status === 401 ||
    status === 403 ||
    SENSITIVE.has(config?.permission ?? '') ||
    request.caller?.credential.kind === 'token'
  );
}

/** Who did what where, from the route pattern and its parameters. */
export function auditEventOf(request: FastifyRequest, status: number): AuditEvent {
  const route = request.routeOptions.url ?? request.url.split('?')[0] ?? '';
  const params = (request.params ?? {}) as Record<string, string | undefined>;
  const query = (request.query ?? {}) as Record<string, unknown>;
  const clusterByName = route.startsWith('/api/v1/clusters/:name');
  const cluster = params.cluster ?? (clusterByName ? params.name : undefined);
  // The segment after the cluster names the kind: /api/v1/clusters/:cluster/pods/:namespace/:name → pods.
  const segment = route.split('/')[5];
  const kind = segment === ':kind' ? params.kind : segment && !segment.startsWith(':') ? segment : undefined;
  const namespace = params.namespace ?? (typeof query.namespace === 'string' ? query.namespace : undefined);
  const userAgent = request.headers['user-agent'];
  return {
    action: request.routeOptions.config?.permission ?? 'unknown',
    outcome: outcomeOf(status),
    status,
    actor: request.caller?.username ?? null,
    credential: credentialOf(request.caller),
    sourceIp: request.ip,
    userAgent: userAgent ?? null,
    verb: request.method,
    route,
    cluster: cluster ?? null,
    namespace: namespace ?? null,
    resourceKind: kind ?? null,
    resourceName: clusterByName ? null : (params.name ?? null),
  };
}

/**
 * An onResponse hook recording API calls in the audit trail. Register it after the hook that sets
 * request.caller. A record that cannot be stored is logged as an error, never dropped silently.
 */
export function createAuditHook(audit: AuditLog) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!shouldRecord(request, reply.statusCode)) return;
    try {
      await audit.record(auditEventOf(request, reply.statusCode));
    } catch (error) {
      request.log.error({ err: error }, 'audit: the record of this request could not be stored');
    }
  };
}

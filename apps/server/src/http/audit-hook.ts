import type { FastifyReply, FastifyRequest } from 'fastify';
import { credentialOf, outcomeOf } from '#server/audit/audit-event.ts';
import type { AuditEvent, AuditLog } from '#server/audit/audit-log.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * 'skip' for routes whose service records its own, richer events (sign-in, sign-out); 'refusals'
     * for a POST that changes nothing (a connection test): only its denials are recorded.
     */
    audit?: 'skip' | 'refusals';
  }
  interface FastifyRequest {
    /**
     * What a handler acts on when the route's address does not say (an inspection configuration names
     * its cluster in the stored document): the audit record names it.
     */
    auditTarget?: { cluster?: string; namespace?: string; kind?: string; name?: string };
  }
}

/** Reads worth a record even when they succeed: Secret values, shells, credentials issued. */
const SENSITIVE = new Set(['secrets:reveal', 'pods:exec', 'clusters:proxy', 'audit:read']);
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Reads with an API token are credential use: recorded on a token's first use in each window (an
 * hour by default), not on every call, so automation that polls does not fill the trail with reads.
 */
export function createTokenUseWindow(windowMs = 3_600_000, clock: () => number = Date.now) {
  const lastRecorded = new Map<string, number>();
  return (tokenId: string): boolean => {
    const now = clock();
    const at = lastRecorded.get(tokenId);
    if (at !== undefined && now - at < windowMs) return false;
    lastRecorded.delete(tokenId);
    lastRecorded.set(tokenId, now);
    // Oldest first: past 10,000 tokens the least recently recorded is forgotten.
    if (lastRecorded.size > 10_000) lastRecorded.delete(lastRecorded.keys().next().value as string);
    return true;
  };
}

/**
 * Whether a finished request goes into the trail: changes, denials, sensitive reads, and the first
 * use of an API token in its window (`firstTokenUse`).
 */
export function shouldRecord(
  request: FastifyRequest,
  status: number,
  firstTokenUse: (tokenId: string) => boolean = () => true,
): boolean {
  const config = request.routeOptions.config;
  if (config?.audit === 'skip') return false;
  if (config?.audit === 'refusals') return status === 401 || status === 403;
  const credential = request.caller?.credential;
  return (
    !SAFE.has(request.method) ||
    status === 401 ||
    status === 403 ||
    SENSITIVE.has(config?.permission ?? '') ||
    (credential?.kind === 'token' && firstTokenUse(credential.tokenId))
  );
}

/** Who did what where, from the route pattern and its parameters. */
export function auditEventOf(request: FastifyRequest, status: number): AuditEvent {
  const route = request.routeOptions.url ?? request.url.split('?')[0] ?? '';
  const params = (request.params ?? {}) as Record<string, string | undefined>;
  const query = (request.query ?? {}) as Record<string, unknown>;
  const clusterByName = route.startsWith('/api/v1/clusters/:name');
  const target = request.auditTarget;
  const cluster = params.cluster ?? (clusterByName ? params.name : undefined) ?? target?.cluster;
  // The segment after the cluster names the kind: /api/v1/clusters/:cluster/pods/:namespace/:name → pods.
  const segment = route.split('/')[5];
  const kind =
    (segment === ':kind' ? params.kind : segment && !segment.startsWith(':') ? segment : undefined) ??
    target?.kind;
  const namespace =
    params.namespace ??
    (typeof query.namespace === 'string' ? query.namespace : undefined) ??
    target?.namespace;
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
    resourceName: clusterByName ? null : (params.name ?? target?.name ?? null),
  };
}

/**
 * Hooks recording API calls in the audit trail, each request at most once. Register `onRequest`
 * and `onResponse` after the hook that sets request.caller. Fastify runs onResponse hooks when a
 * response finishes or fails; one its caller closed early (a stream the console stopped) does
 * neither, so `onRequest` watches the raw response's close and records it as closed by the caller.
 * A record that cannot be stored is logged as an error, never dropped silently.
 */
export function createAuditHooks(audit: AuditLog, firstTokenUse = createTokenUseWindow()) {
  const recorded = new WeakSet<FastifyRequest>();
  const record = async (request: FastifyRequest, status: number, closed: boolean): Promise<void> => {
    if (recorded.has(request)) return;
    recorded.add(request);
    if (!shouldRecord(request, status, firstTokenUse)) return;
    try {
      const event = auditEventOf(request, status);
      await audit.record(closed ? { ...event, outcome: 'closed', detail: CLOSED } : event);
    } catch (error) {
      request.log.error({ err: error }, 'audit: the record of this request could not be stored');
    }
  };
  return {
    onRequest: async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      const raw = reply.raw;
      raw.once('close', () => {
        // Finished or failed: onResponse records it.
        if (raw.writableFinished || raw.errored) return;
        void record(request, reply.statusCode, true);
      });
    },
    onResponse: (request: FastifyRequest, reply: FastifyReply): Promise<void> =>
      record(request, reply.statusCode, false),
  };
}

const CLOSED = 'the caller closed the connection before the answer ended';

import { credentialOf, outcomeOf } from '#server/audit/audit-event.ts';
import type { AuditEvent, AuditLog } from '#server/audit/audit-log.ts';
import { allowedInCluster } from '#server/iam/authorize.ts';
import type { Caller } from '#server/iam/caller.ts';
import type { AuditOutcome } from '#server/store/audit/audit-store.ts';
import type { ProxyExchange, ProxyLog } from './kube-proxy.ts';
import { type KubeRequestInfo, kubeRequestInfo, resourceKindOf } from './kube-request-info.ts';

/** The action proxy records carry: the permission the proxy's routes declare. */
export const PROXY_ACTION = 'clusters:proxy';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A cluster the caller may not use answers 404 (so cluster names do not leak); in the trail it is
 * the denial it is.
 */
function deniedCluster(exchange: ProxyExchange<Caller>): boolean {
  return (
    exchange.refusal?.reason === 'cluster' &&
    exchange.caller !== undefined &&
    exchange.cluster !== undefined &&
    !allowedInCluster(exchange.caller, 'clusters:proxy', exchange.cluster)
  );
}

/**
 * Whether a proxied request goes into the trail: every change (any verb but a read), every
 * exec/attach/port-forward, every denial (Portolan's or the member cluster's), and reads that return
 * Secret values in clear. Other reads (kubectl's discovery, get, watch) are not recorded.
 */
export function shouldRecordProxy(exchange: ProxyExchange<Caller>, info: KubeRequestInfo): boolean {
  if (exchange.upgrade) return true;
  if (!READS.has((exchange.request.method ?? 'GET').toUpperCase())) return true;
  if (exchange.status === 401 || exchange.status === 403 || deniedCluster(exchange)) return true;
  return info.resource === 'secrets' && !info.subresource && exchange.status > 0 && exchange.status < 400;
}

function outcomeOfExchange(exchange: ProxyExchange<Caller>): AuditOutcome {
  if (deniedCluster(exchange)) return 'denied';
  if (exchange.status === 0) return 'failed';
  return outcomeOf(exchange.status);
}

/** What a record says beyond its fields: who refused, the command of an exec, a dry run. */
function detailOf(exchange: ProxyExchange<Caller>, info: KubeRequestInfo): string | null {
  const query = new URLSearchParams(exchange.path?.split('?')[1] ?? '');
  const parts: string[] = [];
  if (deniedCluster(exchange))
    parts.push('no clusters:proxy on this cluster (answered 404: names do not leak)');
  else if (exchange.refusal) parts.push(`refused by Portolan: ${exchange.refusal.message}`);
  else if (exchange.status === 401 || exchange.status === 403) parts.push('refused by the member cluster');
  else if (exchange.status === 0) parts.push('the caller left before the cluster answered');
  if (info.subresource === 'exec' || info.subresource === 'attach') {
    const command = query.getAll('command');
    if (command.length > 0) parts.push(`command: ${command.join(' ')}`);
    const container = query.get('container');
    if (container) parts.push(`container: ${container}`);
  }
  if (info.subresource === 'portforward') {
    const ports = query.getAll('ports');
    if (ports.length > 0) parts.push(`ports: ${ports.join(',')}`);
  }
  if (query.has('dryRun')) parts.push('dry run');
  return parts.length > 0 ? parts.join('; ') : null;
}

/** The audit record of one proxied request: who, from where, what on which cluster and namespace, outcome. */
export function proxyAuditEvent(exchange: ProxyExchange<Caller>, info: KubeRequestInfo): AuditEvent {
  const { request, caller } = exchange;
  const userAgent = request.headers['user-agent'];
  return {
    action: PROXY_ACTION,
    outcome: outcomeOfExchange(exchange),
    status: exchange.status,
    actor: caller?.username ?? null,
    credential: credentialOf(caller),
    sourceIp: request.socket?.remoteAddress ?? null,
    userAgent: userAgent ?? null,
    verb: info.verb,
    // The request path as sent (no query string: it can be long, and the detail keeps what matters).
    route: (request.url ?? '').split('?')[0] ?? '',
    cluster: exchange.cluster ?? null,
    namespace: info.namespace ?? null,
    resourceKind: resourceKindOf(info) ?? null,
    resourceName: info.name ?? null,
    detail: detailOf(exchange, info),
  };
}

/**
 * The proxy's onExchange for the audit trail. Recording never holds up the request; a record that
 * cannot be stored is logged as an error, never dropped silently.
 */
export function createProxyAudit(audit: AuditLog, log: ProxyLog): (exchange: ProxyExchange<Caller>) => void {
  return (exchange) => {
    const info = kubeRequestInfo(exchange.request.method ?? 'GET', exchange.path ?? '');
    if (!shouldRecordProxy(exchange, info)) return;
    audit.record(proxyAuditEvent(exchange, info)).catch((error: unknown) => {
      log.error({ err: error }, 'audit: the record of this proxy request could not be stored');
    });
  };
}

import Fastify, { type FastifyInstance } from 'fastify';
import type { AuditLog } from '#server/audit/audit-log.ts';
import type { ClusterRegistry } from '#server/clusters/cluster-registry.ts';
import type { AccessWatch } from '#server/iam/access-watch.ts';
import type { Authenticate } from '#server/iam/authenticate.ts';
import { allowedInCluster } from '#server/iam/authorize.ts';
import { type Caller, impersonationOf, isPlatformAdmin } from '#server/iam/caller.ts';
import { upgradeOriginProblem } from '#server/iam/upgrade-origin.ts';
import { kubeStatus, writeStatusToSocket } from '#server/proxy/kube-status.ts';
import { createProxyAudit } from '#server/proxy/proxy-audit.ts';
import { type LogFormat, serverLogger } from '../log-output.ts';
import { registerKubeProxy } from './kube-proxy-routes.ts';

export interface ProxyServerDeps {
  clusters: ClusterRegistry;
  tls: { cert: string; key: string };
  authenticate: Authenticate;
  /** Changes, exec sessions and denials through the proxy are recorded here. */
  audit: AuditLog;
  logLevel: string;
  /** Plain lines for people, or JSON lines (the default when unset). */
  logFormat?: LogFormat;
  /** Where watches, logs and exec sessions register to end when their caller loses access. */
  watch?: AccessWatch;
  /** Origins besides the proxy's own whose pages may open WebSockets with the session cookie. */
  allowedOrigins?: string[];
}

/** The caller's bindings that reach the cluster, as text: a change to them ends open proxied requests. */
function accessIn(caller: Caller, cluster: string): string {
  const grants = caller.grants
    .filter((grant) => grant.level === 'platform' || grant.cluster === cluster)
    .map((grant) => `${grant.role}@${grant.level}/${grant.namespace ?? ''}`);
  return [...new Set(grants)].sort().join(',');
}

/**
 * The Kubernetes API proxy on its own https listener: kubectl and helm send no bearer token over
 * plain http. A caller needs clusters:proxy on the cluster; requests then impersonate the caller
 * (portolan:<user>, portolan:<group>), so the member cluster's own RBAC, which Portolan keeps in
 * step with its bindings, decides what each request may do.
 */
export function buildProxyServer(deps: ProxyServerDeps): FastifyInstance {
  const app = Fastify({
    https: { cert: deps.tls.cert, key: deps.tls.key },
    ...serverLogger({ level: deps.logLevel, format: deps.logFormat ?? 'json' }),
  });
  const proxy = registerKubeProxy<Caller>(app, {
    authenticate: (request) => deps.authenticate(request),
    targets: {
      async resolve(name, caller) {
        // A namespace member reaches the cluster too; its RBAC there limits it to its namespaces.
        if (!allowedInCluster(caller, 'clusters:proxy', name)) return undefined;
        const target = await deps.clusters.connectionOf(name);
        if (!target) return undefined;
        const access = accessIn(caller, name);
        if (isPlatformAdmin(caller)) return { connection: target.connection, access };
        return { connection: target.connection, impersonate: impersonationOf(caller), access };
      },
    },
    permission: 'clusters:proxy',
    onExchange: createProxyAudit(deps.audit, app.log),
    ...(deps.watch ? { watch: deps.watch } : {}),
  });
  app.server.on('upgrade', (request, socket, head) => {
    // Browsers send the session cookie here too (cookies are per host, not per port).
    const problem = upgradeOriginProblem(request.headers, deps.allowedOrigins ?? []);
    if (problem) return writeStatusToSocket(socket, kubeStatus(403, problem));
    if (!proxy.handleUpgrade(request, socket, head)) socket.destroy();
  });
  return app;
}

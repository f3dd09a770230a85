import type { ReplicaList } from '@portolan/api';
import type { SandboxManager } from '@portolan/sandbox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Notifications } from '#server/alerting/notify/index.ts';
import type { AlertingService } from '#server/alerting/rules/alerting-service.ts';
import { createClusterAccess } from '#server/clusters/cluster-access.ts';
import type { LatestVersions } from '#server/helm/release-list.ts';
import type { ReleaseService } from '#server/helm/release-service.ts';
import type { AccessWatch } from '#server/iam/access-watch.ts';
import type { IamServices } from '#server/iam/iam-services.ts';
import type { IdentityEvents } from '#server/iam/identity-events.ts';
import { PERMISSIONS, type Permission } from '#server/iam/permissions.ts';
import type { CookieOptions } from '#server/iam/session-cookie.ts';
import type { Inspections } from '#server/inspections/inspection-service.ts';
import type { Jobs } from '#server/jobs/jobs.ts';
import type { MultiClusterServices, Propagations } from '#server/propagation/contract.ts';
import { createResourceTargets } from '#server/resources/resource-targets.ts';
import { createSandboxClusters } from '#server/sandboxes/sandbox-clusters.ts';
import type { ChangeHub } from '#server/sync/change-hub.ts';
import type { TerminalSessions } from '#server/terminals/terminal-sessions.ts';
import { createAccessHook, createForgetHook } from './access-hook.ts';
import { createAuditHooks } from './audit-hook.ts';
import { type BodyLimits, DEFAULT_BODY_LIMITS, limitBody } from './body-limits.ts';
import { handleError } from './errors.ts';
import { registerJsonBodyParser } from './json-body.ts';
import { createLiveAnswers, type LiveAnswers } from './live-answers.ts';
import { type LogFormat, logRequests, serverLogger } from './log-output.ts';
import type { Metrics } from './metrics.ts';
import { registerOpenApi } from './openapi.ts';
import { timeAnswers } from './server-timing.ts';
// Teaches Fastify's route config the `permission` field.
import './permissions.ts';
import { registerAlertingRoutes } from './routes/alerting/alerting-routes.ts';
import { type BackupRouteDeps, registerBackupRoutes } from './routes/backups/backup-routes.ts';
import { type RestoreRouteDeps, registerRestoreRoutes } from './routes/backups/restore-routes.ts';
import type { ClusterRouteDeps } from './routes/clusters/cluster-routes.ts';
import { registerClusterRoutes } from './routes/clusters/cluster-routes.ts';
import { registerSecretRoutes } from './routes/config/secret-routes.ts';
import { registerReleaseListRoutes } from './routes/helm/release-list-routes.ts';
import { registerReleaseOperationRoutes } from './routes/helm/release-op-routes.ts';
import { type HelmCatalogueRouteDeps, registerHelmCatalogueRoutes } from './routes/helm/repository-routes.ts';
import { registerOidcRoutes } from './routes/iam/auth-oidc-routes.ts';
import { registerAuthRoutes } from './routes/iam/auth-routes.ts';
import { registerTokenRoutes } from './routes/iam/auth-token-routes.ts';
import { registerIamAuditRoutes } from './routes/iam/iam-audit-routes.ts';
import { registerIamBindingRoutes } from './routes/iam/iam-binding-routes.ts';
import { registerIamUserRoutes } from './routes/iam/iam-user-routes.ts';
import { registerIamWorkspaceRoutes } from './routes/iam/iam-workspace-routes.ts';
import { registerInspectionRoutes } from './routes/inspections/inspection-routes.ts';
import { registerJobRoutes } from './routes/jobs/job-routes.ts';
import { type LifecycleRouteDeps, registerLifecycleRoutes } from './routes/lifecycle/lifecycle-routes.ts';
import { type EngineRouteDeps, registerEngineRoutes } from './routes/monitoring/engine-routes.ts';
import { registerSeriesRoutes, type SeriesRouteDeps } from './routes/monitoring/series-routes.ts';
import { registerMultiClusterServiceRoutes } from './routes/multicluster-services/mcs-routes.ts';
import { registerNamespaceRoutes } from './routes/namespaces/namespace-routes.ts';
import { registerNetworkRoutes } from './routes/network/network-routes.ts';
import { registerNodeRoutes } from './routes/nodes/node-routes.ts';
import { registerNotificationRoutes } from './routes/notifications/notification-routes.ts';
import { registerConsoleRoutes } from './routes/platform/console-routes.ts';
import { registerHealthRoutes } from './routes/platform/health-routes.ts';
import { registerKubeconfigRoutes } from './routes/platform/kubeconfig-routes.ts';
import { registerMetricsRoutes } from './routes/platform/metrics-routes.ts';
import { registerReplicaRoutes } from './routes/platform/replica-routes.ts';
import { registerSandboxRoutes } from './routes/platform/sandbox-routes.ts';
import { registerPodExecRoutes } from './routes/pods/pod-exec-routes.ts';
import { registerPodRoutes } from './routes/pods/pod-routes.ts';
import { registerPropagationRoutes } from './routes/propagations/propagation-routes.ts';
import { registerApplyRoutes } from './routes/resources/apply-routes.ts';
import { registerCrdRoutes } from './routes/resources/crd-routes.ts';
import { registerMemberOpenApiRoutes } from './routes/resources/member-openapi-routes.ts';
import { registerResourceRoutes } from './routes/resources/resource-routes.ts';
import { registerChangeRoutes } from './routes/search/change-routes.ts';
import { registerSearchRoutes } from './routes/search/search-routes.ts';
import { listenForUpgrades, type UpgradeHandler } from './routes/shared/upgrade-routing.ts';
import { registerStorageRoutes } from './routes/storage/storage-routes.ts';
import { registerTerminalAttachRoutes } from './routes/terminals/terminal-attach-routes.ts';
import { registerTerminalFileRoutes } from './routes/terminals/terminal-file-routes.ts';
import { registerTerminalRoutes } from './routes/terminals/terminal-routes.ts';
import { registerRolloutRoutes } from './routes/workloads/rollout-routes.ts';
import { registerWorkloadRoutes } from './routes/workloads/workload-routes.ts';

/** The cluster-facing services; absent in tests of the sandbox routes alone. */
export interface CoreDeps extends ClusterRouteDeps {
  changes: ChangeHub;
  metrics: Metrics;
  /** The chart catalogue's newest versions, for "newer version available" on releases. */
  latestVersions?: LatestVersions;
}

/** Who is calling and what they may do; absent only in tests of single route families. */
export interface IdentityDeps {
  iam: IamServices;
  cookies: CookieOptions;
  /** Bindings changed: member clusters' RBAC must follow. */
  onAccessChanged?: () => void | Promise<void>;
  /** Told after every saved identity change, so open streams are checked again at once. */
  events?: IdentityEvents;
  /** Where long-lived answers register to be ended when their caller loses access. */
  watch?: AccessWatch;
}

export interface AppDeps {
  sandboxes: SandboxManager;
  logLevel: string;
  /** Plain lines for people (the default) or JSON lines for machines. */
  logFormat?: LogFormat;
  /** Where the log goes instead of stdout (tests read it). */
  logStream?: { write(line: string): void };
  isReady: () => boolean;
  core?: CoreDeps;
  identity?: IdentityDeps;
  /** Origins besides the server's own whose pages may open WebSockets with the session cookie. */
  allowedOrigins?: string[];
  /** Reverse proxies whose X-Forwarded-For sets request.ip; from anyone else it is ignored. */
  trustedProxies?: string[];
  /** The largest bodies the routes read; DEFAULT_BODY_LIMITS when absent. */
  bodyLimits?: BodyLimits;
  /** Kubeconfigs pointing at the Kubernetes API proxy; absent when there is no proxy. */
  kubeconfig?: { proxyUrl: () => string; certificateAuthority: string | undefined };
  /** The built web console served at /; absent in tests of route families. */
  webDir?: string;
  /** Chart repositories and the catalogue (issue #11). */
  helmCatalogue?: HelmCatalogueRouteDeps;
  /** The replicas sharing the database, for GET /api/v1/replicas. */
  replicas?: { list(): Promise<ReplicaList> };
  /** Recorded jobs, for the operation log (GET /api/v1/jobs and the rest). */
  jobs?: Jobs;
  /** Helm install, upgrade, rollback, uninstall and live release reads, as the caller (issue #11). */
  helmReleases?: ReleaseService;
  /** Web terminals: open, attach, files, history (issue #13). */
  terminals?: TerminalSessions;
  /** Multi-cluster applications: propagations (issue #12). */
  propagations?: Propagations;
  /** Multi-cluster Services: exports and imports (issue #12). */
  multiClusterServices?: MultiClusterServices;
  /** The metrics engine's state and clusters' metrics sources (issue #14). */
  metricsEngine?: EngineRouteDeps['engine'];
  /** Inspections: configurations, runs and reports (issue #14). */
  inspections?: Inspections;
  /** Clusters Portolan creates: operations, upgrades, node pools, etcd snapshots. */
  lifecycle?: LifecycleRouteDeps;
  /** Backup destinations, plans, backups, restores and the Velero view (issue #15). */
  backups?: BackupRouteDeps & RestoreRouteDeps;
  /** Alert rules, alerts and silences (issue #14). */
  alerting?: AlertingService;
  /** Notification receivers, policies and the delivery log (issue #14). */
  notifications?: Notifications;
  /** Named metrics: catalogue, series, top consumers, raw PromQL (issue #14). */
  metricQueries?: SeriesRouteDeps;
}

/** The HTTP application's type, so the composition root names it without importing the framework. */
export type App = FastifyInstance;

/** One method of one route, as registered; HEAD routes Fastify adds for GET ones included. */
export interface RouteEntry {
  method: string;
  url: string;
  permission: Permission;
  /** 'handler': the route checks the exact scope itself; the access hook only requires the permission somewhere. */
  scope?: 'handler';
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its declared permission, so the route × permission table can be checked whole. */
    routeTable: RouteEntry[];
  }
}

/**
 * The Fastify instance without routes: logger, trusted proxies, the permission every route must
 * declare, error mapping. The composition root makes it first, so the services it wires log
 * through it; buildApp makes one when given none.
 */
export function createApp(
  deps: Pick<AppDeps, 'logLevel' | 'logFormat' | 'logStream' | 'trustedProxies' | 'bodyLimits'>,
): FastifyInstance {
  const app = Fastify({
    ...serverLogger({
      level: deps.logLevel,
      // Tests that read the log parse its JSON lines.
      format: deps.logFormat ?? (deps.logStream ? 'json' : 'text'),
      ...(deps.logStream ? { stream: deps.logStream } : {}),
    }),
    trustProxy: deps.trustedProxies?.length ? deps.trustedProxies : false,
    // Unknown fields are a mistake to report, not to drop. Query strings need coercion to numbers.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, allErrors: false } },
  });
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    const permission = route.config?.permission;
    if (!permission || !PERMISSIONS.includes(permission)) {
      throw new Error(`route ${route.method} ${route.url} declares no permission; add config.permission`);
    }
    const scope = route.config?.scope === 'handler' ? { scope: 'handler' as const } : {};
    limitBody(route, deps.bodyLimits ?? DEFAULT_BODY_LIMITS);
    for (const method of [route.method].flat())
      routeTable.push({ method, url: route.url, permission, ...scope });
  });
  app.setErrorHandler(handleError);
  registerJsonBodyParser(app);
  logRequests(app);
  timeAnswers(app);
  return app;
}

/** The HTTP application: routes, each with its declared permission, and error mapping. */
export function buildApp(deps: AppDeps, app: FastifyInstance = createApp(deps)): FastifyInstance {
  const identity = deps.identity;
  const accessHook = identity ? createAccessHook(identity.iam.authenticate) : undefined;
  if (identity && accessHook) {
    // Every route but the public ones: the caller, CSRF for sessions, the declared permission in scope.
    app.addHook('onRequest', accessHook);
    const auditHooks = createAuditHooks(identity.iam.audit);
    app.addHook('onRequest', auditHooks.onRequest);
    app.addHook('onResponse', auditHooks.onResponse);
    const forget = () => {
      identity.iam.authenticate.forget();
      identity.events?.publish();
    };
    app.addHook('onSend', createForgetHook({ forget }));
  }
  // Open streams are checked again by the same hook that admitted them.
  const live = createLiveAnswers(identity?.watch, accessHook);
  // Response schemas document the answers; objects from Kubernetes carry fields no schema lists,
  // so answers are written whole rather than filtered through the schema.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  registerOpenApi(app);
  app.setNotFoundHandler((request, reply) => {
    void reply
      .status(404)
      .send({ error: { code: 'not-found', message: `no route ${request.method} ${request.url}` } });
  });
  if (deps.core) registerMetricsRoutes(app, deps.core.metrics);
  registerHealthRoutes(app, deps.isReady);
  // With the clusters there, a new sandbox can be registered (and filled with the demo) at once.
  const sandboxClusters = deps.core
    ? createSandboxClusters({
        sandboxes: deps.sandboxes,
        clusters: deps.core.clusters,
        targets: createResourceTargets(createClusterAccess(deps.core.clusters)),
        trust: deps.core.trust,
      })
    : undefined;
  registerSandboxRoutes(app, deps.sandboxes, sandboxClusters);
  if (deps.core) {
    registerClusterRoutes(app, deps.core);
    registerSearchRoutes(app, deps.core.store);
    registerReleaseListRoutes(app, deps.core.store, deps.core.latestVersions);
    registerChangeRoutes(app, deps.core.store, deps.core.changes, live);
    const upgrades = deps.terminals
      ? [registerTerminals(app, deps.terminals, deps.core, deps.identity, live)]
      : [];
    registerOperationRoutes(app, deps.core, live, deps.allowedOrigins ?? [], upgrades);
  }
  if (deps.identity) registerIdentityRoutes(app, deps.identity);
  if (deps.core && deps.identity && deps.kubeconfig)
    registerKubeconfigRoutes(app, {
      clusters: deps.core.clusters,
      iam: deps.identity.iam,
      ...deps.kubeconfig,
    });
  if (deps.replicas) registerReplicaRoutes(app, deps.replicas);
  if (deps.jobs) registerJobRoutes(app, { jobs: deps.jobs, live, audit: deps.identity?.iam.audit });
  const core = deps.core;
  if (core && deps.helmReleases)
    registerReleaseOperationRoutes(app, {
      releases: deps.helmReleases,
      cluster: (name) => core.clusters.get(name),
    });
  if (deps.helmCatalogue) registerHelmCatalogueRoutes(app, deps.helmCatalogue);
  if (core && deps.multiClusterServices)
    registerMultiClusterServiceRoutes(app, { services: deps.multiClusterServices, store: core.store });
  if (core && deps.propagations)
    registerPropagationRoutes(app, {
      propagations: deps.propagations,
      targets: createResourceTargets(createClusterAccess(core.clusters)),
      clusterNames: async () => (await core.store.clusters.list()).map((cluster) => cluster.name),
    });
  if (deps.metricQueries) registerSeriesRoutes(app, deps.metricQueries);
  if (deps.alerting) registerAlertingRoutes(app, { alerting: deps.alerting });
  if (deps.notifications) registerNotificationRoutes(app, deps.notifications);
  if (deps.inspections) registerInspectionRoutes(app, { inspections: deps.inspections });
  if (deps.lifecycle) registerLifecycleRoutes(app, deps.lifecycle);
  if (deps.backups) {
    registerBackupRoutes(app, deps.backups);
    registerRestoreRoutes(app, deps.backups);
  }
  if (deps.metricsEngine) registerEngineRoutes(app, { engine: deps.metricsEngine });
  if (deps.webDir) registerConsoleRoutes(app, deps.webDir);
  return app;
}

/** Sign-in, tokens, users, groups, workspaces, role bindings and the audit trail. */
function registerIdentityRoutes(app: FastifyInstance, identity: IdentityDeps): void {
  const deps = {
    iam: identity.iam,
    cookies: identity.cookies,
    ...(identity.onAccessChanged ? { onAccessChanged: identity.onAccessChanged } : {}),
  };
  registerAuthRoutes(app, deps);
  registerOidcRoutes(app, deps);
  registerTokenRoutes(app, deps);
  registerIamUserRoutes(app, deps);
  registerIamWorkspaceRoutes(app, deps);
  registerIamBindingRoutes(app, deps);
  registerIamAuditRoutes(app, { audit: identity.iam.audit });
}

/** What runs inside the clusters: resources, workloads, pods, nodes and the kinds with views of their own. */
function registerOperationRoutes(
  app: FastifyInstance,
  core: CoreDeps,
  live: LiveAnswers,
  allowedOrigins: string[],
  upgrades: UpgradeHandler[],
): void {
  // Who acts as whom on a member cluster is cluster access's choice; the routes only pass the caller.
  const access = createClusterAccess(core.clusters);
  const targets = createResourceTargets(access);
  registerResourceRoutes(app, targets);
  registerApplyRoutes(app, targets);
  registerWorkloadRoutes(app, targets);
  registerRolloutRoutes(app, targets);
  registerPodRoutes(app, targets, access, live);
  registerNodeRoutes(app, targets, core.store);
  registerNetworkRoutes(app, targets);
  registerSecretRoutes(app, targets);
  registerStorageRoutes(app, targets);
  registerNamespaceRoutes(app, targets);
  registerCrdRoutes(app, targets, core.store);
  registerMemberOpenApiRoutes(app, targets);
  listenForUpgrades(app, [registerPodExecRoutes(app, access, live), ...upgrades], allowedOrigins);
}

/** Web terminals' routes; the attach WebSocket's upgrade handler is the answer. */
function registerTerminals(
  app: FastifyInstance,
  sessions: TerminalSessions,
  core: CoreDeps,
  identity: IdentityDeps | undefined,
  live: LiveAnswers,
): UpgradeHandler {
  const audit = identity?.iam.audit;
  registerTerminalRoutes(app, {
    sessions,
    audit,
    clusterExists: async (name) => (await core.store.clusters.getByName(name)) !== undefined,
  });
  registerTerminalFileRoutes(app, { sessions, audit });
  return registerTerminalAttachRoutes(app, { sessions, live });
}

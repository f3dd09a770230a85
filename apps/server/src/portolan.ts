import './v8-settings.ts';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createSandboxManager, findSandboxBinaries, type SandboxManager } from '@portolan/sandbox';
import { createNotifications } from './alerting/notify/index.ts';
import { alertedClusters } from './alerting/rules/alerted-clusters.ts';
import { type Alerting, createAlerting } from './alerting/rules/index.ts';
import { wireBackups } from './backups/backup-wiring.ts';
import {
  type ClusterRegistry,
  type ClusterRegistryDeps,
  createClusterRegistry,
} from './clusters/cluster-registry.ts';
import { createCredentialCipher } from './clusters/credential-cipher.ts';
import { loadEncryptionKeys } from './clusters/encryption-keys.ts';
import { createHealthProber, type HealthProber } from './clusters/health-prober.ts';
import { replicaRefresh } from './clusters/registry-refresh.ts';
import type { ServerConfig } from './config/config.ts';
import { type Catalogue, createCatalogue } from './helm/catalogue.ts';
import { createChartCache } from './helm/chart-package.ts';
import type { ChartSource } from './helm/chart-source.ts';
import { wireReleaseService } from './helm/release-wiring.ts';
import { createRepositories, repositoryRefreshJob } from './helm/repositories.ts';
import { type App, buildApp, createApp } from './http/app.ts';
import { listenAndAnnounce } from './http/listen.ts';
import { createMetrics } from './http/metrics.ts';
import { buildProxyServer } from './http/proxy/proxy-server.ts';
import { addStoreGauges } from './http/store-gauges.ts';
import { ensureServerCertificate } from './http/tls-files.ts';
import { createAccessWatch } from './iam/access-watch.ts';
import { bootstrapAdmin } from './iam/bootstrap-admin.ts';
import { createHousekeeping } from './iam/housekeeping.ts';
import { createIamServices, type IamServices } from './iam/iam-services.ts';
import { createIdentityEvents } from './iam/identity-events.ts';
import { createRbacReconcileQueue } from './iam/rbac-reconcile-queue.ts';
import { inspectedClusters } from './inspections/inspected-cluster.ts';
import { createInspections } from './inspections/inspection-service.ts';
import { createJobs, type JobsService } from './jobs/job-service.ts';
import { createKubeClient } from './kube/http-kube-client.ts';
import type { Lifecycle } from './lifecycle/lifecycle-service.ts';
import { wireLifecycle } from './lifecycle/lifecycle-wiring.ts';
import { createMetricsEngine, type MetricsEngineService } from './monitoring/engine/index.ts';
import type { Propagations } from './propagation/contract.ts';
import { createPropagations } from './propagation/engine/index.ts';
import { createMultiClusterServices } from './propagation/services/mcs-service.ts';
import { listReplicas } from './replicas/replica-view.ts';
import { createWorkLeases, systemRoundTimer, type WorkLeases } from './replicas/work-leases.ts';
import { openStore } from './store/open-store.ts';
import type { Store } from './store/store.ts';
import type { ChangeHub } from './sync/change-hub.ts';
import { replicaChanges } from './sync/replica-changes.ts';
import { type ResourceSelection, selectResources } from './sync/resource-selection.ts';
import type { SyncManager } from './sync/sync-manager.ts';
import { wireSync } from './sync/sync-wiring.ts';
import type { TerminalSessions } from './terminals/terminal-sessions.ts';
import { wireTerminalSessions } from './terminals/terminal-wiring.ts';
import { systemClock } from './time/clock.ts';

export interface Portolan {
  app: App;
  /** The https listener of the Kubernetes API proxy. */
  proxy: App;
  proxyUrl: string;
  store: Store;
  clusters: ClusterRegistry;
  sync: SyncManager;
  health: HealthProber;
  /** This replica's leases: which clusters it syncs and which singleton jobs it runs. */
  work: WorkLeases;
  changes: ChangeHub;
  sandboxes: SandboxManager;
  iam: IamServices;
  /** Recorded long actions (Helm operations, later upgrades and backups) and their steps. */
  jobs: JobsService;
  /** Chart repositories and charts; its chartSource is what Helm operations install from. */
  catalogue: Catalogue;
  /** Open web terminals on this replica. */
  terminals: TerminalSessions;
  /** Multi-cluster applications: propagations and their controller. */
  propagations: Propagations;
  /** The metrics engine: the managed Prometheus (run by the replica holding its lease) and external sources. */
  metricsEngine: MetricsEngineService;
  /** Alert rules, alerts, silences; the evaluator job and the feed notifications read. */
  alerting: Alerting;
  /** Clusters Portolan creates: their operations, upgrades, node pools and etcd snapshots. */
  lifecycle: Lifecycle;
  /** Resolves when start-up work (opening clusters, restarting sandboxes) is done. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * The composition root: config → store → services → HTTP. main.ts runs it with the process's
 * configuration; tests run it with theirs. Nothing else wires dependencies.
 */
export async function startPortolan(
  config: ServerConfig,
  env: NodeJS.ProcessEnv,
  options: {
    logStream?: { write(line: string): void };
    /** How a member cluster's client is made; tests give a fake of the KubeClient interface. */
    createClient?: ClusterRegistryDeps['createClient'];
    /** Where Helm operations get charts; tests give packaged charts of their own. Default: the catalogue. */
    chartSource?: ChartSource;
  } = {},
): Promise<Portolan> {
  // The store, the key file and the certificate live here: readable by Portolan's user only.
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  // Made first, without routes, so every service below logs through its logger.
  const app = createApp({
    logLevel: config.logLevel,
    ...(options.logStream ? { logStream: options.logStream } : { logFormat: config.logFormat }),
    trustedProxies: config.trustedProxies,
    bodyLimits: { default: config.bodyLimitBytes, manifests: config.manifestBodyLimitBytes },
  });
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  const keys = await loadEncryptionKeys({ keys: config.encryptionKeys, keyFile: config.encryptionKeyFile });
  const cipher = createCredentialCipher(keys.keys);
  const replicated = replicaChanges({
    databaseUrl: config.databaseUrl,
    resources: store.resources,
    origin: randomBytes(8).toString('hex'),
    warn: (message, error) => app.log.warn({ err: error }, message),
  });
  const changes = replicated.changes;
  // Before any sync starts: changes other replicas sync reach this one's streams.
  await replicated.start();
  // Streams, followed logs, exec sessions and proxied watches end soon after their caller loses access.
  const identityEvents = createIdentityEvents();
  const accessWatch = createAccessWatch({
    events: identityEvents,
    intervalMs: config.accessRecheckMs,
    onError: (error) => app.log.warn({ err: error }, 'checking an open stream’s access failed; trying again'),
  });
  const iam = createIamServices({
    store: store.iam,
    auditStore: store.audit,
    auditRetentionDays: config.auditRetentionDays,
    clock: systemClock,
    random: randomBytes,
    ...(config.oidc ? { oidc: config.oidc } : {}),
  });
  const bootstrap = await bootstrapAdmin({
    store: store.iam,
    hasher: iam.hasher,
    random: randomBytes,
    admin: config.admin,
  });
  const metrics = createMetrics();
  // Sync and registration's permission check read the same choice of resources.
  const syncSelection: ResourceSelection = { include: config.syncResources };
  const sync = wireSync({
    store,
    changes,
    selection: syncSelection,
    addCounter: (counter) => metrics.addCounter(counter),
    log: () => app.log,
    nameOf: (clusterId) => clusterNames.get(clusterId) ?? clusterId,
    onStoppedByFence: (clusterId, generation) => void leases.lost(clusterId, generation),
  });
  const clusterNames = new Map<string, string>();
  const refresh = replicaRefresh({
    databaseUrl: config.databaseUrl,
    everyMs: config.registryRefreshMs,
    timer: systemRoundTimer,
    onListenerProblem: (error) =>
      app.log.warn({ err: error }, 'hearing other replicas’ cluster changes failed; connecting again'),
  });
  const clusters = createClusterRegistry({
    store,
    cipher,
    clock: systemClock,
    env,
    createClient: options.createClient ?? ((connection, limits) => createKubeClient(connection, limits)),
    checkTimeoutMs: config.connectTimeoutMs,
    execTimeoutMs: config.execTimeoutMs,
    syncedResources: (served) => selectResources(served, syncSelection),
    // Replicas on one PostgreSQL see clusters registered, re-keyed or removed on the others.
    ...(refresh && { refresh }),
    onClientReady: async (clusterId) => {
      clusterNames.set(clusterId, (await store.clusters.get(clusterId))?.name ?? clusterId);
      // Synced (and its RBAC reconciled) by whichever replica takes its lease: this one when alone.
      await leases.offer(clusterId);
    },
    onClientGone: async (clusterId) => {
      await leases.withdraw(clusterId);
      await sync.remove(clusterId);
    },
    onRemoved: async (cluster) => {
      // Its lease row goes too: no replica shows it as owned or unowned any more.
      await leases.forget(cluster.id);
      await store.iam.forgetCluster(cluster.name);
    },
    // A replica that took its lease before it heard of the removal may have written the row again.
    onRemovedElsewhere: (clusterId) => leases.forget(clusterId),
    // Its RBAC bindings leave with it (a cluster that does not answer within 5 s keeps them).
    beforeRemove: (cluster, client) => rbac.removeFrom(cluster, client),
  });
  const rbac = createRbacReconcileQueue({
    iam: store.iam,
    clusterOf: (clusterId) => store.clusters.get(clusterId),
    clusterIds: async () => (await store.clusters.list()).map((cluster) => cluster.id),
    clientOf: (clusterId) => clusters.clientOf(clusterId),
    log: app.log,
  });
  const health = createHealthProber({
    store,
    clientOf: (clusterId) => clusters.clientOf(clusterId),
    intervalMs: config.probeIntervalMs,
    timeoutMs: config.probeTimeoutMs,
  });
  // Records older than the audit trail's retention go with it.
  const retainedSince = () => new Date(Date.now() - config.auditRetentionDays * 86_400_000);
  const housekeeping = createHousekeeping({
    sessions: iam.sessions,
    audit: iam.audit,
    tokens: iam.tokens,
    // The operation log is kept as long as the audit trail it sits beside.
    jobs: { prune: () => store.jobs.prune(retainedSince()) },
    // So are the records of web terminal sessions and their transcripts.
    terminals: {
      prune: () => terminals.prune(retainedSince()),
    },
    // And the events of propagations.
    propagations: {
      prune: () => propagations.prune(retainedSince()),
    },
    log: app.log,
  });
  // Replicas on one database split the work through leases: each cluster's sync and each singleton
  // job runs on one of them, moving when one stops or dies.
  const replica = { id: randomUUID(), address: '' };
  const jobs = createJobs({
    store: store.jobs,
    replicas: store.replicas,
    replica,
    clock: systemClock,
    timer: systemRoundTimer,
    replicaTtlMs: config.leaseDurationMs,
    log: app.log,
  });
  // The chart catalogue: repositories read on their schedules by one replica; packages kept by digest.
  const repositories = createRepositories({ store: store.helm, cipher, clock: systemClock, log: app.log });
  const catalogue = createCatalogue({
    store: store.helm,
    repositories,
    cache: createChartCache(path.join(config.dataDir, 'charts')),
  });
  // Web terminals: a shell per session in a local sandbox, acting as its user through the proxy (whose
  // address and certificate are known further down).
  const terminalProxy: { url: () => string; certificateAuthority: string | undefined } = {
    url: () => proxyUrl,
    certificateAuthority: undefined,
  };
  const terminals = wireTerminalSessions({
    env,
    sandboxBinaries: () => findSandboxBinaries(env),
    hide: [config.dataDir],
    proxy: terminalProxy,
    iam,
    identityEvents,
    store,
    replica,
    settings: config.terminals,
    replicaTtlMs: config.leaseDurationMs,
    clock: systemClock,
    log: app.log,
  });
  // Multi-cluster Services: imports kept in step with the exporting clusters' ready pods (one replica).
  const multiClusterServices = createMultiClusterServices({
    store,
    changes,
    clientOf: (clusterId) => clusters.clientOf(clusterId),
    clock: systemClock,
    timer: systemRoundTimer,
    log: app.log,
  });
  // Propagations: applied, repaired, cleaned up and failed over by one replica's controller.
  const propagations = createPropagations({
    store,
    changes,
    clientOf: (clusterId) => clusters.clientOf(clusterId),
    audit: iam.audit,
    clock: systemClock,
    log: app.log,
  });
  // Alerting: rules evaluated by one replica (the alert-evaluator job); alerts, silences, the feed notify/ reads.
  const alerting = createAlerting({
    store: store.alerting,
    clusters: alertedClusters(clusters),
    clusterNames: async () => (await store.clusters.list()).map((cluster) => cluster.name),
    engine: () => metricsEngine,
    audit: iam.audit,
    clock: systemClock,
    intervalMs: config.alertEvaluationMs,
    retentionDays: config.auditRetentionDays,
    timer: systemRoundTimer,
    log: app.log,
  });
  // Inspections: a run now on the replica asked, scheduled runs by the one holding the scheduler's lease.
  const inspections = createInspections({
    store,
    cluster: inspectedClusters(clusters),
    clientOf: (clusterId) => clusters.clientOf(clusterId),
    clock: systemClock,
    timer: systemRoundTimer,
    log: app.log,
  });
  // Backups and restores: jobs on the replica asked; scheduled backups and pruning by the scheduler's holder.
  const backups = wireBackups({
    store: store.backups,
    cipher,
    clusters,
    jobs,
    workDir: path.join(config.dataDir, 'backup-work'),
    clock: systemClock,
    timer: systemRoundTimer,
    log: app.log,
  });
  // The metrics engine: one replica runs Prometheus, scraping every cluster through a local scrape proxy.
  const metricsEngine = createMetricsEngine({
    settings: config.metrics,
    dataDir: config.dataDir,
    replicaId: replica.id,
    store,
    cipher,
    clientOf: (clusterId) => clusters.clientOf(clusterId),
    log: app.log,
  });
  // Notifications: receivers, policies, and the alert-notifier job sending the feed's alerts.
  const notifications = createNotifications({
    store: store.notifications,
    cipher,
    feed: alerting.feed,
    clock: systemClock,
    consoleUrl: () => config.allowedOrigins[0] ?? (replica.address ? `http://${replica.address}` : ''),
    timeline: (id, event, detail) => alerting.feed.recordAlertEvent(id, event, detail),
    log: app.log,
  });
  const leases = createWorkLeases({
    store: store.replicas,
    replica,
    clock: systemClock,
    ttlMs: config.leaseDurationMs,
    renewMs: config.leaseRenewMs,
    jobs: {
      'health-probes': { start: () => health.start(), stop: () => health.stop() },
      housekeeping: { start: () => housekeeping.start(), stop: () => housekeeping.stop() },
      // Jobs whose replica died are ended as failed, so none stays running forever.
      'job-sweep': jobs.sweeper(),
      'chart-repository-refresh': repositoryRefreshJob(repositories, 60_000, app.log),
      // Terminals whose replica died are ended as replica-lost.
      'terminal-sweep': terminals.sweeper(),
      'multicluster-services': multiClusterServices.controller(),
      'propagation-controller': propagations.controller(),
      'metrics-engine': metricsEngine.job,
      'inspection-scheduler': inspections.scheduler(),
      // Lifecycle operations whose replica died are resumed once; etcd snapshot schedules run.
      lifecycle: { start: () => lifecycle.job.start(), stop: () => lifecycle.job.stop() },
      'backup-scheduler': backups.scheduler,
      'alert-evaluator': alerting.evaluator,
      'alert-notifier': notifications.notifier(),
    },
    clusters: {
      async start(clusterId, fence) {
        const client = clusters.clientOf(clusterId);
        if (!client) return;
        await sync.add(clusterId, client, { fence });
        void rbac.reconcile(clusterId);
      },
      // The client stays: the registry owns it, and requests still go through it.
      stop: (clusterId) => sync.remove(clusterId, { keepClient: true }),
    },
    log: app.log,
  });
  const sandboxes = createSandboxManager({ dataDir: config.dataDir, binDir: () => findSandboxBinaries(env) });
  // Cluster lifecycle: clusters made by a provider (the sandbox), each change an operation run as a job.
  const lifecycle = wireLifecycle({
    store,
    jobs,
    sandboxes,
    clusters,
    sync,
    env,
    clock: systemClock,
    timer: systemRoundTimer,
    log: app.log,
  });
  let ready = false;
  const tls = await ensureServerCertificate({
    dataDir: config.dataDir,
    certFile: config.tlsCertFile,
    keyFile: config.tlsKeyFile,
  });
  let proxyUrl = config.proxyUrl ?? '';
  terminalProxy.certificateAuthority = tls.selfSigned ? tls.cert : undefined;
  const helmReleases = wireReleaseService({
    env,
    sandboxBinaries: () => findSandboxBinaries(env),
    proxy: { url: () => proxyUrl, certificateAuthority: tls.selfSigned ? tls.cert : undefined },
    iam,
    charts: options.chartSource ?? catalogue.chartSource,
    jobs,
    store: store.resources,
    cluster: (name) => clusters.get(name),
  });
  buildApp(
    {
      sandboxes,
      terminals,
      logLevel: config.logLevel,
      allowedOrigins: config.allowedOrigins,
      trustedProxies: config.trustedProxies,
      bodyLimits: { default: config.bodyLimitBytes, manifests: config.manifestBodyLimitBytes },
      kubeconfig: { proxyUrl: () => proxyUrl, certificateAuthority: tls.selfSigned ? tls.cert : undefined },
      isReady: () => ready,
      webDir: config.webDir,
      helmCatalogue: { repositories, catalogue },
      helmReleases,
      jobs,
      alerting: alerting.service,
      notifications,
      multiClusterServices,
      propagations,
      metricsEngine,
      metricQueries: {
        engine: metricsEngine,
        clusterExists: async (name) => (await store.clusters.getByName(name)) !== undefined,
      },
      inspections,
      lifecycle: { lifecycle: lifecycle.lifecycle, schedules: lifecycle.schedules },
      backups: backups.routes,
      replicas: {
        list: () => listReplicas({ store, clock: systemClock, self: replica.id }, config.leaseDurationMs),
      },
      core: {
        clusters,
        store,
        sync,
        health,
        changes,
        metrics,
        latestVersions: catalogue.latestVersions,
        trust: { allowExec: config.trustKubeconfigExec, allowFiles: config.trustKubeconfigFiles },
      },
      identity: {
        iam,
        cookies: { secure: config.secureCookies },
        onAccessChanged: () => rbac.reconcileAll(),
        events: identityEvents,
        watch: accessWatch,
      },
    },
    app,
  );
  addStoreGauges(metrics, {
    store,
    sync,
    sqliteFile: config.databaseUrl ? undefined : path.join(config.dataDir, 'portolan.db'),
  });
  for (const warning of keys.warnings) app.log.warn(warning);

  const proxy = buildProxyServer({
    clusters,
    tls,
    authenticate: iam.authenticate,
    audit: iam.audit,
    logLevel: config.logLevel,
    logFormat: config.logFormat,
    watch: accessWatch,
    allowedOrigins: config.allowedOrigins,
  });
  accessWatch.start();
  terminals.start();
  const listening = await listenAndAnnounce(app, proxy, config, bootstrap);
  proxyUrl = listening.proxyUrl;
  replica.address = listening.replicaAddress;

  // Said once at start, so an operator learns what to install before a user finds a 503.
  void terminals.unavailable().then(
    (problem) => problem && app.log.warn(`Web terminals are unavailable: ${problem}`),
    (error: unknown) => app.log.warn({ err: error }, 'checking whether web terminals can run failed'),
  );
  const startup = (async () => {
    // Before the evaluator may run: the built-in rules exist (made once, whichever replica is first).
    await alerting.ensureBuiltIns();
    await leases.start();
    await clusters.start();
    if (config.recoverSandboxes) {
      const restarted = await sandboxes.recover().catch((error: unknown) => {
        app.log.error({ err: error }, 'restarting sandboxes that were running failed');
        return [];
      });
      if (restarted.length > 0) app.log.info({ restarted }, 'restarted sandboxes that were running before');
    }
    ready = true;
  })();

  return {
    app,
    proxy,
    proxyUrl,
    store,
    clusters,
    sync,
    health,
    work: leases,
    changes,
    sandboxes,
    iam,
    jobs,
    catalogue,
    terminals,
    propagations,
    alerting,
    metricsEngine,
    lifecycle: lifecycle.lifecycle,
    ready: startup,
    async stop() {
      await startup.catch(() => undefined);
      // While the store is open: running jobs end as cancelled, saying this replica stopped.
      await jobs.stop();
      // While the store is open too: each open terminal ends, recorded as server-stopping.
      await terminals.stop();
      // First, so other replicas take this one's clusters and jobs at once.
      await leases.stop();
      housekeeping.stop();
      accessWatch.stop();
      health.stop();
      await proxy.close();
      await app.close();
      await clusters.stop();
      await sync.stopAll();
      await replicated.stop();
      await store.close();
    },
  };
}

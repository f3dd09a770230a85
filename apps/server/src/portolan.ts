import { randomBytes } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createSandboxManager, findSandboxBinaries, type SandboxManager } from '@portolan/sandbox';
import type { FastifyInstance } from 'fastify';
import {
  type ClusterRegistry,
  type ClusterRegistryDeps,
  createClusterRegistry,
} from './clusters/cluster-registry.ts';
import { createCredentialCipher } from './clusters/credential-cipher.ts';
import { loadEncryptionKeys } from './clusters/encryption-keys.ts';
import { createHealthProber, type HealthProber } from './clusters/health-prober.ts';
import type { ServerConfig } from './config/config.ts';
import { buildApp } from './http/app.ts';
import { createMetrics } from './http/metrics.ts';
import { buildProxyServer } from './http/proxy-server.ts';
import { registerKubeconfigRoutes } from './http/routes/kubeconfig-routes.ts';
import { ensureServerCertificate } from './http/tls-files.ts';
import { createAccessWatch } from './iam/access-watch.ts';
import { bootstrapAdmin } from './iam/bootstrap-admin.ts';
import { createIamServices, type IamServices } from './iam/iam-services.ts';
import { createIdentityEvents } from './iam/identity-events.ts';
import { reconcileClusterRbac, reconcileRbac } from './iam/rbac-reconciler.ts';
import { createKubeClient } from './kube/http-kube-client.ts';
import { openStore } from './store/open-store.ts';
import type { Store } from './store/store.ts';
import { exponentialBackoff } from './sync/backoff.ts';
import { type ChangeHub, createChangeHub } from './sync/change-hub.ts';
import { createSyncManager, type SyncManager } from './sync/sync-manager.ts';
import { createSyncReporter } from './sync/sync-reporter.ts';
import { systemClock } from './time/clock.ts';

export interface Portolan {
  app: FastifyInstance;
  /** The https listener of the Kubernetes API proxy. */
  proxy: FastifyInstance;
  proxyUrl: string;
  store: Store;
  clusters: ClusterRegistry;
  sync: SyncManager;
  health: HealthProber;
  changes: ChangeHub;
  sandboxes: SandboxManager;
  iam: IamServices;
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
  } = {},
): Promise<Portolan> {
  // The store, the key file and the certificate live here: readable by Portolan's user only.
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  const keys = await loadEncryptionKeys({ env, keyFile: config.encryptionKeyFile });
  const cipher = createCredentialCipher(keys.keys);
  const changes = createChangeHub();
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
  const bootstrap = await bootstrapAdmin({ store: store.iam, hasher: iam.hasher, random: randomBytes, env });
  const metrics = createMetrics();
  const sync = createSyncManager({
    store,
    changes,
    selection: { include: config.syncResources },
    backoff: exponentialBackoff({ baseMs: 500, maxMs: 30_000 }),
    // Watch failures, 410 relists and recoveries: one log line per change of state, and counted.
    onEvent: createSyncReporter({
      log: () => app.log,
      nameOf: (clusterId) => clusterNames.get(clusterId) ?? clusterId,
      errors: metrics.addCounter({
        name: 'portolan_sync_errors_total',
        help: 'Failed list, watch or discovery attempts per cluster, resource and reason.',
      }),
      relists: metrics.addCounter({
        name: 'portolan_sync_relists_total',
        help: 'Relists after a watch was too old for the API server (410 Gone), per cluster and resource.',
      }),
    }),
  });
  const clusterNames = new Map<string, string>();
  const clusters = createClusterRegistry({
    store,
    cipher,
    clock: systemClock,
    env,
    createClient: options.createClient ?? ((connection, limits) => createKubeClient(connection, limits)),
    checkTimeoutMs: config.connectTimeoutMs,
    execTimeoutMs: config.execTimeoutMs,
    onClientReady: async (clusterId, client) => {
      clusterNames.set(clusterId, (await store.clusters.get(clusterId))?.name ?? clusterId);
      await sync.add(clusterId, client);
      void reconcileRbacOf(clusterId);
    },
    onClientGone: (clusterId) => sync.remove(clusterId),
    onRemoved: (cluster) => store.iam.forgetCluster(cluster.name),
    // Its RBAC bindings leave with it (a cluster that does not answer within 5 s keeps them).
    beforeRemove: async (cluster, client) => {
      const removed = reconcileRbac(client, cluster.id, []).catch((error: unknown) => {
        app.log.warn({ err: error, cluster: cluster.name }, 'removing the cluster RBAC bindings failed');
      });
      await Promise.race([removed, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    },
  });
  /**
   * Member clusters' RBAC follows Portolan's bindings, so impersonated requests get exactly their
   * roles. One reconcile at a time per cluster, each after the one before, so none undoes a newer one.
   */
  const rbacRuns = new Map<string, Promise<void>>();
  function reconcileRbacOf(clusterId: string): Promise<void> {
    const run = (rbacRuns.get(clusterId) ?? Promise.resolve()).then(async () => {
      const cluster = await store.clusters.get(clusterId);
      const client = clusters.clientOf(clusterId);
      if (!cluster || !client) return;
      const report = await reconcileClusterRbac(store.iam, cluster, client).catch((error: unknown) => {
        app.log.warn({ err: error, cluster: cluster.name }, 'keeping the cluster RBAC in step failed');
      });
      if (report?.failed.length)
        app.log.warn({ cluster: cluster.name, failed: report.failed }, 'some cluster RBAC objects failed');
    });
    rbacRuns.set(clusterId, run);
    void run.finally(() => {
      if (rbacRuns.get(clusterId) === run) rbacRuns.delete(clusterId);
    });
    return run;
  }
  /** After an access change: every reachable cluster in step, waiting at most 10 s (a slow one goes on). */
  const reconcileAllRbac = async () => {
    const all = (await store.clusters.list()).map((cluster) => reconcileRbacOf(cluster.id));
    await Promise.race([Promise.all(all), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
  };
  const health = createHealthProber({
    store,
    clientOf: (clusterId) => clusters.clientOf(clusterId),
    intervalMs: config.probeIntervalMs,
    timeoutMs: config.probeTimeoutMs,
  });
  const sandboxes = createSandboxManager({ dataDir: config.dataDir, binDir: () => findSandboxBinaries(env) });
  let ready = false;
  const app = buildApp({
    sandboxes,
    logLevel: config.logLevel,
    ...(options.logStream ? { logStream: options.logStream } : {}),
    allowedOrigins: config.allowedOrigins,
    trustedProxies: config.trustedProxies,
    bodyLimits: { default: config.bodyLimitBytes, manifests: config.manifestBodyLimitBytes },
    isReady: () => ready,
    core: {
      clusters,
      store,
      sync,
      health,
      changes,
      metrics,
      trust: { allowExec: config.trustKubeconfigExec, allowFiles: config.trustKubeconfigFiles },
    },
    identity: {
      iam,
      cookies: { secure: config.secureCookies },
      onAccessChanged: () => reconcileAllRbac(),
      events: identityEvents,
      watch: accessWatch,
    },
  });
  if (bootstrap) {
    const message = bootstrap.generatedPassword
      ? `created the administrator "${bootstrap.username}" with the password ${bootstrap.generatedPassword} (shown once; change it)`
      : `created the administrator "${bootstrap.username}" from PORTOLAN_ADMIN_USER and PORTOLAN_ADMIN_PASSWORD`;
    app.log.warn(message);
  }
  addStoreGauges(metrics, store, sync, config);
  for (const warning of keys.warnings) app.log.warn(warning);

  const tls = await ensureServerCertificate({
    dataDir: config.dataDir,
    certFile: config.tlsCertFile,
    keyFile: config.tlsKeyFile,
  });
  const proxy = buildProxyServer({
    clusters,
    tls,
    authenticate: iam.authenticate,
    audit: iam.audit,
    logLevel: config.logLevel,
    watch: accessWatch,
    allowedOrigins: config.allowedOrigins,
  });
  let proxyUrl = config.proxyUrl ?? '';
  registerKubeconfigRoutes(app, {
    clusters,
    proxyUrl: () => proxyUrl,
    certificateAuthority: tls.selfSigned ? tls.cert : undefined,
    iam,
  });
  accessWatch.start();
  await app.listen({ host: config.host, port: config.port });
  await proxy.listen({ host: config.host, port: config.proxyPort });
  if (!proxyUrl) {
    const address = proxy.server.address();
    const port = typeof address === 'object' && address ? address.port : config.proxyPort;
    proxyUrl = `https://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  }

  const startup = (async () => {
    await clusters.start();
    health.start();
    if (config.recoverSandboxes) {
      const restarted = await sandboxes.recover().catch((error: unknown) => {
        app.log.error({ err: error }, 'restarting sandboxes that were running failed');
        return [];
      });
      if (restarted.length > 0) app.log.info({ restarted }, 'restarted sandboxes that were running before');
    }
    ready = true;
  })();
  // Expired sessions and audit records past their retention go once an hour.
  const housekeeping = setInterval(() => {
    void iam.sessions
      .sweep()
      .catch((error: unknown) => app.log.warn({ err: error }, 'sweeping sessions failed'));
    void iam.audit
      .prune()
      .catch((error: unknown) => app.log.warn({ err: error }, 'pruning the audit log failed'));
  }, 3_600_000);
  housekeeping.unref();

  return {
    app,
    proxy,
    proxyUrl,
    store,
    clusters,
    sync,
    health,
    changes,
    sandboxes,
    iam,
    ready: startup,
    async stop() {
      await startup.catch(() => undefined);
      clearInterval(housekeeping);
      accessWatch.stop();
      health.stop();
      await proxy.close();
      await app.close();
      await clusters.stop();
      await sync.stopAll();
      await store.close();
    },
  };
}

function addStoreGauges(
  metrics: ReturnType<typeof createMetrics>,
  store: Store,
  sync: SyncManager,
  config: ServerConfig,
) {
  metrics.addGauge({
    name: 'portolan_sync_lag_milliseconds',
    help: 'Time from a watch event to its row in the store, last batch, per cluster and resource.',
    samples: async () =>
      (await store.syncStates.list()).map((state) => ({
        labels: {
          cluster: state.clusterId,
          resource: state.group ? `${state.resource}.${state.group}` : state.resource,
        },
        value: state.lagMs ?? 0,
      })),
  });
  metrics.addGauge({
    name: 'portolan_store_objects',
    help: 'Objects kept in the store per cluster.',
    samples: async () => {
      const totals = new Map<string, number>();
      for (const count of await store.resources.counts())
        totals.set(count.clusterId, (totals.get(count.clusterId) ?? 0) + count.count);
      return [...totals].map(([cluster, value]) => ({ labels: { cluster }, value }));
    },
  });
  metrics.addGauge({
    name: 'portolan_sync_resource_types',
    help: 'Resource types synced per cluster, by state.',
    samples: async () =>
      sync.statuses().flatMap((status) => {
        const byState = new Map<string, number>();
        for (const resource of status.resources)
          byState.set(resource.state, (byState.get(resource.state) ?? 0) + 1);
        return [...byState].map(([state, value]) => ({
          labels: { cluster: status.clusterId, state },
          value,
        }));
      }),
  });
  if (!config.databaseUrl) {
    metrics.addGauge({
      name: 'portolan_store_bytes',
      help: 'Size of the SQLite store file.',
      samples: async () => {
        const size = await stat(path.join(config.dataDir, 'portolan.db'))
          .then((s) => s.size)
          .catch(() => 0);
        return [{ labels: {}, value: size }];
      },
    });
  }
}

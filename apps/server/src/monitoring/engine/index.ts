import type { MetricsEngineStatus } from '@portolan/api';
import type { CredentialCipher } from '#server/clusters/credential-cipher.ts';
import type { MetricsSettings } from '#server/config/metrics-settings.ts';
import type { KubeClient } from '#server/kube/kube-client.ts';
import type { SingletonJob } from '#server/replicas/work-leases.ts';
import type { EngineRecord, StoredMetricsSource } from '#server/store/monitoring/monitoring-store.ts';
import type { Store } from '#server/store/store.ts';
import { type MetricsEngine, MetricsEngineUnavailableError, type MetricsSource } from '../contract.ts';
import { createExternalSources, type ExternalSources } from './external-sources.ts';
import { createManagedEngine, type EngineLog, type ManagedEngine, settingsOf } from './managed-engine.ts';
import { fetchText, type PrometheusEndpoint, promGet } from './prometheus-api.ts';
import { prometheusSource } from './prometheus-source.ts';

export { MetricsSourceError } from './external-sources.ts';

export interface MetricsEngineDeps {
  settings: MetricsSettings;
  dataDir: string;
  replicaId: string;
  store: Pick<Store, 'monitoring' | 'clusters' | 'resources'>;
  cipher: CredentialCipher;
  clientOf: (clusterId: string) => KubeClient | undefined;
  log: EngineLog;
  /** How long the engine's address and clusters' sources are remembered between store reads. */
  cacheMs?: number;
  onStateScrape?: (clusterName: string, durationMs: number, samples: number) => void;
}

export interface MetricsEngineService extends MetricsEngine {
  /** The `metrics-engine` singleton job: the replica holding it runs Prometheus. */
  job: SingletonJob;
  /** External sources per cluster (GET/PUT /api/v1/monitoring/sources/:cluster). */
  sources: ExternalSources;
  /** This replica's managed engine, when it holds the lease (tests and the benchmark look inside). */
  local: ManagedEngine;
}

/**
 * The metrics engine (contract.ts): the managed Prometheus that one replica runs (any replica queries
 * it at the address in the store), and the external engines clusters point to.
 */
export function createMetricsEngine(deps: MetricsEngineDeps): MetricsEngineService {
  const cacheMs = deps.cacheMs ?? 3000;
  const local = createManagedEngine({
    settings: deps.settings,
    dataDir: deps.dataDir,
    replicaId: deps.replicaId,
    store: deps.store.monitoring,
    clusters: () => deps.store.clusters.list(),
    clientOf: deps.clientOf,
    resources: deps.store.resources,
    log: deps.log,
    ...(deps.onStateScrape ? { onStateScrape: deps.onStateScrape } : {}),
  });
  const sources = createExternalSources({
    store: deps.store.monitoring,
    cluster: (name) => deps.store.clusters.getByName(name),
    cipher: deps.cipher,
    timeoutMs: deps.settings.queryTimeoutMs,
  });

  /** Reads the store at most once per cacheMs; a failed read is not remembered. */
  function cached<T>(read: () => Promise<T>): { get(): Promise<T>; forget(): void } {
    let entry: { at: number; value: Promise<T> } | undefined;
    return {
      get() {
        if (entry && Date.now() - entry.at < cacheMs) return entry.value;
        const value = read();
        entry = { at: Date.now(), value };
        value.catch(() => {
          entry = undefined;
        });
        return value;
      },
      forget() {
        entry = undefined;
      },
    };
  }
  const record = cached(() => deps.store.monitoring.engine());
  const externals = cached(() => deps.store.monitoring.sources());

  /** Why there is no managed engine to ask, in words an operator acts on. */
  function offReason(): string {
    if (!deps.settings.enabled)
      return 'the managed metrics engine is turned off (PORTOLAN_METRICS_ENGINE=off)';
    if (!deps.settings.prometheusBin)
      return 'Prometheus is not installed on this server: run scripts/prometheus.sh (Debian’s prometheus package) and set PORTOLAN_PROMETHEUS_BIN to the path it prints';
    return '';
  }

  async function managedRecord(): Promise<EngineRecord> {
    const found = await record.get();
    if (found) return found;
    const off = offReason();
    throw new MetricsEngineUnavailableError(
      off ||
        (local.problem() ??
          'the metrics engine is starting (the replica that holds its lease starts Prometheus); try again in a few seconds'),
    );
  }

  const managedEndpoint = async (): Promise<PrometheusEndpoint> => ({
    url: (await managedRecord()).address,
    timeoutMs: deps.settings.queryTimeoutMs,
    describe: 'the managed metrics engine (Prometheus)',
  });

  const managedSource = prometheusSource({
    kind: 'managed',
    endpoint: async () => {
      try {
        return await managedEndpoint();
      } catch (error) {
        record.forget();
        throw error;
      }
    },
    lastFailure: (path) => local.running()?.proxy.lastFailure(path),
  });
  // After a failure the address is read again: Prometheus may have been restarted on a new port.
  const managed: MetricsSource = withRetryOnMove(managedSource, () => record.forget());

  const externalSources = new Map<string, { key: string; source: MetricsSource }>();
  function externalSourceOf(clusterName: string, stored: StoredMetricsSource): MetricsSource {
    const key = `${stored.url}|${stored.clusterLabel}|${stored.clusterValue}|${stored.sealedToken}|${stored.skipTlsVerify}`;
    const known = externalSources.get(clusterName);
    if (known?.key === key) return known.source;
    const source = prometheusSource({
      kind: 'external',
      endpoint: async () => sources.endpointOf({ name: clusterName }, stored),
      naming: { cluster: clusterName, label: stored.clusterLabel, value: stored.clusterValue },
    });
    externalSources.set(clusterName, { key, source });
    return source;
  }

  /** Clusters (by name) answered by an external engine at the last look, for `kind` (read synchronously). */
  const externalNames = new Set<string>();

  /** The source answering for a cluster, looked up at each call (settings change underneath). */
  function sourceFor(clusterName: string): MetricsSource {
    const resolve = async (): Promise<MetricsSource> => {
      const cluster = await deps.store.clusters.getByName(clusterName);
      const stored = cluster && (await externals.get()).find((source) => source.clusterId === cluster.id);
      if (stored) externalNames.add(clusterName);
      else externalNames.delete(clusterName);
      return stored ? externalSourceOf(clusterName, stored) : managed;
    };
    return {
      // As of the last call for this cluster (the managed engine before the first).
      get kind() {
        return externalNames.has(clusterName) ? 'external' : 'managed';
      },
      query: async (promql, at) => (await resolve()).query(promql, at),
      queryRange: async (promql, start, end, step) => (await resolve()).queryRange(promql, start, end, step),
      metricNames: async (cluster) => (await resolve()).metricNames(cluster),
      targets: async (cluster) => (await resolve()).targets(cluster),
    };
  }

  async function status(): Promise<MetricsEngineStatus> {
    const [stored, clusters] = await Promise.all([externals.get(), deps.store.clusters.list()]);
    const externalIds = new Set(stored.map((source) => source.clusterId));
    const externalTargets = await Promise.all(
      stored.flatMap((source) => {
        const cluster = clusters.find((candidate) => candidate.id === source.clusterId);
        if (!cluster) return [];
        return [externalTarget(cluster.name, sources.endpointOf(cluster, source))];
      }),
    );
    const allExternal = clusters.length > 0 && clusters.every((cluster) => externalIds.has(cluster.id));
    const off = offReason();
    const found = await record.get().catch(() => undefined);
    if (!found) {
      const reason = off || local.problem() || 'the metrics engine is starting; try again in a few seconds';
      return {
        mode: off ? (allExternal ? 'external-only' : 'off') : 'managed',
        available: false,
        reason,
        targets: externalTargets,
      };
    }
    const settings = found.settings ?? settingsOf(deps.settings);
    const base = {
      mode: 'managed' as const,
      replica: found.replica,
      retention: settings.retention,
      retentionBytes: settings.retentionBytes,
      sampleLimit: settings.sampleLimit,
      scrapeIntervalSeconds: settings.scrapeIntervalSeconds,
      ...(found.version ? { version: found.version } : {}),
    };
    const endpoint: PrometheusEndpoint = {
      url: found.address,
      timeoutMs: deps.settings.queryTimeoutMs,
      describe: 'the managed metrics engine (Prometheus)',
    };
    try {
      const [tsdb, memory, targets] = await Promise.all([
        promGet<{ headStats?: { numSeries?: number } }>(endpoint, '/api/v1/status/tsdb'),
        processResidentBytes(endpoint),
        managedTargets(clusters.map((cluster) => cluster.name)),
      ]);
      return {
        ...base,
        available: true,
        ...(tsdb.headStats?.numSeries !== undefined ? { series: tsdb.headStats.numSeries } : {}),
        ...(memory !== undefined ? { memoryBytes: memory } : {}),
        targets: [...targets, ...externalTargets],
      };
    } catch (error) {
      record.forget();
      return { ...base, available: false, reason: (error as Error).message, targets: externalTargets };
    }
  }

  async function managedTargets(clusterNames: string[]): Promise<MetricsEngineStatus['targets']> {
    const names = new Set(clusterNames);
    const all = await managedSource.allTargets();
    return all
      .filter((target) => names.has(target.cluster))
      .map((target) => ({
        cluster: target.cluster,
        job: target.job,
        source: 'managed' as const,
        health: target.health,
        ...(target.lastScrape ? { lastScrape: target.lastScrape.toISOString() } : {}),
        ...(target.lastError ? { lastError: target.lastError } : {}),
        ...(target.lastScrapeDurationMs !== undefined
          ? { lastScrapeDurationMs: target.lastScrapeDurationMs }
          : {}),
      }));
  }

  return {
    sourceFor,
    managed: () => managed,
    status,
    sources: {
      ...sources,
      async put(clusterName, input, actor) {
        const saved = await sources.put(clusterName, input, actor);
        externals.forget();
        return saved;
      },
    },
    job: { start: () => local.start(), stop: () => local.stop() },
    local,
  };
}

/** One external engine as a target: up when it answers its build information. */
async function externalTarget(
  cluster: string,
  endpoint: PrometheusEndpoint,
): Promise<MetricsEngineStatus['targets'][number]> {
  const started = Date.now();
  try {
    await promGet(endpoint, '/api/v1/status/buildinfo');
    return {
      cluster,
      job: 'external',
      source: 'external',
      health: 'up',
      lastScrape: new Date().toISOString(),
      lastScrapeDurationMs: Date.now() - started,
    };
  } catch (error) {
    return {
      cluster,
      job: 'external',
      source: 'external',
      health: 'down',
      lastError: (error as Error).message,
    };
  }
}

/** Prometheus' own resident memory, from its /metrics. */
async function processResidentBytes(endpoint: PrometheusEndpoint): Promise<number | undefined> {
  const { status, text } = await fetchText(endpoint, '/metrics');
  if (status !== 200) return undefined;
  const match = /^process_resident_memory_bytes\s+(\S+)$/m.exec(text);
  return match?.[1] ? Math.round(Number(match[1])) : undefined;
}

/** Calls once more after an unavailable error, with the address read again (the engine may have moved). */
function withRetryOnMove(source: MetricsSource, forget: () => void): MetricsSource {
  const again =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(...args);
      } catch (error) {
        if (!(error instanceof MetricsEngineUnavailableError)) throw error;
        forget();
        return call(...args);
      }
    };
  return {
    kind: source.kind,
    query: again(source.query),
    queryRange: again(source.queryRange),
    metricNames: again(source.metricNames),
    targets: again(source.targets),
  };
}

/** The managed metrics engine's settings (monitoring/engine/), read from PORTOLAN_METRICS_* variables. */
export interface MetricsSettings {
  /** Debian's prometheus binary (scripts/prometheus.sh prints it); absent: the engine is off. */
  prometheusBin: string | undefined;
  /** `off` turns the managed engine off even when the binary is there. */
  enabled: boolean;
  scrapeIntervalSeconds: number;
  /** Prometheus' --storage.tsdb.retention.time, e.g. 15d. */
  retention: string;
  /** Prometheus' --storage.tsdb.retention.size, in bytes. */
  retentionBytes: number;
  /** Per scrape: a target that exposes more samples fails its scrape, saying so. */
  sampleLimit: number;
  /** Where Prometheus and the scrape proxy listen: 127.0.0.1 unless replicas on other machines query it. */
  listenHost: string;
  /** A query the engine has not answered in this long fails as unavailable. */
  queryTimeoutMs: number;
}

type Invalid = (message: string) => Error;

function whole(
  env: NodeJS.ProcessEnv,
  invalid: Invalid,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = env[name]?.trim() || String(fallback);
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max)
    throw invalid(`${name} "${text}" must be a whole number from ${min} to ${max}`);
  return value;
}

/** `invalid` makes config's own error (config.ts imports this file, not the other way round). */
export function metricsSettings(env: NodeJS.ProcessEnv, invalid: Invalid): MetricsSettings {
  const mode = env.PORTOLAN_METRICS_ENGINE?.trim() || 'managed';
  if (mode !== 'managed' && mode !== 'off')
    throw invalid(`PORTOLAN_METRICS_ENGINE "${mode}" must be managed or off`);
  const retention = env.PORTOLAN_METRICS_RETENTION?.trim() || '15d';
  if (!/^\d+(ms|s|m|h|d|w|y)$/.test(retention))
    throw invalid(`PORTOLAN_METRICS_RETENTION "${retention}" must be a duration such as 15d, 48h or 2w`);
  return {
    prometheusBin: env.PORTOLAN_PROMETHEUS_BIN?.trim() || undefined,
    enabled: mode === 'managed',
    scrapeIntervalSeconds: whole(env, invalid, 'PORTOLAN_METRICS_SCRAPE_INTERVAL_SECONDS', 30, 1, 3600),
    retention,
    retentionBytes: whole(env, invalid, 'PORTOLAN_METRICS_RETENTION_MIB', 4096, 64, 16_777_216) * 1024 * 1024,
    sampleLimit: whole(env, invalid, 'PORTOLAN_METRICS_SAMPLE_LIMIT', 200_000, 1000, 100_000_000),
    listenHost: env.PORTOLAN_METRICS_LISTEN_HOST?.trim() || '127.0.0.1',
    queryTimeoutMs: whole(env, invalid, 'PORTOLAN_METRICS_QUERY_TIMEOUT_SECONDS', 10, 1, 300) * 1000,
  };
}

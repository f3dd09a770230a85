import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MetricsSettings } from '#server/config/metrics-settings.ts';
import type { KubeClient } from '#server/kube/kube-client.ts';
import type { EngineSettings, MonitoringStore } from '#server/store/monitoring/monitoring-store.ts';
import type { Cluster, ResourceStore } from '#server/store/store.ts';
import { exponentialBackoff, sleep } from '#server/sync/backoff.ts';
import { promGet } from './prometheus-api.ts';
import { prometheusConfig } from './prometheus-config.ts';
import { type RunningPrometheus, startPrometheus } from './prometheus-process.ts';
import { type ScrapeProxy, startScrapeProxy } from './scrape-proxy.ts';

export interface EngineLog {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}

export interface ManagedEngineDeps {
  settings: MetricsSettings;
  /** Portolan's data directory: Prometheus' files go in its `metrics` folder. */
  dataDir: string;
  replicaId: string;
  store: MonitoringStore;
  clusters: () => Promise<Cluster[]>;
  clientOf: (clusterId: string) => KubeClient | undefined;
  resources: Pick<ResourceStore, 'search' | 'get'>;
  log: EngineLog;
  onStateScrape?: (clusterName: string, durationMs: number, samples: number) => void;
}

/** What this replica runs while it holds the `metrics-engine` lease (nothing otherwise). */
export interface ManagedEngine {
  start(): void;
  stop(): Promise<void>;
  /** This replica's Prometheus and scrape proxy, while it runs them. */
  running(): { prometheus: RunningPrometheus; proxy: ScrapeProxy } | undefined;
  /** Why it is not running here when it should: the binary is missing, it keeps dying… */
  problem(): string | undefined;
}

export const settingsOf = (settings: MetricsSettings): EngineSettings => ({
  retention: settings.retention,
  retentionBytes: settings.retentionBytes,
  sampleLimit: settings.sampleLimit,
  scrapeIntervalSeconds: settings.scrapeIntervalSeconds,
});

/**
 * The managed engine as a singleton job: the replica holding the lease starts the scrape proxy and
 * Prometheus (retention, sample limit and scrape interval from config), records where it answers
 * so every replica queries it, restarts it with back-off when it dies (saying why, from its own
 * output), and stops both when the lease goes or the server stops.
 */
export function createManagedEngine(deps: ManagedEngineDeps): ManagedEngine {
  const folder = path.join(deps.dataDir, 'metrics');
  const backoff = exponentialBackoff({ baseMs: 1000, maxMs: 30_000 });
  let current: { prometheus: RunningPrometheus; proxy: ScrapeProxy } | undefined;
  let controller: AbortController | undefined;
  let loop: Promise<void> | undefined;
  let problem: string | undefined;

  const tokenFile = path.join(folder, 'scrape-token');
  const configFile = path.join(folder, 'prometheus.yml');

  /** The configuration for this scrape proxy. */
  function writeConfig(proxy: ScrapeProxy): Promise<void> {
    const text = prometheusConfig({
      proxy: proxy.address,
      tokenFile,
      scrapeIntervalSeconds: deps.settings.scrapeIntervalSeconds,
      sampleLimit: deps.settings.sampleLimit,
    });
    return writeAtomically(configFile, text, 0o600);
  }

  async function launch(signal: AbortSignal): Promise<void> {
    const binary = deps.settings.prometheusBin;
    if (!binary) throw new Error('no Prometheus binary is configured');
    await mkdir(path.join(folder, 'data'), { recursive: true, mode: 0o700 });
    const proxy = await startScrapeProxy({
      clusters: deps.clusters,
      externalClusterIds: async () => new Set((await deps.store.sources()).map((source) => source.clusterId)),
      clientOf: deps.clientOf,
      resources: deps.resources,
      host: deps.settings.listenHost,
      scrapeTimeoutMs: Math.min(10, deps.settings.scrapeIntervalSeconds) * 1000,
      ...(deps.onStateScrape ? { onStateScrape: deps.onStateScrape } : {}),
    });
    try {
      await writeAtomically(tokenFile, proxy.token, 0o600);
      await writeConfig(proxy);
      // A Prometheus left running by a Portolan that was killed holds the data folder's lock: end it.
      await endOrphan(path.join(folder, 'prometheus.pid'), configFile);
      const prometheus = await startPrometheus({
        binary,
        host: deps.settings.listenHost,
        configFile,
        dataDir: path.join(folder, 'data'),
        retention: deps.settings.retention,
        retentionBytes: deps.settings.retentionBytes,
      });
      if (signal.aborted) {
        await prometheus.stop();
        await proxy.close();
        return;
      }
      current = { prometheus, proxy };
      await writeFile(path.join(folder, 'prometheus.pid'), String(prometheus.pid));
      const build = await promGet<{ version?: string }>(
        { url: prometheus.url, timeoutMs: deps.settings.queryTimeoutMs, describe: 'the managed Prometheus' },
        '/api/v1/status/buildinfo',
      ).catch(() => ({ version: undefined }));
      const now = new Date();
      await deps.store.recordEngine({
        address: prometheus.url,
        replica: deps.replicaId,
        version: build.version ?? null,
        settings: settingsOf(deps.settings),
        startedAt: now,
        updatedAt: now,
      });
    } catch (error) {
      await proxy.close();
      throw error;
    }
  }

  async function supervise(signal: AbortSignal): Promise<void> {
    let attempt = 0;
    while (!signal.aborted) {
      const startedAt = Date.now();
      try {
        await launch(signal);
        problem = undefined;
        if (!current) return;
        deps.log.info(
          { pid: current.prometheus.pid, address: current.prometheus.url },
          'the metrics engine (Prometheus) runs',
        );
        const how = await Promise.race([
          current.prometheus.exited,
          new Promise<undefined>((resolve) =>
            signal.addEventListener('abort', () => resolve(undefined), { once: true }),
          ),
        ]);
        if (how === undefined) return;
        const lines = current.prometheus.lastLines().slice(-3).join(' | ');
        problem = `Prometheus stopped (${how})${lines ? `: ${lines}` : ''}; starting it again`;
        deps.log.warn(
          { pid: current.prometheus.pid, how, output: lines },
          'the metrics engine (Prometheus) stopped; starting it again',
        );
        await current.proxy.close();
        current = undefined;
      } catch (error) {
        problem = `the metrics engine could not start: ${(error as Error).message}`;
        deps.log.warn({ err: error }, 'the metrics engine could not start; trying again');
      }
      // A run that lasted a minute starts the back-off afresh.
      attempt = Date.now() - startedAt > 60_000 ? 0 : attempt + 1;
      await sleep(backoff.delayMs(attempt), signal);
    }
  }

  return {
    start() {
      if (loop) return;
      if (!deps.settings.prometheusBin || !deps.settings.enabled) return;
      controller = new AbortController();
      loop = supervise(controller.signal);
    },
    async stop() {
      controller?.abort();
      await loop;
      loop = undefined;
      const running = current;
      current = undefined;
      if (running) {
        await running.prometheus.stop();
        await running.proxy.close();
      }
      await deps.store
        .forgetEngine(deps.replicaId)
        .catch((error: unknown) =>
          deps.log.warn({ err: error }, 'forgetting the metrics engine’s address failed'),
        );
    },
    running: () => current,
    problem: () => problem,
  };
}

/** Ends the Prometheus named by the pid file if it still runs with this config file (and only then). */
async function endOrphan(pidFile: string, configFile: string): Promise<void> {
  const pid = Number(await readFile(pidFile, 'utf8').catch(() => ''));
  if (!pid) return;
  const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (command.includes(`--config.file=${configFile}`)) {
    process.kill(pid, 'SIGKILL');
    // Its lock goes with it; give the kernel a moment to reap it.
    for (let i = 0; i < 50 && (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')); i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await rm(pidFile, { force: true });
}

async function writeAtomically(file: string, text: string, mode: number): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, text, { mode });
  await chmod(temporary, mode);
  await rename(temporary, file);
}

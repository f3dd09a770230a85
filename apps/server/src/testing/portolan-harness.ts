import { readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { ClusterRegistryDeps } from '#server/clusters/cluster-registry.ts';
import { loadConfig } from '#server/config/config.ts';
import type { ChartSource } from '#server/helm/chart-source.ts';
import { type Portolan, startPortolan } from '#server/portolan.ts';
import { defaultHarnessStore, type HarnessStore, harnessDatabase } from './harness-database.ts';
import { testTempDir } from './temp-dir.ts';

export interface Harness {
  portolan: Portolan;
  url: string;
  dataDir: string;
  /** Where its data is: SQLite in dataDir, or a PostgreSQL database of its own. */
  store: HarnessStore;
  /** On PostgreSQL, the URL of its database. */
  databaseUrl: string | undefined;
  /** The administrator's Authorization header, for requests made without `call`. */
  headers: { authorization: string };
  /** JSON in, JSON out; throws on a transport error only. */
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  register(name: string, kubeconfigPath: string, labels?: Record<string, string>): Promise<{ id: string }>;
  /** Stops the server; the data directory (and PostgreSQL database) stays unless `removeData`. */
  stop(options?: { removeData?: boolean }): Promise<void>;
}

/**
 * A real Portolan server on a free port over a temporary (or given) data directory. `store` picks
 * SQLite or PostgreSQL (see harness-database.ts); `createClient` gives member clusters a fake client.
 */
export async function startHarness(
  options: {
    dataDir?: string;
    args?: string[];
    logStream?: { write(line: string): void };
    store?: HarnessStore;
    createClient?: ClusterRegistryDeps['createClient'];
    /** Where Helm operations get charts (the catalogue when absent). */
    chartSource?: ChartSource;
    /** Runs the managed metrics engine with this Prometheus binary (off when absent). */
    metricsEngine?: { prometheusBin: string; scrapeIntervalSeconds?: number };
  } = {},
): Promise<Harness> {
  const dataDir = options.dataDir ?? (await testTempDir('portolan-server-'));
  const store = options.store ?? defaultHarnessStore(process.env);
  const database = store === 'postgres' ? await harnessDatabase(dataDir, process.env) : undefined;
  const config = loadConfig(
    [
      '--port',
      '0',
      '--proxy-port',
      '0',
      '--data-dir',
      dataDir,
      '--log-level',
      'warn',
      '--probe-interval',
      '1',
      '--recover-sandboxes',
      'false',
      ...(options.args ?? []),
    ],
    {
      PORTOLAN_DATABASE_URL: database?.url,
      PORTOLAN_ADMIN_USER: 'admin',
      PORTOLAN_ADMIN_PASSWORD: 'harness-admin-password',
      ...(options.metricsEngine
        ? {
            PORTOLAN_PROMETHEUS_BIN: options.metricsEngine.prometheusBin,
            PORTOLAN_METRICS_SCRAPE_INTERVAL_SECONDS: String(
              options.metricsEngine.scrapeIntervalSeconds ?? 5,
            ),
          }
        : {}),
    },
  );
  const portolan = await startPortolan(config, process.env, {
    ...(options.logStream ? { logStream: options.logStream } : {}),
    ...(options.createClient ? { createClient: options.createClient } : {}),
    ...(options.chartSource ? { chartSource: options.chartSource } : {}),
  });
  await portolan.ready;
  // Every call acts as the platform administrator, with an API token of its own.
  const admin = await portolan.store.iam.users.getByUsername('admin');
  if (!admin) throw new Error('the bootstrap administrator is missing');
  const { token } = await portolan.iam.tokens.create(admin.id, {
    name: 'test harness',
    scopes: 'all',
    expiresInDays: 1,
  });
  const headers = { authorization: `Bearer ${token}` };
  const url = `http://127.0.0.1:${(portolan.app.server.address() as AddressInfo).port}`;
  const call = async <T>(method: string, route: string, body?: unknown) => {
    const response = await fetch(`${url}${route}`, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  return {
    portolan,
    url,
    dataDir,
    store,
    databaseUrl: database?.url,
    headers,
    call,
    async register(name, kubeconfigPath, labels = {}) {
      const kubeconfig = await readFile(kubeconfigPath, 'utf8');
      const response = await call<{ id: string; error?: { message: string } }>('POST', '/api/v1/clusters', {
        name,
        kubeconfig,
        labels,
      });
      if (response.status !== 201)
        throw new Error(`registering ${name} failed (${response.status}): ${JSON.stringify(response.body)}`);
      return response.body;
    },
    async stop(stopOptions = {}) {
      await portolan.stop();
      if (stopOptions.removeData) {
        await database?.drop();
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}

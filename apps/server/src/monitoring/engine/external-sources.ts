import type { MetricsSourceSettings } from '@portolan/api';
import type { CredentialCipher } from '#server/clusters/credential-cipher.ts';
import type { MonitoringStore, StoredMetricsSource } from '#server/store/monitoring/monitoring-store.ts';
import type { Cluster } from '#server/store/store.ts';
import type { PrometheusEndpoint } from './prometheus-api.ts';
import { promGet } from './prometheus-api.ts';

/** A source setting the caller must change: `field` names the part at fault. */
export class MetricsSourceError extends Error {
  override name = 'MetricsSourceError';
  readonly field: string;
  readonly code: 'invalid' | 'not-found' | 'unreachable';
  constructor(message: string, field: string, code: MetricsSourceError['code'] = 'invalid') {
    super(message);
    this.field = field;
    this.code = code;
  }
}

export interface ExternalSourcesDeps {
  store: MonitoringStore;
  cluster: (name: string) => Promise<Cluster | undefined>;
  cipher: CredentialCipher;
  timeoutMs: number;
}

/** The token is bound to the cluster id, so a sealed token cannot be moved to another cluster's row. */
const sealContext = (clusterId: string) => `metrics-source:${clusterId}`;

/**
 * Clusters whose series come from an existing Prometheus or VictoriaMetrics: the URL, how that engine
 * names the cluster, a bearer token sealed at rest (answers say hasToken only), TLS verification.
 */
export function createExternalSources(deps: ExternalSourcesDeps) {
  async function clusterNamed(name: string): Promise<Cluster> {
    const cluster = await deps.cluster(name);
    if (!cluster) throw new MetricsSourceError(`no cluster ${name} is registered`, 'cluster', 'not-found');
    return cluster;
  }

  function endpointOf(cluster: Pick<Cluster, 'name'>, source: StoredMetricsSource): PrometheusEndpoint {
    return {
      url: source.url,
      ...(source.sealedToken
        ? {
            bearerToken: deps.cipher
              .decrypt(source.sealedToken, sealContext(source.clusterId))
              .toString('utf8'),
          }
        : {}),
      skipTlsVerify: source.skipTlsVerify,
      timeoutMs: deps.timeoutMs,
      describe: `cluster ${cluster.name}'s metrics engine at ${source.url}`,
    };
  }

  const view = (source: StoredMetricsSource | undefined): MetricsSourceSettings =>
    source
      ? {
          kind: 'external',
          url: source.url,
          clusterLabel: source.clusterLabel,
          ...(source.clusterValue !== null ? { clusterValue: source.clusterValue } : {}),
          hasToken: source.sealedToken !== null,
          insecureSkipTlsVerify: source.skipTlsVerify,
        }
      : { kind: 'managed' };

  return {
    endpointOf,
    async get(clusterName: string): Promise<MetricsSourceSettings> {
      const cluster = await clusterNamed(clusterName);
      return view(await deps.store.source(cluster.id));
    },
    /**
     * Saves the cluster's source after checking that the URL answers /api/v1/status/buildinfo with the
     * token given (or the one kept, when none is given; an empty one removes it). `managed` goes back
     * to the managed engine.
     */
    async put(
      clusterName: string,
      input: MetricsSourceSettings,
      actor: string,
    ): Promise<MetricsSourceSettings> {
      const cluster = await clusterNamed(clusterName);
      if (input.kind === 'managed') {
        await deps.store.removeSource(cluster.id);
        return view(undefined);
      }
      const url = checkUrl(input.url);
      const before = await deps.store.source(cluster.id);
      const token =
        input.bearerToken === undefined
          ? before?.sealedToken
            ? deps.cipher.decrypt(before.sealedToken, sealContext(cluster.id)).toString('utf8')
            : undefined
          : input.bearerToken.trim() || undefined;
      const clusterLabel = input.clusterLabel?.trim() || 'cluster';
      if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(clusterLabel))
        throw new MetricsSourceError(
          `clusterLabel "${clusterLabel}" is not a Prometheus label name (letters, digits and _, not starting with a digit)`,
          'clusterLabel',
        );
      const source: StoredMetricsSource = {
        clusterId: cluster.id,
        url,
        clusterLabel,
        // A label named without a value: the cluster's own name is its value there.
        clusterValue: input.clusterValue?.trim() || (input.clusterLabel?.trim() ? cluster.name : null),
        sealedToken: token ? deps.cipher.encrypt(token, sealContext(cluster.id)) : null,
        skipTlsVerify: input.insecureSkipTlsVerify ?? false,
        updatedBy: actor,
        updatedAt: new Date(),
      };
      try {
        await promGet(endpointOf(cluster, source), '/api/v1/status/buildinfo');
      } catch (error) {
        throw new MetricsSourceError(
          `${(error as Error).message}. Portolan asks ${url.replace(/\/+$/, '')}/api/v1/status/buildinfo, which a ` +
            'Prometheus or VictoriaMetrics query API answers; check the URL (with any path prefix), the token and TLS.',
          'url',
          'unreachable',
        );
      }
      await deps.store.putSource(source);
      return view(source);
    },
  };
}

export type ExternalSources = ReturnType<typeof createExternalSources>;

function checkUrl(text: string | undefined): string {
  if (!text?.trim()) throw new MetricsSourceError('an external source needs its url', 'url');
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new MetricsSourceError(
      `url "${text}" is not a URL; give e.g. https://prometheus.example.com`,
      'url',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new MetricsSourceError(`url must be http or https, not ${url.protocol.replace(':', '')}`, 'url');
  if (url.username || url.password)
    throw new MetricsSourceError(
      'put credentials in bearerToken, not in the url (it is shown to readers)',
      'url',
    );
  if (url.search || url.hash)
    throw new MetricsSourceError('url is the query API’s base, without ? or #', 'url');
  return url.toString().replace(/\/+$/, '');
}

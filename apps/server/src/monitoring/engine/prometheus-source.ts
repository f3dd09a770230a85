import type { InstantSample, MetricsSource, RangeSeries, ScrapeTarget } from '../contract.ts';
import {
  type PrometheusEndpoint,
  type PromTarget,
  type PromVectorEntry,
  promGet,
  sampleOf,
} from './prometheus-api.ts';

/**
 * How an external engine names a cluster, when not as `cluster="<registered name>"`: Portolan's
 * queries are rewritten on the way in and the answers' labels on the way back, so callers always
 * see `cluster=<name>`.
 */
export interface ClusterNaming {
  cluster: string;
  /** The label that names the cluster there. */
  label: string;
  /** Its value there; null when that engine holds this cluster's series only, without such a label. */
  value: string | null;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const quoted = (text: string) => JSON.stringify(text);

/** Rewrites `cluster="<name>"` matchers (and `by (cluster)` groupings) into the engine's own naming. */
export function rewriteQuery(promql: string, naming: ClusterNaming | undefined): string {
  if (!naming || (naming.label === 'cluster' && naming.value === naming.cluster)) return promql;
  const matcher = new RegExp(`\\bcluster\\s*(=~?)\\s*"${escapeRegex(naming.cluster)}"`, 'g');
  if (naming.value === null) {
    // That engine has this cluster only: the matcher goes (with one neighbouring comma).
    return promql
      .replace(new RegExp(`${matcher.source}\\s*,\\s*`, 'g'), '')
      .replace(new RegExp(`,?\\s*${matcher.source}`, 'g'), '');
  }
  let text = promql.replace(matcher, `${naming.label}$1${quoted(naming.value)}`);
  if (naming.label !== 'cluster')
    text = text.replace(
      /\b(by|without)\s*\(([^)]*)\)/g,
      (_all, word: string, labels: string) => `${word} (${labels.replace(/\bcluster\b/g, naming.label)})`,
    );
  return text;
}

/** The engine's labels back in Portolan's naming: `cluster=<name>`. */
function relabel(labels: Record<string, string>, naming: ClusterNaming | undefined): Record<string, string> {
  if (!naming) return labels;
  const out = { ...labels };
  if (naming.label !== 'cluster') delete out[naming.label];
  if (
    naming.value === null ||
    out.cluster === naming.value ||
    naming.label !== 'cluster' ||
    !('cluster' in labels)
  )
    out.cluster = naming.cluster;
  return out;
}

export interface PrometheusSourceOptions {
  kind: MetricsSource['kind'];
  endpoint: () => Promise<PrometheusEndpoint>;
  /** For an external engine: its naming of the one cluster it answers for. */
  naming?: ClusterNaming;
  /** Scrape-proxy failures in Portolan's words, by the target's metrics path (managed only). */
  lastFailure?: (path: string) => string | undefined;
  /** How long metric names are remembered per cluster. */
  namesTtlMs?: number;
}

/** A MetricsSource over a Prometheus-compatible HTTP API. */
export function prometheusSource(
  options: PrometheusSourceOptions,
): MetricsSource & { allTargets(): Promise<ScrapeTarget[]> } {
  /** Every cluster's targets in one request (an external engine's are not Portolan's to show). */
  async function allTargets(): Promise<ScrapeTarget[]> {
    if (options.kind === 'external') return [];
    const data = await promGet<{ activeTargets: PromTarget[] }>(await options.endpoint(), '/api/v1/targets', [
      ['state', 'active'],
    ]);
    return data.activeTargets.map((target) => scrapeTarget(target, options.lastFailure));
  }
  const names = new Map<string, { at: number; names: Promise<Set<string>> }>();
  const ttl = options.namesTtlMs ?? 30_000;
  return {
    kind: options.kind,
    async query(promql, at) {
      const data = await promGet<{ resultType: string; result: PromVectorEntry[] | [number, string] }>(
        await options.endpoint(),
        '/api/v1/query',
        [
          ['query', rewriteQuery(promql, options.naming)],
          ...(at ? [['time', String(at.getTime() / 1000)] as [string, string]] : []),
        ],
      );
      if (data.resultType === 'scalar' || data.resultType === 'string') {
        const [seconds, value] = data.result as [number, string];
        return [{ labels: {}, value: Number(value), at: Math.round(seconds * 1000) }];
      }
      return (data.result as PromVectorEntry[]).flatMap((entry): InstantSample[] => {
        if (!entry.value) return [];
        const [time, value] = sampleOf(entry.value);
        return [{ labels: relabel(entry.metric, options.naming), value, at: time }];
      });
    },
    async queryRange(promql, start, end, stepSeconds) {
      const data = await promGet<{ resultType: string; result: PromVectorEntry[] }>(
        await options.endpoint(),
        '/api/v1/query_range',
        [
          ['query', rewriteQuery(promql, options.naming)],
          ['start', String(start.getTime() / 1000)],
          ['end', String(end.getTime() / 1000)],
          ['step', String(stepSeconds)],
        ],
      );
      return data.result.map(
        (entry): RangeSeries => ({
          labels: relabel(entry.metric, options.naming),
          points: (entry.values ?? []).map(sampleOf),
        }),
      );
    },
    metricNames(cluster) {
      const cached = names.get(cluster);
      if (cached && Date.now() - cached.at < ttl) return cached.names;
      const matcher = rewriteQuery(`{cluster=${quoted(cluster)}}`, options.naming);
      const loading = (async () => {
        const endpoint = await options.endpoint();
        // `{}` alone is no selector: an engine holding one cluster lists every name.
        const params: Array<[string, string]> = matcher === '{}' ? [] : [['match[]', matcher]];
        return new Set(await promGet<string[]>(endpoint, '/api/v1/label/__name__/values', params));
      })();
      names.set(cluster, { at: Date.now(), names: loading });
      loading.catch(() => names.delete(cluster));
      return loading;
    },
    async targets(cluster) {
      return (await allTargets()).filter((target) => target.cluster === cluster);
    },
    allTargets,
  };
}

function scrapeTarget(target: PromTarget, lastFailure: PrometheusSourceOptions['lastFailure']): ScrapeTarget {
  const path = safePath(target.scrapeUrl);
  const ours = target.health === 'down' && path ? lastFailure?.(path) : undefined;
  const lastScrape =
    target.lastScrape && !target.lastScrape.startsWith('0001') ? new Date(target.lastScrape) : undefined;
  return {
    cluster: target.labels.cluster ?? '',
    job: target.labels.job ?? target.scrapePool,
    target: path ?? target.scrapeUrl,
    health: target.health,
    ...(lastScrape ? { lastScrape } : {}),
    ...(target.lastError ? { lastError: ours ? `${target.lastError}: ${ours}` : target.lastError } : {}),
    ...(target.lastScrapeDuration
      ? { lastScrapeDurationMs: Math.round(target.lastScrapeDuration * 1000) }
      : {}),
  };
}

/** The scrape URL's path only: the proxy's address is nobody's business. */
function safePath(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).pathname);
  } catch {
    return undefined;
  }
}

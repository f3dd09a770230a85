import type { MetricSeriesAnswer } from '@portolan/api';
import {
  type MetricDefinition,
  type MetricQuery,
  missingReads,
} from '#server/monitoring/catalogue/catalogue.ts';
import {
  MetricsEngineUnavailableError,
  type MetricsSource,
  type ScrapeTarget,
} from '#server/monitoring/contract.ts';

export type EmptyEntry = MetricSeriesAnswer['empty'][number];

/** A scrape that failed this long before the range's end no longer explains it. */
const RECENT_MS = 10 * 60_000;

/** What the engine knows of one cluster, asked once per request and only when some answer is empty. */
export interface ClusterFacts {
  targets(): Promise<ScrapeTarget[]>;
  names(): Promise<Set<string>>;
}

export function clusterFacts(source: MetricsSource, cluster: string): ClusterFacts {
  let targets: Promise<ScrapeTarget[]> | undefined;
  let names: Promise<Set<string>> | undefined;
  return {
    targets: () => {
      targets ??= source.targets(cluster);
      return targets;
    },
    names: () => {
      names ??= source.metricNames(cluster);
      return names;
    },
  };
}

const SOURCE_HINTS: Record<MetricDefinition['source'], string> = {
  kubelet: "its kubelets' resource metrics are not scraped yet",
  state: "Portolan's state exporter has not exported it for this cluster yet",
  apiserver: "its API server's /metrics is not scraped, or Portolan's identity there may not read /metrics",
  etcd: 'its API server reports no storage size (older versions report etcd_db_total_size_in_bytes instead)',
  cadvisor:
    "its kubelets do not serve cAdvisor's metrics (the emulated kubelets of sandbox clusters never do)",
};

export function engineUnavailable(metric: string, error: MetricsEngineUnavailableError): EmptyEntry {
  return {
    metric,
    reason: 'engine-unavailable',
    message: `the metrics engine cannot answer: ${error.message}`,
    detail: error.message,
  };
}

export function forbidden(metric: string, where: string): EmptyEntry {
  return {
    metric,
    reason: 'forbidden',
    message: `you may not read metrics in ${where}; ask its Admin for a role with monitoring:read there`,
  };
}

/**
 * Why a metric answered no series. The cluster lacks the series it reads: not provided, unless no
 * scrape of its job succeeds now (then nobody can tell, and the failing scrape is the reason). The
 * series exist but not for this object: a failing scrape of the job now (the object's node's when
 * one is named), else no data in the range.
 */
export async function explainEmpty(
  metric: MetricDefinition,
  query: MetricQuery,
  cluster: string,
  facts: ClusterFacts,
  range: { end: Date; now: Date; node?: string },
): Promise<EmptyEntry> {
  try {
    const recent = range.end.getTime() >= range.now.getTime() - RECENT_MS;
    const ofJob = recent
      ? (await facts.targets()).filter(
          (target) => target.cluster === cluster && metric.jobs.includes(target.job),
        )
      : [];
    const down = ofJob.filter((target) => target.health === 'down');
    const failing =
      down.find((target) => range.node !== undefined && target.target.endsWith(`/${range.node}`)) ?? down[0];
    const missing = missingReads(query.reads, await facts.names());
    const anyUp = ofJob.some((target) => target.health === 'up');
    if (failing && (missing.length === 0 || !anyUp))
      return {
        metric: metric.name,
        reason: 'target-down',
        message: `the engine cannot scrape ${failing.job} of cluster ${cluster}, so ${metric.name} has no recent samples; fix what the error says (the cluster's reachability or Portolan's access to its metrics)`,
        ...(failing.lastError ? { detail: failing.lastError } : {}),
      };
    if (missing.length > 0)
      return {
        metric: metric.name,
        reason: 'not-provided',
        message: `cluster ${cluster} does not provide ${metric.name}: ${SOURCE_HINTS[metric.source]}`,
        detail: `no series named ${missing.join(', ')}`,
      };
    return {
      metric: metric.name,
      reason: 'no-data',
      message: `${metric.name} has no samples for this object in the range; it may not have existed or run then: choose another range`,
    };
  } catch (error) {
    if (error instanceof MetricsEngineUnavailableError) return engineUnavailable(metric.name, error);
    throw error;
  }
}

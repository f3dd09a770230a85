import type { Cluster, Summary } from '../../api/types.ts';
import type { ReasonFields } from '../clusters/cluster-reason.ts';

export type Problem =
  | ({ kind: 'offline'; cluster: string; status: string; reason: string } & ReasonFields)
  | { kind: 'warning'; cluster: string; warning: string };

/** What needs a person: clusters not Ready (with the server's reason) and each cluster's warnings. */
export function problemsOf(clusters: readonly Cluster[]): Problem[] {
  const problems: Problem[] = [];
  for (const cluster of clusters) {
    if (cluster.status !== 'Ready')
      problems.push({
        kind: 'offline',
        cluster: cluster.name,
        status: cluster.status,
        reason: cluster.reason ?? '',
        reasonCode: cluster.reasonCode,
        reasonParams: cluster.reasonParams,
      });
    for (const warning of cluster.warnings)
      problems.push({ kind: 'warning', cluster: cluster.name, warning });
  }
  return problems;
}

export const PHASES = ['Running', 'Pending', 'Succeeded', 'Failed', 'Unknown'] as const;

export function podTotal(pods: Record<string, number>): number {
  return Object.values(pods).reduce((sum, count) => sum + count, 0);
}

/** One row per cluster: the registry's facts (status, version) joined to the summary's figures. */
export function overviewRows(clusters: readonly Cluster[], summary: Summary | undefined) {
  const figures = new Map(summary?.clusters.map((entry) => [entry.name, entry]));
  return clusters.map((cluster) => ({ cluster, figures: figures.get(cluster.name) }));
}

import type { ClusterSelector } from '@portolan/api';
import { type LabelRequirement, matchesLabels, parseLabelSelector } from '#server/store/resources/labels.ts';
import type { ClusterFacts, SelectClusters } from '../contract.ts';

/** Orders names the same way on every replica and in every locale (code units, not collation). */
export const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A label selector's requirements, or undefined when it has none. A blank selector selects nothing
 * here, unlike Kubernetes' empty selector: "every cluster" is said with `all: true`, never by accident.
 */
export function requirementsOf(text: string | undefined): LabelRequirement[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  return parseLabelSelector(text);
}

/** A selector made ready for many clusters: its label selector is parsed once. */
export function clusterMatcher(selector: ClusterSelector): (cluster: ClusterFacts) => boolean {
  const requirements = requirementsOf(selector.labelSelector);
  const names = new Set(selector.names ?? []);
  const excluded = new Set(selector.exclude ?? []);
  return (cluster) => {
    if (excluded.has(cluster.name)) return false;
    if (selector.all === true || names.has(cluster.name)) return true;
    return requirements !== undefined && matchesLabels(cluster.labels, requirements);
  };
}

/** Whether a selector picks this cluster: named, matched by labels, or all; an exclusion always wins. */
export function selectorMatches(selector: ClusterSelector, cluster: ClusterFacts): boolean {
  return clusterMatcher(selector)(cluster);
}

/** A name that is not a registered cluster is not selected: the routes warn about such names. */
export const selectClusters: SelectClusters = (selector, clusters) => {
  const matches = clusterMatcher(selector);
  const picked = new Set(clusters.filter(matches).map((cluster) => cluster.name));
  return [...picked].sort(byName);
};

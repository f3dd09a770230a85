import { type LabelRequirement, matchesLabels } from '#server/store/resources/labels.ts';
import type { GroupVersionResource, Within, WithinScopes } from '#server/store/store.ts';

/** One change the sync engine wrote to the store, as the change stream sends it. */
export interface ResourceChangeEvent extends GroupVersionResource {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'RESYNCED';
  clusterId: string;
  kind: string;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  resourceVersion: string;
  /** The object as stored (absent for DELETED and RESYNCED). */
  object?: unknown;
}

export interface ChangeFilter {
  clusterIds?: string[];
  /** What the subscriber may see: whole clusters, and single namespaces of others. */
  within?: Within;
  /** `resource` or `group/resource`, e.g. `pods`, `apps/deployments`. */
  resources?: string[];
  namespaces?: string[];
  labels?: LabelRequirement[];
}

export type ChangeListener = (event: ResourceChangeEvent) => void;

/** Fans store changes out to subscribers (change streams, cluster syncs watching CRDs). */
export interface ChangeHub {
  publish(event: ResourceChangeEvent): void;
  subscribe(filter: ChangeFilter, listener: ChangeListener): () => void;
  subscriberCount(): number;
}

const inScopes = (scopes: WithinScopes, event: ResourceChangeEvent) =>
  scopes.clusterIds.includes(event.clusterId) ||
  scopes.namespaces.some((n) => n.clusterId === event.clusterId && n.namespace === event.namespace);

export function matchesFilter(event: ResourceChangeEvent, filter: ChangeFilter): boolean {
  if (filter.clusterIds && !filter.clusterIds.includes(event.clusterId)) return false;
  const within = filter.within;
  if (within && !within.everyCluster && !inScopes(within, event)) return false;
  // The same rule as the store's searches: Secrets only where the caller's role may list them.
  if (
    within?.secrets &&
    event.group === '' &&
    event.resource === 'secrets' &&
    !inScopes(within.secrets, event)
  )
    return false;
  if (filter.resources) {
    const qualified = event.group ? `${event.group}/${event.resource}` : event.resource;
    if (!filter.resources.includes(event.resource) && !filter.resources.includes(qualified)) return false;
  }
  if (filter.namespaces && !filter.namespaces.includes(event.namespace)) return false;
  if (filter.labels && event.type !== 'RESYNCED' && !matchesLabels(event.labels, filter.labels)) return false;
  return true;
}

export function createChangeHub(): ChangeHub {
  const subscribers = new Set<{ filter: ChangeFilter; listener: ChangeListener }>();
  return {
    publish(event) {
      for (const subscriber of subscribers) {
        if (!matchesFilter(event, subscriber.filter)) continue;
        try {
          subscriber.listener(event);
        } catch {
          // One broken subscriber must not stop the others or the sync that published.
        }
      }
    },
    subscribe(filter, listener) {
      const subscriber = { filter, listener };
      subscribers.add(subscriber);
      return () => subscribers.delete(subscriber);
    },
    subscriberCount: () => subscribers.size,
  };
}

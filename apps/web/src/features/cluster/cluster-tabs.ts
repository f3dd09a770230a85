import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { MessageKey } from '../../app/en.ts';

/** One tab of a cluster's page; its component is a lazy chunk that gets the cluster's name. */
export interface ClusterTab {
  /** The last step of the address: /clusters/{cluster}/{key}. */
  key: string;
  labelKey: MessageKey;
  /** Where the tab sits: overview 0, nodes 10, namespaces 20, workloads 30, pods 40, network 50,
   *  config 60, storage 70, custom 80, events 90. */
  order: number;
  Component: LazyExoticComponent<ComponentType<{ cluster: string }>>;
}

/**
 * The tabs of the cluster page. Each area of the console appends its own entry here, so a new tab
 * needs no change to the page itself.
 */
export const CLUSTER_TABS: ClusterTab[] = [
  {
    key: 'pods',
    labelKey: 'pods.tab',
    order: 40,
    Component: lazy(() => import('../pods/ClusterPodsTab.tsx')),
  },
];

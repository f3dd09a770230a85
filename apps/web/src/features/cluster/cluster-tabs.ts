import type { Permission } from '@portolan/api';
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
  /** Shown only to callers who hold this permission in the cluster (or one of its namespaces). */
  permission?: Permission;
}

/**
 * The tabs of the cluster page. Each area of the console appends its own entry here, so a new tab
 * needs no change to the page itself.
 */
export const CLUSTER_TABS: ClusterTab[] = [
  {
    key: 'workloads',
    labelKey: 'workloads.tab',
    order: 30,
    Component: lazy(() => import('../workloads/ClusterWorkloadsTab.tsx')),
  },
  {
    key: 'overview',
    labelKey: 'clusterPage.tab.overview',
    order: 0,
    Component: lazy(() => import('./OverviewTab.tsx')),
  },
  {
    key: 'nodes',
    labelKey: 'clusterPage.tab.nodes',
    order: 10,
    Component: lazy(() => import('./NodesTab.tsx')),
  },
  {
    key: 'namespaces',
    labelKey: 'clusterPage.tab.namespaces',
    order: 20,
    Component: lazy(() => import('./NamespacesTab.tsx')),
  },
  {
    key: 'events',
    labelKey: 'clusterPage.tab.events',
    order: 90,
    Component: lazy(() => import('./EventsTab.tsx')),
  },
  {
    key: 'pods',
    labelKey: 'pods.tab',
    order: 40,
    Component: lazy(() => import('../pods/ClusterPodsTab.tsx')),
  },
  {
    key: 'network',
    labelKey: 'resources.tab.network',
    order: 50,
    Component: lazy(() => import('../resources/NetworkTab.tsx')),
  },
  {
    key: 'config',
    labelKey: 'resources.tab.config',
    order: 60,
    Component: lazy(() => import('../resources/ConfigTab.tsx')),
  },
  {
    key: 'storage',
    labelKey: 'resources.tab.storage',
    order: 70,
    Component: lazy(() => import('../resources/StorageTab.tsx')),
  },
  {
    key: 'custom',
    labelKey: 'resources.tab.custom',
    order: 80,
    Component: lazy(() => import('../resources/CustomTab.tsx')),
  },
  {
    key: 'velero',
    labelKey: 'backups.velero.tab',
    order: 95,
    Component: lazy(() => import('../backups/VeleroTab.tsx')),
    permission: 'backups:read',
  },
];

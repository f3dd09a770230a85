import type { GrantReach } from '@portolan/api';

export type { Cluster, ClusterList, ErrorBody } from '@portolan/api';

// The answers below are not yet described in @portolan/api (its schemas cover search, clusters,
// rollouts and apply); they follow the server's routes as the README documents them, and belong in
// that package once their routes take a response schema.

export interface SignedIn {
  user: { id: string; username: string; displayName?: string };
  csrfToken: string;
  expiresAt: string;
}

export interface Me {
  user: { id: string; username: string; displayName?: string; platformRole?: string | null };
  groups: string[];
  /** Every grant of the caller's bindings and its groups': role, level and reach. */
  permissions: GrantReach[];
}

/** GET /api/v1/summary: per cluster and in all. */
export interface ResourceTotals {
  cpuCores: number;
  memoryBytes: number;
  pods: number;
}

export interface SummaryFigures {
  pods: Record<string, number>;
  workloads: Record<string, Record<string, number>>;
  requests: { cpuCores: number; memoryBytes: number };
  nodes?: { ready: number; total: number };
  capacity?: ResourceTotals;
  allocatable?: ResourceTotals;
  versions?: Record<string, number>;
}

export interface Summary {
  total: SummaryFigures;
  clusters: (SummaryFigures & {
    name: string;
    status: string;
    visibility: 'cluster' | 'namespaces';
    namespaces?: string[];
  })[];
}

export interface KubeconfigContext {
  name: string;
  cluster?: string;
  user?: string;
  namespace?: string;
  server?: string;
  current?: boolean;
}

export interface RegisterCluster {
  name: string;
  kubeconfig: string;
  context?: string;
  displayName?: string;
  description?: string;
  labels?: Record<string, string>;
}

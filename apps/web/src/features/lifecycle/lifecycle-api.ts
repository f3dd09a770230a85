import type {
  ManagedCluster,
  ManagedClusterSpec,
  NodePool,
  Operation,
  OperationPage,
  OperationQuery,
  PreflightReport,
  Snapshot,
  VersionEntry,
} from '@portolan/api';
import { request } from '../../api/client.ts';
import { queryOf } from '../alerting/alerting-api.ts';

export type {
  ManagedCluster,
  ManagedClusterSpec,
  NodePool,
  NodeTaint,
  Operation,
  OperationKind,
  OperationPage,
  OperationQuery,
  OperationState,
  OperationStep,
  PreflightCheck,
  PreflightReport,
  Snapshot,
  VersionEntry,
} from '@portolan/api';
export { NODE_TAINT_EFFECTS as TAINT_EFFECTS, OPERATION_KINDS, OPERATION_STATES } from '@portolan/api';

export type TaintEffect = NodePool['taints'][number]['effect'];
export type StepState = Operation['steps'][number]['state'];
export type ClusterState = ManagedCluster['state'];
export type PoolInput = Omit<NodePool, 'name'>;

const enc = encodeURIComponent;
const BASE = '/api/v1/lifecycle';
const clusterPath = (name: string) => `${BASE}/clusters/${enc(name)}`;
const operationPath = (id: string) => `${BASE}/operations/${enc(id)}`;

/** The console's pages. */
export const lifecyclePaths = {
  list: '/lifecycle',
  create: '/lifecycle/new',
  cluster: (name: string) => `/lifecycle/clusters/${enc(name)}`,
  operation: (id: string) => `/lifecycle/operations/${enc(id)}`,
};

/** The lifecycle routes (#15's contract); all public REST API. */
export const lifecycleApi = {
  versions: () => request<{ items: VersionEntry[] }>('GET', `${BASE}/versions`),
  clusters: () => request<{ items: ManagedCluster[] }>('GET', `${BASE}/clusters`),
  cluster: (name: string) => request<ManagedCluster>('GET', clusterPath(name)),
  create: (spec: ManagedClusterSpec) => request<Operation>('POST', `${BASE}/clusters`, spec),
  remove: (name: string) => request<Operation>('DELETE', clusterPath(name)),
  preflight: (name: string, version: string) =>
    request<PreflightReport>('POST', `${clusterPath(name)}/preflight`, { version }),
  upgrade: (name: string, version: string, maxUnavailable: number) =>
    request<Operation>('POST', `${clusterPath(name)}/upgrade`, { version, maxUnavailable }),
  savePool: (name: string, pool: string, body: PoolInput) =>
    request<Operation>('PUT', `${clusterPath(name)}/node-pools/${enc(pool)}`, body),
  removePool: (name: string, pool: string) =>
    request<Operation>('DELETE', `${clusterPath(name)}/node-pools/${enc(pool)}`),
  snapshots: (name: string) => request<{ items: Snapshot[] }>('GET', `${clusterPath(name)}/snapshots`),
  takeSnapshot: (name: string) => request<Operation>('POST', `${clusterPath(name)}/snapshots`, {}),
  schedule: (name: string, schedule: { cron: string; keep: number } | { cron: null }) =>
    request<ManagedCluster>('PUT', `${clusterPath(name)}/snapshot-schedule`, schedule),
  restore: (name: string, id: string) =>
    request<Operation>('POST', `${clusterPath(name)}/snapshots/${enc(id)}/restore`, {}),
  operations: (query: OperationQuery) =>
    request<OperationPage>('GET', `${BASE}/operations${queryOf({ ...query })}`),
  operation: (id: string) => request<Operation>('GET', operationPath(id)),
  resume: (id: string) => request<Operation>('POST', `${operationPath(id)}/resume`, {}),
  rollback: (id: string) => request<Operation>('POST', `${operationPath(id)}/rollback`, {}),
  cancel: (id: string) => request<Operation>('POST', `${operationPath(id)}/cancel`, {}),
};

/** Query keys: everything of lifecycle under one root, so a change refreshes it all. */
export const lifecycleKeys = {
  all: ['lifecycle'] as const,
  clusters: ['lifecycle', 'clusters'] as const,
  cluster: (name: string) => ['lifecycle', 'cluster', name] as const,
  versions: ['lifecycle', 'versions'] as const,
  snapshots: (name: string) => ['lifecycle', 'snapshots', name] as const,
  operations: (query: OperationQuery) => ['lifecycle', 'operations', query] as const,
  operation: (id: string) => ['lifecycle', 'operation', id] as const,
};

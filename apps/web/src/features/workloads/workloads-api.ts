import type {
  WorkloadView as ApiWorkloadView,
  Autoscaler,
  AutoscalerAnswer,
  AutoscalerSettings,
  RevisionDiff,
  RevisionList,
  RollbackAnswer,
  RolloutStatus,
  ScaleAnswer,
  SearchAnswer,
} from '@portolan/api';
import { request } from '../../api/client.ts';
import { type ListFilter, searchParams, workloadKind } from './workload-model.ts';

export interface WorkloadRef {
  cluster: string;
  /** Kind or plural; the server takes either. */
  kind: string;
  namespace: string;
  name: string;
}

/** A Kubernetes object as the API answers it whole. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    generation?: number;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

/** The workload view with its object typed as the console reads it (the schema lets any fields through). */
export type WorkloadView = Omit<ApiWorkloadView, 'object'> & { object: KubeObject };

const enc = encodeURIComponent;

/** The workload's own address in the API: /api/v1/clusters/{c}/workloads/{kind}/{ns}/{name}. */
const base = (ref: WorkloadRef) =>
  `/api/v1/clusters/${enc(ref.cluster)}/workloads/${enc(workloadKind(ref.kind)?.plural ?? ref.kind)}/${enc(ref.namespace)}/${enc(ref.name)}`;

export const workloadsApi = {
  search: (filter: ListFilter) => request<SearchAnswer>('GET', `/api/v1/search?${searchParams(filter)}`),
  view: (ref: WorkloadRef) => request<WorkloadView>('GET', base(ref)),
  rollout: (ref: WorkloadRef) => request<RolloutStatus>('GET', `${base(ref)}/rollout`),
  revisions: (ref: WorkloadRef) => request<RevisionList>('GET', `${base(ref)}/revisions`),
  diff: (ref: WorkloadRef, from: number, to: number) =>
    request<RevisionDiff>('GET', `${base(ref)}/revisions/diff?from=${from}&to=${to}`),
  rollback: (ref: WorkloadRef, revision: number) =>
    request<RollbackAnswer>('POST', `${base(ref)}/rollback`, { revision }),
  scale: (ref: WorkloadRef, replicas: number) =>
    request<ScaleAnswer>('POST', `${base(ref)}/scale`, { replicas }),
  autoscaler: (ref: WorkloadRef) => request<AutoscalerAnswer>('GET', `${base(ref)}/autoscaler`),
  setAutoscaler: (ref: WorkloadRef, settings: AutoscalerSettings) =>
    request<Autoscaler>('PUT', `${base(ref)}/autoscaler`, settings),
  removeAutoscaler: (ref: WorkloadRef) => request<void>('DELETE', `${base(ref)}/autoscaler`),
  /** restart, pause, resume (a Deployment, or a suspended CronJob), suspend (a CronJob). */
  act: (ref: WorkloadRef, action: 'restart' | 'pause' | 'resume' | 'suspend') =>
    request<KubeObject>('POST', `${base(ref)}/${action}`),
  /** Re-run a Job, or start a CronJob's job now; answers the new Job. */
  start: (ref: WorkloadRef, action: 'rerun' | 'trigger') =>
    request<KubeObject>('POST', `${base(ref)}/${action}`, {}),
  remove: (ref: WorkloadRef) =>
    request<unknown>(
      'DELETE',
      `/api/v1/clusters/${enc(ref.cluster)}/resources/${enc(workloadKind(ref.kind)?.plural ?? ref.kind)}/${enc(ref.name)}?namespace=${enc(ref.namespace)}`,
    ),
};

export type { Autoscaler, AutoscalerSettings, EventSummary, PodSummary } from '@portolan/api';

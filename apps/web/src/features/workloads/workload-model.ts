import type { SearchItem } from '@portolan/api';
import {
  HEALTH_STATES,
  type Health,
  healthOf,
  KIND_REGISTRY,
  type KindDescriptor,
  qualifiedPlural,
} from '@portolan/kinds';

/** The five workload kinds, as the kind registry's `workloads` collection lists them. */
export const WORKLOAD_KINDS: readonly KindDescriptor[] = KIND_REGISTRY.inCollection('workloads');

/** `deployments.apps`, …: how search and the change stream name the kinds. */
export const WORKLOAD_TYPES: readonly string[] = WORKLOAD_KINDS.map(qualifiedPlural);

/** A workload kind by its Kind or plural, as addresses carry it (`deployments`). */
export function workloadKind(name: string): KindDescriptor | undefined {
  const wanted = name.toLowerCase();
  return WORKLOAD_KINDS.find((kind) => kind.kind.toLowerCase() === wanted || kind.plural === wanted);
}

/** /clusters/{cluster}/workloads/{plural}/{namespace}/{name}: a workload's own page. */
export function workloadPath(ref: {
  cluster: string;
  kind: string;
  namespace: string;
  name: string;
}): string {
  const plural = workloadKind(ref.kind)?.plural ?? ref.kind.toLowerCase();
  return ['/clusters', ref.cluster, 'workloads', plural, ref.namespace, ref.name]
    .map((step, index) => (index === 0 ? step : encodeURIComponent(step)))
    .join('/');
}

/** What a row says about a workload: pods ready of desired, or a Job's completions, or a CronJob's active jobs. */
export type Replicas =
  | { type: 'pods'; ready: number; desired: number }
  | { type: 'completions'; succeeded: number; completions: number }
  | { type: 'active'; active: number };

export interface WorkloadRow {
  key: string;
  cluster: string;
  namespace: string;
  kind: string;
  name: string;
  health: Health;
  replicas: Replicas;
  images: string[];
  createdAt: string | null;
  /** The stored object, as search answered it. */
  object: unknown;
}

type Obj = Record<string, unknown>;
const obj = (value: unknown): Obj =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : {};
const num = (value: unknown, fallback = 0) => (typeof value === 'number' ? value : fallback);

/** The images of a pod template's containers (init containers first), without repeats. */
export function imagesOf(object: unknown, kind: string): string[] {
  let template = obj(obj(object).spec);
  if (kind === 'CronJob') template = obj(obj(obj(template.jobTemplate).spec).template);
  else template = obj(template.template);
  const spec = obj(template.spec);
  const containers = [spec.initContainers, spec.containers].flatMap((list) =>
    Array.isArray(list) ? list : [],
  );
  return [...new Set(containers.map((container) => String(obj(container).image ?? '')).filter(Boolean))];
}

export function replicasOf(object: unknown, kind: string): Replicas {
  const spec = obj(obj(object).spec);
  const status = obj(obj(object).status);
  if (kind === 'DaemonSet')
    return { type: 'pods', ready: num(status.numberReady), desired: num(status.desiredNumberScheduled) };
  if (kind === 'Job')
    return { type: 'completions', succeeded: num(status.succeeded), completions: num(spec.completions, 1) };
  if (kind === 'CronJob')
    return { type: 'active', active: Array.isArray(status.active) ? status.active.length : 0 };
  return { type: 'pods', ready: num(status.readyReplicas), desired: num(spec.replicas, 1) };
}

/** A search row as the workloads table shows it; health is judged as the server judges it. */
export function workloadRow(item: SearchItem): WorkloadRow {
  const rule = workloadKind(item.kind)?.health ?? 'deployment';
  return {
    key: `${item.cluster}/${item.kind}/${item.namespace}/${item.name}`,
    cluster: item.cluster,
    namespace: item.namespace,
    kind: item.kind,
    name: item.name,
    health: healthOf(rule, obj(item.object)),
    replicas: replicasOf(item.object, item.kind),
    images: imagesOf(item.object, item.kind),
    createdAt: item.createdAt,
    object: item.object,
  };
}

/**
 * The health filter, applied by the server: the store keeps each workload's health in words as its
 * status word (`phase`), judged by the same healthOf as the table's column, so `?health=Degraded`
 * lists exactly the rows that read Degraded, CronJobs included.
 */
export type HealthFilter = Health['state'];
export const HEALTH_FILTERS: readonly HealthFilter[] = HEALTH_STATES;
export const isHealthFilter = (value: string): value is HealthFilter =>
  (HEALTH_FILTERS as readonly string[]).includes(value);

/** The sort fields search takes, and the table column each belongs to. */
export type SortField = 'name' | 'namespace' | 'cluster' | 'created';
export const isSortField = (value: string): value is SortField =>
  ['name', 'namespace', 'cluster', 'created'].includes(value);

export interface ListFilter {
  clusters?: string[];
  namespace?: string;
  kind?: string;
  health?: HealthFilter;
  nameContains?: string;
  sort?: SortField;
  order?: 'asc' | 'desc';
  limit: number;
  continue?: string;
}

/** GET /api/v1/search's query for one page of workloads. */
export function searchParams(filter: ListFilter): URLSearchParams {
  const kind = filter.kind ? workloadKind(filter.kind) : undefined;
  const params = new URLSearchParams({
    kinds: kind ? qualifiedPlural(kind) : WORKLOAD_TYPES.join(','),
    limit: String(filter.limit),
  });
  if (filter.clusters?.length) params.set('clusters', filter.clusters.join(','));
  if (filter.namespace) params.set('namespaces', filter.namespace);
  if (filter.health) params.set('phase', filter.health);
  if (filter.nameContains) params.set('nameContains', filter.nameContains);
  if (filter.sort) params.set('sort', filter.sort);
  if (filter.order) params.set('order', filter.order);
  if (filter.continue) params.set('continue', filter.continue);
  return params;
}

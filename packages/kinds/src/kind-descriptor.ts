/** Named sets of kinds that one query can ask for together (`workloads`, `network`, …). */
export type Collection = 'workloads' | 'network' | 'config' | 'storage' | 'rbac';

/**
 * How a workload's health is judged from its status: the rollout of a Deployment (progress
 * conditions, pause), a StatefulSet's ordered pods, a DaemonSet's pod per node, a Job's completion,
 * a CronJob's schedule.
 */
export type HealthRule = 'deployment' | 'stateful-set' | 'daemon-set' | 'job' | 'cron-job';

/** One list column after NAME; `wide` ones show only in the wide view (`-o wide`). */
export interface Column {
  title: string;
  wide?: boolean;
  value(object: unknown, now: Date): string;
}

/** A Kubernetes kind as Portolan knows it without asking a cluster. */
export interface KindDescriptor {
  /** '' for the core group. */
  group: string;
  version: string;
  /** The resource name in API paths: `deployments`. */
  plural: string;
  kind: string;
  /** kubectl's short names: `deploy`. */
  shortNames: readonly string[];
  namespaced: boolean;
  /** Has a scale subresource that Portolan's scale action uses. */
  scalable: boolean;
  /** `rollout restart` applies (a pod template that a new annotation rolls). */
  restartable: boolean;
  /** Synced into the store by default; the rest only when a cluster's selection names them. */
  synced: boolean;
  collections: readonly Collection[];
  /** List columns after NAME; AGE alone for kinds with nothing more to show. */
  columns: readonly Column[];
  /** Workloads only. */
  health?: HealthRule;
}

/** The traits that are usually off, and the AGE column, filled in; name the rest. */
export type KindDescription = Pick<KindDescriptor, 'group' | 'version' | 'plural' | 'kind' | 'namespaced'> &
  Partial<Omit<KindDescriptor, 'group' | 'version' | 'plural' | 'kind' | 'namespaced'>>;

export function describeKind(
  description: KindDescription,
  defaultColumns: readonly Column[],
): KindDescriptor {
  return {
    shortNames: [],
    scalable: false,
    restartable: false,
    synced: true,
    collections: [],
    columns: defaultColumns,
    ...description,
  };
}

/** `deployments.apps`, or `pods` for the core group: how kubectl and Portolan name a type in full. */
export const qualifiedPlural = (kind: Pick<KindDescriptor, 'group' | 'plural'>): string =>
  kind.group ? `${kind.plural}.${kind.group}` : kind.plural;

/** `apps/v1`, or `v1` for the core group. */
export const apiVersionOf = (kind: Pick<KindDescriptor, 'group' | 'version'>): string =>
  kind.group ? `${kind.group}/${kind.version}` : kind.version;

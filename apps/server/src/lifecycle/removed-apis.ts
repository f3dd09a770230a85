/**
 * APIs Kubernetes stopped serving, by the minor that removed them (the deprecation guide,
 * kubernetes.io/docs/reference/using-api/deprecation-guide). An upgrade across a minor here is
 * refused while objects are still stored under one of its APIs. Add a minor's removals as they come.
 */
export interface RemovedApi {
  group: string;
  version: string;
  resource: string;
  /** What to move the objects to. */
  replacement: string;
}

export const REMOVED_APIS: Record<string, RemovedApi[]> = {
  '1.25': [
    { group: 'batch', version: 'v1beta1', resource: 'cronjobs', replacement: 'batch/v1' },
    { group: 'policy', version: 'v1beta1', resource: 'poddisruptionbudgets', replacement: 'policy/v1' },
    {
      group: 'discovery.k8s.io',
      version: 'v1beta1',
      resource: 'endpointslices',
      replacement: 'discovery.k8s.io/v1',
    },
    { group: 'events.k8s.io', version: 'v1beta1', resource: 'events', replacement: 'events.k8s.io/v1' },
    {
      group: 'autoscaling',
      version: 'v2beta1',
      resource: 'horizontalpodautoscalers',
      replacement: 'autoscaling/v2',
    },
    { group: 'node.k8s.io', version: 'v1beta1', resource: 'runtimeclasses', replacement: 'node.k8s.io/v1' },
  ],
  '1.26': [
    {
      group: 'flowcontrol.apiserver.k8s.io',
      version: 'v1beta1',
      resource: 'flowschemas',
      replacement: 'flowcontrol.apiserver.k8s.io/v1',
    },
    {
      group: 'autoscaling',
      version: 'v2beta2',
      resource: 'horizontalpodautoscalers',
      replacement: 'autoscaling/v2',
    },
  ],
  '1.27': [
    {
      group: 'storage.k8s.io',
      version: 'v1beta1',
      resource: 'csistoragecapacities',
      replacement: 'storage.k8s.io/v1',
    },
  ],
  '1.29': [
    {
      group: 'flowcontrol.apiserver.k8s.io',
      version: 'v1beta2',
      resource: 'flowschemas',
      replacement: 'flowcontrol.apiserver.k8s.io/v1',
    },
  ],
  '1.32': [
    {
      group: 'flowcontrol.apiserver.k8s.io',
      version: 'v1beta3',
      resource: 'flowschemas',
      replacement: 'flowcontrol.apiserver.k8s.io/v1',
    },
  ],
};

/** The removals between two versions: those of every minor after `fromMinor` up to `toMinor`. */
export function removedBetween(fromMinor: number, toMinor: number): RemovedApi[] {
  const removed: RemovedApi[] = [];
  for (const [minor, apis] of Object.entries(REMOVED_APIS)) {
    const m = Number(minor.split('.')[1]);
    if (m > fromMinor && m <= toMinor) removed.push(...apis);
  }
  return removed;
}

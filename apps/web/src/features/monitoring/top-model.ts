/** Where a top consumer is acted on in the console, from the labels /monitoring/top answers with. */
export function consumerPath(
  cluster: string,
  level: 'node' | 'namespace' | 'workload' | 'pod',
  labels: Record<string, string>,
  workloadPath: (ref: { cluster: string; kind: string; namespace: string; name: string }) => string,
): string | undefined {
  const c = encodeURIComponent(cluster);
  const q = (value: string) => encodeURIComponent(value);
  if (level === 'node' && labels.node) return `/clusters/${c}/nodes?node=${q(labels.node)}`;
  if (level === 'namespace' && labels.namespace)
    return `/clusters/${c}/namespaces?namespace=${q(labels.namespace)}`;
  if (level === 'pod' && labels.namespace && labels.pod)
    return `/clusters/${c}/pods/${q(labels.namespace)}/${q(labels.pod)}`;
  if (level === 'workload' && labels.namespace && labels.workload && labels.workload_kind)
    return workloadPath({
      cluster,
      kind: labels.workload_kind,
      namespace: labels.namespace,
      name: labels.workload,
    });
  return undefined;
}

/** The name a top consumer is shown by: its namespace before the object where it has one. */
export function consumerName(
  level: 'node' | 'namespace' | 'workload' | 'pod',
  labels: Record<string, string>,
) {
  if (level === 'node') return labels.node ?? '–';
  if (level === 'namespace') return labels.namespace ?? '–';
  const own = level === 'pod' ? labels.pod : labels.workload;
  return labels.namespace ? `${labels.namespace}/${own ?? '–'}` : (own ?? '–');
}

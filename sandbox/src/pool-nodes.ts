import { RESOURCE_METRICS_PATH_ANNOTATION, sandboxResourceMetricsPath } from './metrics-endpoints.ts';
import { type NodePoolOptions, POOL_LABEL } from './pool-options.ts';

/** Name of the n-th node of a pool; numbers are never reused within a pool. */
export const poolNodeName = (sandbox: string, pool: string, n: number) => `${sandbox}-${pool}-${n}`;

/** The next free numbers of a pool whose nodes are `existing`, `count` of them. */
export function nextPoolNodeNames(
  sandbox: string,
  pool: string,
  existing: string[],
  count: number,
): string[] {
  const prefix = `${sandbox}-${pool}-`;
  let highest = 0;
  for (const name of existing) {
    const n = Number(name.startsWith(prefix) ? name.slice(prefix.length) : Number.NaN);
    if (Number.isInteger(n) && n > highest) highest = n;
  }
  return Array.from({ length: count }, (_, index) => poolNodeName(sandbox, pool, highest + 1 + index));
}

/** Taints the node lifecycle controller puts on nodes (cordon, not-ready): kept when a pool is retainted. */
export const isSystemTaint = (key: string) =>
  key.startsWith('node.kubernetes.io/') || key.startsWith('node.cloudprovider.kubernetes.io/');

export function poolLabels(region: string, pool: NodePoolOptions, name: string): Record<string, string> {
  return {
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/os': 'linux',
    'kubernetes.io/hostname': name,
    'node-role.kubernetes.io/worker': '',
    'node.kubernetes.io/instance-type': 'kwok',
    'topology.kubernetes.io/region': region,
    ...(pool.zone ? { 'topology.kubernetes.io/zone': pool.zone } : {}),
    type: 'kwok',
    ...pool.labels,
    [POOL_LABEL]: pool.name,
  };
}

export const poolResources = (pool: NodePoolOptions) => ({
  cpu: pool.cpu,
  memory: pool.memory,
  pods: String(pool.maxPods),
});

export const nodeInfoOf = (version: string) => ({
  architecture: 'amd64',
  operatingSystem: 'linux',
  kubeletVersion: version,
  kubeProxyVersion: version,
  containerRuntimeVersion: 'kwok',
  osImage: 'kwok simulated node',
});

/** A Node object of a pool that kwok takes over; it reports `version` as its kubelet's. */
export function buildPoolNode(
  region: string,
  pool: NodePoolOptions,
  name: string,
  version: string,
): Record<string, unknown> {
  const resources = poolResources(pool);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'kwok.x-k8s.io/node': 'fake',
        [RESOURCE_METRICS_PATH_ANNOTATION]: sandboxResourceMetricsPath(name),
      },
      labels: poolLabels(region, pool, name),
    },
    spec: { taints: pool.taints.map((taint) => ({ ...taint })) },
    status: {
      allocatable: resources,
      capacity: resources,
      nodeInfo: nodeInfoOf(version),
      phase: 'Running',
    },
  };
}

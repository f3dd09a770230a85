import { RESOURCE_METRICS_PATH_ANNOTATION, sandboxResourceMetricsPath } from './metrics-endpoints.ts';
import type { SandboxOptions } from './options.ts';

/** Name of the i-th simulated node of a sandbox. */
export const nodeName = (sandbox: string, index: number) => `${sandbox}-node-${index}`;

/**
 * A Node object that kwok takes over (it manages every node of a sandbox): kwok does not create
 * nodes, it only keeps the ones it is given Ready and runs their pods.
 */
export function buildNode(options: SandboxOptions, index: number): Record<string, unknown> {
  const name = nodeName(options.name, index);
  const resources = { cpu: options.nodeCpu, memory: options.nodeMemory, pods: String(options.nodePods) };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'kwok.x-k8s.io/node': 'fake',
        // kwok serves every node's kubelet resource metrics from one port, each under its own path.
        [RESOURCE_METRICS_PATH_ANNOTATION]: sandboxResourceMetricsPath(name),
      },
      labels: {
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/os': 'linux',
        'kubernetes.io/hostname': name,
        'node-role.kubernetes.io/worker': '',
        'node.kubernetes.io/instance-type': 'kwok',
        'topology.kubernetes.io/region': options.region,
        'topology.kubernetes.io/zone': options.zones[index % options.zones.length],
        type: 'kwok',
        ...options.nodeLabels,
      },
    },
    spec: {},
    status: {
      allocatable: resources,
      capacity: resources,
      nodeInfo: {
        architecture: 'amd64',
        operatingSystem: 'linux',
        kubeletVersion: 'kwok',
        kubeProxyVersion: 'kwok',
        containerRuntimeVersion: 'kwok',
        osImage: 'kwok simulated node',
      },
      phase: 'Running',
    },
  };
}

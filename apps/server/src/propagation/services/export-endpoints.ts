import type { KubeObject } from '#server/resources/kube-object.ts';
import type { ExportedEndpoint, ExportedPort } from '#server/store/multicluster-services/mcs-store.ts';

interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
}

interface PodShape {
  metadata?: { name?: string; deletionTimestamp?: string };
  spec?: {
    nodeName?: string;
    containers?: Array<{ ports?: Array<{ name?: string; containerPort: number }> }>;
  };
  status?: {
    phase?: string;
    podIP?: string;
    podIPs?: Array<{ ip: string }>;
    conditions?: Array<{ type: string; status: string }>;
  };
}

/** The Service's ports as the imported Service shows them (its port numbers, names, protocols). */
export function servicePortsOf(service: KubeObject): ServicePort[] {
  return ((service.spec as { ports?: ServicePort[] } | undefined)?.ports ?? []).map((port) => ({ ...port }));
}

/** The Service's selector as a label selector's text, or undefined when it selects no pods itself. */
export function selectorOf(service: KubeObject): string | undefined {
  const selector = (service.spec as { selector?: Record<string, string> } | undefined)?.selector;
  const entries = Object.entries(selector ?? {});
  return entries.length ? entries.map(([key, value]) => `${key}=${value}`).join(',') : undefined;
}

/** A pod that serves: Running, Ready, with an IP, not being deleted. */
export function isReadyPod(pod: KubeObject): boolean {
  const shape = pod as PodShape;
  if (shape.metadata?.deletionTimestamp || shape.status?.phase !== 'Running') return false;
  if (!ipOf(shape)) return false;
  return (shape.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** The pod's IPv4 address: EndpointSlices carry one address family each, and Portolan imports IPv4. */
function ipOf(pod: PodShape): string | undefined {
  const ips = [pod.status?.podIP, ...(pod.status?.podIPs ?? []).map((entry) => entry.ip)];
  return ips.find((ip): ip is string => typeof ip === 'string' && /^\d+\.\d+\.\d+\.\d+$/.test(ip));
}

/**
 * The port the pods listen on for one Service port: a number as it is, a name looked up in the pod's
 * containers (the Service's own port when no container names it), the port itself when left out.
 */
function podPort(port: ServicePort, pod: PodShape | undefined): number {
  const target = port.targetPort;
  if (typeof target === 'number') return target;
  if (target === undefined) return port.port;
  const numeric = Number(target);
  if (Number.isInteger(numeric) && numeric > 0) return numeric;
  for (const container of pod?.spec?.containers ?? [])
    for (const declared of container.ports ?? []) if (declared.name === target) return declared.containerPort;
  return port.port;
}

/** What one cluster offers for a Service: its ready pods' addresses and the ports they listen on. */
export function endpointsOf(
  service: KubeObject,
  pods: readonly KubeObject[],
): { endpoints: ExportedEndpoint[]; ports: ExportedPort[] } {
  const ready = pods.filter(isReadyPod) as PodShape[];
  const endpoints = ready
    .map((pod) => ({
      address: ipOf(pod) ?? '',
      pod: pod.metadata?.name ?? '',
      ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    }))
    .sort((a, b) => (a.pod < b.pod ? -1 : a.pod > b.pod ? 1 : 0));
  const ports = servicePortsOf(service).map((port) => ({
    name: port.name ?? '',
    port: podPort(port, ready[0]),
    protocol: port.protocol ?? 'TCP',
  }));
  return { endpoints, ports };
}

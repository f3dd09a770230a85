import YAML from 'yaml';
import { sandboxResourceMetricsPath } from './metrics-endpoints.ts';

/**
 * What makes sandbox nodes behave like kubelets for monitoring: kwok's Metric (the kubelet's
 * `/metrics/resource` text, see metrics-endpoints.ts), the resource usage behind it, and a crash loop
 * on demand. Tests and demos steer them with pod annotations:
 *
 *   portolan.dev/sandbox-cpu-usage: "250m"     the pod's CPU usage (split evenly over its containers)
 *   portolan.dev/sandbox-memory-usage: "64Mi"  the pod's memory working set (split the same way)
 *   portolan.dev/sandbox-crash: "true"         the pod's containers crash-loop (see crashLoopStage)
 *
 * Without the usage annotations a container uses half to 60 % of what it requests (a fresh random
 * draw on every read, so graphs are not flat lines). A container that requests nothing uses a small
 * default (NO_REQUEST_USAGE): sandboxes run many such pods, and they should show as busy but cheap.
 */
export const USAGE_ANNOTATIONS = {
  cpu: 'portolan.dev/sandbox-cpu-usage',
  memory: 'portolan.dev/sandbox-memory-usage',
} as const;
export const CRASH_ANNOTATION = 'portolan.dev/sandbox-crash';

/** Share of its request a container uses when no annotation pins it: from..from+spread. */
const REQUEST_SHARE = { from: 0.5, spread: 0.1 };
/** Usage of a container without a request for the resource. */
export const NO_REQUEST_USAGE = { cpu: '5m', memory: '16Mi' } as const;
/**
 * What a node uses besides its pods (the kubelet, the container runtime, the OS), added to its pods'
 * sum: a real node never reads zero, and metrics-server drops a node whose CPU or memory is zero.
 */
export const NODE_SYSTEM_USAGE = { cores: 0.05, memoryBytes: 256 * 1024 * 1024 } as const;
/** Seconds between two crashes of a crash-looping sandbox pod (a real kubelet backs off longer). */
export const CRASH_INTERVAL_SECONDS = 10;

/** A CEL expression (kwok's environment: pod, container, Quantity, Rand) for one resource's usage. */
function usageExpression(resource: 'cpu' | 'memory'): string {
  const annotation = JSON.stringify(USAGE_ANNOTATIONS[resource]);
  const name = JSON.stringify(resource);
  return [
    `${annotation} in pod.metadata.annotations`,
    `  ? Quantity(pod.metadata.annotations[${annotation}]) / pod.spec.containers.size()`,
    `  : ${name} in container.resources.requests`,
    `    ? container.resources.requests[${name}] * (${REQUEST_SHARE.from} + ${REQUEST_SHARE.spread} * Rand())`,
    `    : Quantity(${JSON.stringify(NO_REQUEST_USAGE[resource])})`,
  ].join('\n');
}

const podLabels = [
  { name: 'namespace', value: 'pod.metadata.namespace' },
  { name: 'pod', value: 'pod.metadata.name' },
];
const containerLabels = [{ name: 'container', value: 'container.name' }, ...podLabels];

/** The kubelet's /metrics/resource, with its names, help texts and labels, for every node. */
function resourceMetric(): Record<string, unknown> {
  const metric = (
    name: string,
    dimension: 'node' | 'pod' | 'container',
    kind: 'counter' | 'gauge',
    help: string,
    value: string,
  ) => ({
    name,
    dimension,
    kind,
    help,
    ...(dimension === 'node' ? {} : { labels: dimension === 'pod' ? podLabels : containerLabels }),
    value,
  });
  return {
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'Metric',
    metadata: { name: 'sandbox-metrics-resource' },
    spec: {
      path: sandboxResourceMetricsPath('{nodeName}'),
      metrics: [
        metric(
          'scrape_error',
          'node',
          'gauge',
          '[ALPHA] 1 if there was an error while getting container metrics, 0 otherwise',
          '0',
        ),
        // Unix seconds, as the kubelet reports it (kwok's sample reports seconds since start instead).
        // Whole seconds of the pod's creation: the same on every read, as metrics-server requires (it
        // drops a container whose start time goes back, even by a rounding error).
        metric(
          'container_start_time_seconds',
          'container',
          'gauge',
          '[STABLE] Start time of the container since unix epoch in seconds',
          'int(pod.metadata.creationTimestamp)',
        ),
        metric(
          'container_cpu_usage_seconds_total',
          'container',
          'counter',
          '[STABLE] Cumulative cpu time consumed by the container in core-seconds',
          'pod.CumulativeUsage("cpu", container.name)',
        ),
        metric(
          'container_memory_working_set_bytes',
          'container',
          'gauge',
          '[STABLE] Current working set of the container in bytes',
          'pod.Usage("memory", container.name)',
        ),
        metric(
          'pod_cpu_usage_seconds_total',
          'pod',
          'counter',
          '[STABLE] Cumulative cpu time consumed by the pod in core-seconds',
          'pod.CumulativeUsage("cpu")',
        ),
        metric(
          'pod_memory_working_set_bytes',
          'pod',
          'gauge',
          '[STABLE] Current working set of the pod in bytes',
          'pod.Usage("memory")',
        ),
        metric(
          'node_cpu_usage_seconds_total',
          'node',
          'counter',
          '[STABLE] Cumulative cpu time consumed by the node in core-seconds',
          `node.CumulativeUsage("cpu") + ${NODE_SYSTEM_USAGE.cores} * node.SinceSecond()`,
        ),
        metric(
          'node_memory_working_set_bytes',
          'node',
          'gauge',
          '[STABLE] Current working set of the node in bytes',
          `node.Usage("memory") + ${NODE_SYSTEM_USAGE.memoryBytes}.0`,
        ),
      ],
    },
  };
}

/** Every sandbox pod's usage: pinned by annotation, else a share of its requests. */
function resourceUsage(): Record<string, unknown> {
  return {
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'ClusterResourceUsage',
    metadata: { name: 'sandbox-usage' },
    spec: {
      usages: [
        {
          usage: {
            cpu: { expression: usageExpression('cpu') },
            memory: { expression: usageExpression('memory') },
          },
        },
      ],
    },
  };
}

/**
 * A pod annotated `portolan.dev/sandbox-crash: "true"` starts (kwok's pod-ready stage), then every
 * CRASH_INTERVAL_SECONDS its containers "exit with code 1": waiting in CrashLoopBackOff, restartCount
 * one higher, lastState terminated with exit code 1, the pod not Ready — what a kubelet reports for a
 * crash loop. The stage matches its own result again, so the count keeps rising until the pod goes.
 */
function crashLoopStage(): Record<string, unknown> {
  const statusTemplate = `{{ $now := Now }}
{{ $statuses := or .status.containerStatuses list }}
conditions:
- lastTransitionTime: {{ $now | Quote }}
  status: "False"
  reason: ContainersNotReady
  type: Ready
- lastTransitionTime: {{ $now | Quote }}
  status: "False"
  reason: ContainersNotReady
  type: ContainersReady
containerStatuses:
{{ range $container := .spec.containers }}
{{ $restarts := 0 }}
{{ $started := $now }}
{{ range $statuses }}{{ if eq .name $container.name }}{{ $restarts = .restartCount }}{{ with .state.running }}{{ $started = .startedAt }}{{ end }}{{ end }}{{ end }}
- image: {{ $container.image | Quote }}
  name: {{ $container.name | Quote }}
  ready: false
  started: false
  restartCount: {{ add1 $restarts }}
  state:
    waiting:
      reason: CrashLoopBackOff
      message: {{ printf "back-off restarting failed container %s (sandbox pod annotated ${CRASH_ANNOTATION})" $container.name | Quote }}
  lastState:
    terminated:
      exitCode: 1
      reason: Error
      startedAt: {{ $started | Quote }}
      finishedAt: {{ $now | Quote }}
{{ end }}
`;
  return {
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'Stage',
    metadata: { name: 'sandbox-pod-crash-loop' },
    spec: {
      resourceRef: { apiGroup: 'v1', kind: 'Pod' },
      selector: {
        matchExpressions: [
          { key: `.metadata.annotations["${CRASH_ANNOTATION}"]`, operator: 'In', values: ['true'] },
          { key: '.metadata.deletionTimestamp', operator: 'DoesNotExist' },
          { key: '.status.phase', operator: 'In', values: ['Running'] },
        ],
      },
      delay: { durationMilliseconds: CRASH_INTERVAL_SECONDS * 1000 },
      next: { statusTemplate },
    },
  };
}

/** The YAML documents to add to kwok's configuration. */
export function kwokMetricDocuments(): string[] {
  return [resourceMetric(), resourceUsage(), crashLoopStage()].map((document) =>
    YAML.stringify(document, { lineWidth: 0, aliasDuplicateObjects: false }).trim(),
  );
}

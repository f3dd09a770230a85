import { parseQuantity } from '@portolan/kinds';
import type { Cluster, ResourceStore } from '#server/store/store.ts';
import { Exposition } from './exposition.ts';

/**
 * Object state in kube-state-metrics names, from Portolan's synced store (job="portolan-state"): one
 * cluster per scrape, each type read once in pages of 1,000 (no query per object), so a scrape of a
 * 2,000-pod cluster stays well under a second. The `cluster` label is the scrape target's.
 */
export interface StateExporterDeps {
  resources: Pick<ResourceStore, 'search'>;
}

type Obj = {
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    ownerReferences?: Array<{ kind?: string; name?: string; uid?: string; controller?: boolean }>;
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
};

type ContainerSpec = {
  name?: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
};
type ContainerStatus = { name?: string; restartCount?: number; state?: { waiting?: { reason?: string } } };

const POD_PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'];
const PVC_PHASES = ['Pending', 'Bound', 'Lost'];
const NAMESPACE_PHASES = ['Active', 'Terminating'];
const CONDITION_STATUSES = ['true', 'false', 'unknown'];
/** Resources in kube-state-metrics' words: name, unit, and how a quantity becomes that unit. */
const RESOURCES: Array<{ key: string; unit: string }> = [
  { key: 'cpu', unit: 'core' },
  { key: 'memory', unit: 'byte' },
];

async function allOf(deps: StateExporterDeps, clusterId: string, group: string, resource: string) {
  const rows: Obj[] = [];
  let next: string | undefined;
  do {
    const page = await deps.resources.search({
      clusterIds: [clusterId],
      types: [{ group, resource }],
      limit: 1000,
      // The stored JSON text, parsed here: several times quicker than the store's own decoding.
      objects: 'json',
      ...(next ? { continue: next } : {}),
    });
    for (const row of page.items) rows.push(JSON.parse(row.objectJson ?? 'null') as Obj);
    next = page.continue;
  } while (next);
  return rows.filter((object) => object !== null);
}

const ownerOf = (object: Obj) =>
  object.metadata?.ownerReferences?.find((owner) => owner.controller) ??
  object.metadata?.ownerReferences?.[0];

/** The cluster's object state as Prometheus text, and how many samples it holds. */
export async function exportClusterState(
  deps: StateExporterDeps,
  cluster: Pick<Cluster, 'id' | 'status'>,
): Promise<{ text: string; samples: number }> {
  const out = new Exposition();
  // Only Offline counts as down: a cluster not probed yet (Unknown) is not said to be down.
  out.sample(
    'portolan_cluster_up',
    'gauge',
    'Whether Portolan reaches the cluster (1 Ready or Degraded, 0 Offline).',
    {},
    cluster.status === 'Offline' ? 0 : 1,
  );
  const [pods, nodes, deployments, statefulsets, daemonsets, replicasets, jobs, claims, namespaces] =
    await Promise.all([
      allOf(deps, cluster.id, '', 'pods'),
      allOf(deps, cluster.id, '', 'nodes'),
      allOf(deps, cluster.id, 'apps', 'deployments'),
      allOf(deps, cluster.id, 'apps', 'statefulsets'),
      allOf(deps, cluster.id, 'apps', 'daemonsets'),
      allOf(deps, cluster.id, 'apps', 'replicasets'),
      allOf(deps, cluster.id, 'batch', 'jobs'),
      allOf(deps, cluster.id, '', 'persistentvolumeclaims'),
      allOf(deps, cluster.id, '', 'namespaces'),
    ]);
  // A pod's top-level workload: ReplicaSet → Deployment, Job → CronJob, else its controller.
  const parents = new Map<string, { kind: string; name: string }>();
  for (const owned of [...replicasets, ...jobs]) {
    const owner = ownerOf(owned);
    if (owned.metadata?.uid && owner?.kind && owner.name)
      parents.set(owned.metadata.uid, { kind: owner.kind, name: owner.name });
  }
  writePods(out, pods, parents);
  writeNodes(out, nodes);
  writeWorkloads(out, deployments, statefulsets, daemonsets);
  for (const claim of claims) {
    const phase = String(claim.status?.phase ?? 'Pending');
    for (const candidate of PVC_PHASES)
      out.sample(
        'kube_persistentvolumeclaim_status_phase',
        'gauge',
        'The phase of the PersistentVolumeClaim.',
        {
          namespace: claim.metadata?.namespace ?? '',
          persistentvolumeclaim: claim.metadata?.name ?? '',
          phase: candidate,
        },
        candidate === phase ? 1 : 0,
      );
  }
  for (const namespace of namespaces) {
    const phase = String(namespace.status?.phase ?? 'Active');
    for (const candidate of NAMESPACE_PHASES)
      out.sample(
        'kube_namespace_status_phase',
        'gauge',
        'The phase of the namespace.',
        { namespace: namespace.metadata?.name ?? '', phase: candidate },
        candidate === phase ? 1 : 0,
      );
  }
  return { text: out.text(), samples: out.sampleCount };
}

function writePods(out: Exposition, pods: Obj[], parents: Map<string, { kind: string; name: string }>) {
  for (const pod of pods) {
    const namespace = pod.metadata?.namespace ?? '';
    const name = pod.metadata?.name ?? '';
    const uid = pod.metadata?.uid ?? '';
    const spec = pod.spec ?? {};
    const status = pod.status ?? {};
    const node = String(spec.nodeName ?? '');
    const owner = ownerOf(pod);
    const id = { namespace, pod: name, uid };
    out.sample(
      'kube_pod_info',
      'gauge',
      'Information about the pod.',
      {
        ...id,
        node,
        host_ip: String(status.hostIP ?? ''),
        pod_ip: String(status.podIP ?? ''),
        created_by_kind: owner?.kind ?? '',
        created_by_name: owner?.name ?? '',
      },
      1,
    );
    const top =
      (owner?.uid && parents.get(owner.uid)) ||
      (owner?.kind && owner.name ? { kind: owner.kind, name: owner.name } : { kind: 'Pod', name });
    out.sample(
      'portolan_pod_workload',
      'gauge',
      "The pod's top-level workload (a ReplicaSet's Deployment, a Job's CronJob), 1 for each pod.",
      { namespace, pod: name, workload_kind: top.kind, workload: top.name },
      1,
    );
    const phase = String(status.phase ?? 'Unknown');
    for (const candidate of POD_PHASES)
      out.sample(
        'kube_pod_status_phase',
        'gauge',
        "The pod's current phase.",
        { ...id, phase: candidate },
        candidate === phase ? 1 : 0,
      );
    const statuses = [
      ...((status.initContainerStatuses as ContainerStatus[] | undefined) ?? []),
      ...((status.containerStatuses as ContainerStatus[] | undefined) ?? []),
    ];
    for (const container of statuses) {
      const labels = { ...id, container: container.name ?? '' };
      out.sample(
        'kube_pod_container_status_restarts_total',
        'counter',
        'The number of container restarts per container.',
        labels,
        container.restartCount ?? 0,
      );
      const reason = container.state?.waiting?.reason;
      if (reason)
        out.sample(
          'kube_pod_container_status_waiting_reason',
          'gauge',
          'Describes the reason the container is currently in waiting state.',
          { ...labels, reason },
          1,
        );
    }
    for (const container of (spec.containers as ContainerSpec[] | undefined) ?? []) {
      for (const [field, metric, help] of [
        [
          'requests',
          'kube_pod_container_resource_requests',
          'The number of requested resource by a container.',
        ],
        [
          'limits',
          'kube_pod_container_resource_limits',
          'The number of requested limit resource by a container.',
        ],
      ] as const) {
        const values = container.resources?.[field];
        if (!values) continue;
        for (const { key, unit } of RESOURCES) {
          const quantity = parseQuantity(values[key]);
          if (values[key] === undefined || !Number.isFinite(quantity)) continue;
          out.sample(
            metric,
            'gauge',
            help,
            { ...id, container: container.name ?? '', node, resource: key, unit },
            quantity,
          );
        }
      }
    }
  }
}

function writeNodes(out: Exposition, nodes: Obj[]) {
  for (const node of nodes) {
    const name = node.metadata?.name ?? '';
    for (const [field, metric, help] of [
      [
        'allocatable',
        'kube_node_status_allocatable',
        'The allocatable for different resources of a node that are available for scheduling.',
      ],
      ['capacity', 'kube_node_status_capacity', 'The capacity for different resources of a node.'],
    ] as const) {
      const values = (node.status?.[field] as Record<string, string> | undefined) ?? {};
      for (const [key, unit] of [
        ['cpu', 'core'],
        ['memory', 'byte'],
        ['pods', 'integer'],
      ] as const) {
        const quantity = parseQuantity(values[key]);
        if (values[key] === undefined || !Number.isFinite(quantity)) continue;
        out.sample(metric, 'gauge', help, { node: name, resource: key, unit }, quantity);
      }
    }
    for (const condition of (node.status?.conditions as
      | Array<{ type?: string; status?: string }>
      | undefined) ?? []) {
      const status = String(condition.status ?? 'Unknown').toLowerCase();
      for (const candidate of CONDITION_STATUSES)
        out.sample(
          'kube_node_status_condition',
          'gauge',
          'The condition of a cluster node.',
          { node: name, condition: condition.type ?? '', status: candidate },
          candidate === status ? 1 : 0,
        );
    }
  }
}

function writeWorkloads(out: Exposition, deployments: Obj[], statefulsets: Obj[], daemonsets: Obj[]) {
  const number = (value: unknown) => (typeof value === 'number' ? value : 0);
  for (const deployment of deployments) {
    const labels = {
      namespace: deployment.metadata?.namespace ?? '',
      deployment: deployment.metadata?.name ?? '',
    };
    out.sample(
      'kube_deployment_spec_replicas',
      'gauge',
      'Number of desired pods for a deployment.',
      labels,
      number(deployment.spec?.replicas ?? 1),
    );
    out.sample(
      'kube_deployment_status_replicas_available',
      'gauge',
      'The number of available replicas per deployment.',
      labels,
      number(deployment.status?.availableReplicas),
    );
  }
  for (const set of statefulsets) {
    const labels = { namespace: set.metadata?.namespace ?? '', statefulset: set.metadata?.name ?? '' };
    out.sample(
      'kube_statefulset_replicas',
      'gauge',
      'Number of desired pods for a StatefulSet.',
      labels,
      number(set.spec?.replicas ?? 1),
    );
    out.sample(
      'kube_statefulset_status_replicas_available',
      'gauge',
      'The number of available replicas per StatefulSet.',
      labels,
      number(set.status?.availableReplicas),
    );
    out.sample(
      'kube_statefulset_status_replicas_ready',
      'gauge',
      'The number of ready replicas per StatefulSet.',
      labels,
      number(set.status?.readyReplicas),
    );
  }
  for (const set of daemonsets) {
    const labels = { namespace: set.metadata?.namespace ?? '', daemonset: set.metadata?.name ?? '' };
    out.sample(
      'kube_daemonset_status_desired_number_scheduled',
      'gauge',
      'The number of nodes that should be running the daemon pod.',
      labels,
      number(set.status?.desiredNumberScheduled),
    );
    out.sample(
      'kube_daemonset_status_number_available',
      'gauge',
      'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.',
      labels,
      number(set.status?.numberAvailable),
    );
  }
}

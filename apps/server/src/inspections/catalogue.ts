import type { InspectionLevel, InspectionSeverity } from '@portolan/api';

export type ItemParams = Record<string, number | string | boolean>;

/** One check Portolan knows: its defaults, and in plain words why it matters and how to fix it. */
export interface InspectionItem {
  id: string;
  level: InspectionLevel;
  severity: InspectionSeverity;
  params: ItemParams;
  why: string;
  fix: string;
}

const item = (
  id: string,
  level: InspectionLevel,
  severity: InspectionSeverity,
  params: ItemParams,
  why: string,
  fix: string,
): InspectionItem => ({ id, level, severity, params, why, fix });

/** Every item, in the order a report lists them within a severity. */
export const INSPECTION_ITEMS: readonly InspectionItem[] = [
  item(
    'component-health',
    'cluster',
    'critical',
    { leaseStaleSeconds: 60 },
    'The API server answers every request and the scheduler and controller manager act on the cluster; when one is unhealthy, pods stop being placed or repaired.',
    'Read the failing check named in the message (kubectl get --raw "/readyz?verbose"), then the component’s own log; a stale lease means the scheduler or controller manager is not running.',
  ),
  item(
    'etcd-health',
    'cluster',
    'critical',
    {},
    'etcd holds the whole cluster’s state; when the API server cannot reach it every write fails.',
    'Check the etcd members’ health and disk space (etcdctl endpoint health), and the API server’s --etcd-servers flag.',
  ),
  item(
    'certificate-expiry',
    'cluster',
    'critical',
    { days: 30 },
    'A client certificate past its end date is refused by the API server: Portolan then loses the cluster.',
    'Issue a new certificate and replace the cluster’s kubeconfig in Portolan (Clusters → the cluster → Replace kubeconfig).',
  ),
  item(
    'credential-expiry',
    'cluster',
    'warning',
    { days: 30 },
    'A token past its expiry is refused, and Portolan loses the cluster.',
    'Create a new token (or a kubeconfig with an exec plugin that renews itself) and replace the cluster’s kubeconfig in Portolan.',
  ),
  item(
    'version-skew',
    'cluster',
    'warning',
    { maxMinorSkew: 3 },
    'Kubelets newer than the API server, or more minor versions behind it than Kubernetes supports, behave unpredictably.',
    'Upgrade the control plane first, then the nodes, one minor version at a time.',
  ),
  item(
    'deprecated-apis',
    'cluster',
    'warning',
    {},
    'Clients still use API versions that a coming Kubernetes release removes; after the upgrade their requests fail.',
    'Find the client (the API server’s audit log names it) and move its manifests to the replacement version (kubectl convert helps).',
  ),
  item(
    'requests-vs-allocatable',
    'cluster',
    'warning',
    { percent: 90 },
    'When pods request nearly all the nodes can offer, new or rescheduled pods stay Pending.',
    'Add nodes, or lower requests that are far above what the pods use.',
  ),
  item(
    'node-conditions',
    'node',
    'critical',
    {},
    'A node that is not Ready gets no new pods, and its pods are evicted after a while.',
    'Look at the node’s conditions and events (kubectl describe node), then at its kubelet and container runtime.',
  ),
  item(
    'node-heartbeat',
    'node',
    'critical',
    { maxAgeSeconds: 120 },
    'The kubelet renews its node Lease every few seconds; an old lease means the kubelet has stopped or cannot reach the API server.',
    'Check that the kubelet runs on the node and that the node reaches the API server.',
  ),
  item(
    'node-pressure',
    'node',
    'warning',
    {},
    'Under memory, disk or process-id pressure the kubelet evicts pods and refuses new ones.',
    'Free disk space or memory on the node, or move workloads elsewhere; set requests so the scheduler sees the load.',
  ),
  item(
    'node-pod-capacity',
    'node',
    'warning',
    { percent: 90 },
    'A node near its pod limit cannot take the next pods scheduled to it.',
    'Add nodes, or spread workloads with topology spread constraints.',
  ),
  item(
    'node-usage',
    'node',
    'warning',
    { cpuPercent: 90, memoryPercent: 90 },
    'A node using nearly all its CPU or memory slows its pods down or starts killing them.',
    'Move workloads off the node, set limits on the heaviest pods, or add nodes.',
  ),
  item(
    'pod-not-running',
    'workload',
    'critical',
    {},
    'A pod that failed or whose container cannot start does not serve.',
    'Read the pod’s events and the container’s last state (kubectl describe pod), then its logs.',
  ),
  item(
    'pod-restarts',
    'workload',
    'warning',
    { threshold: 5 },
    'Containers that restart again and again are crashing: requests fail while they come back.',
    'Read the previous container’s logs (kubectl logs --previous) and its exit reason; an OOMKilled reason calls for more memory.',
  ),
  item(
    'pod-pending',
    'workload',
    'warning',
    { graceSeconds: 300 },
    'A pod that stays Pending never runs; the scheduler says why.',
    'Act on the scheduler’s reason: add capacity, relax node selectors, affinities or taints, or bind its volumes.',
  ),
  item(
    'image-latest',
    'workload',
    'warning',
    {},
    'An image without a tag or tagged latest changes under you: two pods of one workload can run different code, and a rollback does not go back.',
    'Pin the image to a version tag or a digest (image@sha256:…).',
  ),
  item(
    'missing-requests-limits',
    'workload',
    'warning',
    { requireLimits: true },
    'Without requests the scheduler cannot place pods sensibly; without limits one container can starve its neighbours.',
    'Set resources.requests (and limits) for CPU and memory on every container.',
  ),
  item(
    'missing-probes',
    'workload',
    'info',
    {},
    'Without a readiness probe traffic reaches containers before they are ready; without a liveness probe a hung container is never restarted.',
    'Add readinessProbe and livenessProbe to long-running containers.',
  ),
  item(
    'privileged-containers',
    'workload',
    'critical',
    {},
    'A privileged container has the node’s full power: one compromised container owns the node.',
    'Remove securityContext.privileged; grant only the capabilities the container needs.',
  ),
  item(
    'root-containers',
    'workload',
    'warning',
    {},
    'A container running as root turns an escape from the container into root on the node.',
    'Set securityContext.runAsNonRoot: true and a non-zero runAsUser, and build the image to run as a normal user.',
  ),
  item(
    'single-replica-no-pdb',
    'workload',
    'warning',
    {},
    'A workload of one replica without a PodDisruptionBudget goes down whenever its node is drained.',
    'Run two or more replicas and add a PodDisruptionBudget (minAvailable: 1).',
  ),
  item(
    'pvc-pending-lost',
    'workload',
    'critical',
    { graceSeconds: 120 },
    'A claim that stays Pending blocks the pods that mount it; a Lost claim has lost its volume’s data.',
    'For Pending: check the StorageClass and its provisioner (kubectl describe pvc). For Lost: restore the volume from a backup.',
  ),
  item(
    'service-no-endpoints',
    'workload',
    'warning',
    {},
    'A Service whose selector matches no ready pod refuses every connection.',
    'Make the selector match the pods’ labels, and check that those pods are Ready.',
  ),
  item(
    'job-failing',
    'workload',
    'warning',
    {},
    'A failing Job does not finish its work; a CronJob’s failing runs pile up.',
    'Read the failed pods’ logs; fix the cause or the Job’s command, then run it again.',
  ),
  item(
    'unused-configmaps',
    'workload',
    'info',
    {},
    'A ConfigMap nothing refers to is clutter, and often a sign that a workload reads the wrong one.',
    'Delete it if nothing outside the cluster needs it, or exempt it with the annotation portolan.dev/inspection-exempt: unused-configmaps.',
  ),
  item(
    'unused-secrets',
    'workload',
    'info',
    {},
    'A Secret nothing refers to is a credential kept for no reason: one more thing that can leak.',
    'Delete it if nothing outside the cluster needs it, or exempt it with the annotation portolan.dev/inspection-exempt: unused-secrets.',
  ),
];

export const ITEMS_BY_ID: ReadonlyMap<string, InspectionItem> = new Map(
  INSPECTION_ITEMS.map((i) => [i.id, i]),
);

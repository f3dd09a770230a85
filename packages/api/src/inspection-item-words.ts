/**
 * Each inspection item's why (what goes wrong) and fix (what to do), in English: the server's catalogue
 * and its reports read them from here, and the console's English words are these (its 简体中文 are in
 * apps/web/src/features/inspections/item-words-zh.ts, one for every item here: tsc checks it).
 */
export const INSPECTION_ITEM_WORDS = {
  'component-health': {
    why: 'The API server answers every request and the scheduler and controller manager act on the cluster; when one is unhealthy, pods stop being placed or repaired.',
    fix: 'Read the failing check named in the message (kubectl get --raw "/readyz?verbose"), then the component’s own log; a stale lease means the scheduler or controller manager is not running.',
  },
  'etcd-health': {
    why: 'etcd holds the whole cluster’s state; when the API server cannot reach it every write fails.',
    fix: 'Check the etcd members’ health and disk space (etcdctl endpoint health), and the API server’s --etcd-servers flag.',
  },
  'certificate-expiry': {
    why: 'A client certificate past its end date is refused by the API server: Portolan then loses the cluster.',
    fix: 'Issue a new certificate and replace the cluster’s kubeconfig in Portolan (Clusters → the cluster → Replace kubeconfig).',
  },
  'credential-expiry': {
    why: 'A token past its expiry is refused, and Portolan loses the cluster.',
    fix: 'Create a new token (or a kubeconfig with an exec plugin that renews itself) and replace the cluster’s kubeconfig in Portolan.',
  },
  'version-skew': {
    why: 'Kubelets newer than the API server, or more minor versions behind it than Kubernetes supports, behave unpredictably.',
    fix: 'Upgrade the control plane first, then the nodes, one minor version at a time.',
  },
  'deprecated-apis': {
    why: 'Clients still use API versions that a coming Kubernetes release removes; after the upgrade their requests fail.',
    fix: 'Find the client (the API server’s audit log names it) and move its manifests to the replacement version (kubectl convert helps).',
  },
  'requests-vs-allocatable': {
    why: 'When pods request nearly all the nodes can offer, new or rescheduled pods stay Pending.',
    fix: 'Add nodes, or lower requests that are far above what the pods use.',
  },
  'node-conditions': {
    why: 'A node that is not Ready gets no new pods, and its pods are evicted after a while.',
    fix: 'Look at the node’s conditions and events (kubectl describe node), then at its kubelet and container runtime.',
  },
  'node-heartbeat': {
    why: 'The kubelet renews its node Lease every few seconds; an old lease means the kubelet has stopped or cannot reach the API server.',
    fix: 'Check that the kubelet runs on the node and that the node reaches the API server.',
  },
  'node-pressure': {
    why: 'Under memory, disk or process-id pressure the kubelet evicts pods and refuses new ones.',
    fix: 'Free disk space or memory on the node, or move workloads elsewhere; set requests so the scheduler sees the load.',
  },
  'node-pod-capacity': {
    why: 'A node near its pod limit cannot take the next pods scheduled to it.',
    fix: 'Add nodes, or spread workloads with topology spread constraints.',
  },
  'node-usage': {
    why: 'A node using nearly all its CPU or memory slows its pods down or starts killing them.',
    fix: 'Move workloads off the node, set limits on the heaviest pods, or add nodes.',
  },
  'pod-not-running': {
    why: 'A pod that failed or whose container cannot start does not serve.',
    fix: 'Read the pod’s events and the container’s last state (kubectl describe pod), then its logs.',
  },
  'pod-restarts': {
    why: 'Containers that restart again and again are crashing: requests fail while they come back.',
    fix: 'Read the previous container’s logs (kubectl logs --previous) and its exit reason; an OOMKilled reason calls for more memory.',
  },
  'pod-pending': {
    why: 'A pod that stays Pending never runs; the scheduler says why.',
    fix: 'Act on the scheduler’s reason: add capacity, relax node selectors, affinities or taints, or bind its volumes.',
  },
  'image-latest': {
    why: 'An image without a tag or tagged latest changes under you: two pods of one workload can run different code, and a rollback does not go back.',
    fix: 'Pin the image to a version tag or a digest (image@sha256:…).',
  },
  'missing-requests-limits': {
    why: 'Without requests the scheduler cannot place pods sensibly; without limits one container can starve its neighbours.',
    fix: 'Set resources.requests (and limits) for CPU and memory on every container.',
  },
  'missing-probes': {
    why: 'Without a readiness probe traffic reaches containers before they are ready; without a liveness probe a hung container is never restarted.',
    fix: 'Add readinessProbe and livenessProbe to long-running containers.',
  },
  'privileged-containers': {
    why: 'A privileged container has the node’s full power: one compromised container owns the node.',
    fix: 'Remove securityContext.privileged; grant only the capabilities the container needs.',
  },
  'root-containers': {
    why: 'A container running as root turns an escape from the container into root on the node.',
    fix: 'Set securityContext.runAsNonRoot: true and a non-zero runAsUser, and build the image to run as a normal user.',
  },
  'single-replica-no-pdb': {
    why: 'A workload of one replica without a PodDisruptionBudget goes down whenever its node is drained.',
    fix: 'Run two or more replicas and add a PodDisruptionBudget (minAvailable: 1).',
  },
  'pvc-pending-lost': {
    why: 'A claim that stays Pending blocks the pods that mount it; a Lost claim has lost its volume’s data.',
    fix: 'For Pending: check the StorageClass and its provisioner (kubectl describe pvc). For Lost: restore the volume from a backup.',
  },
  'service-no-endpoints': {
    why: 'A Service whose selector matches no ready pod refuses every connection.',
    fix: 'Make the selector match the pods’ labels, and check that those pods are Ready.',
  },
  'job-failing': {
    why: 'A failing Job does not finish its work; a CronJob’s failing runs pile up.',
    fix: 'Read the failed pods’ logs; fix the cause or the Job’s command, then run it again.',
  },
  'unused-configmaps': {
    why: 'A ConfigMap nothing refers to is clutter, and often a sign that a workload reads the wrong one.',
    fix: 'Delete it if nothing outside the cluster needs it, or exempt it with the annotation portolan.dev/inspection-exempt: unused-configmaps.',
  },
  'unused-secrets': {
    why: 'A Secret nothing refers to is a credential kept for no reason: one more thing that can leak.',
    fix: 'Delete it if nothing outside the cluster needs it, or exempt it with the annotation portolan.dev/inspection-exempt: unused-secrets.',
  },
} as const;

export type InspectionItemId = keyof typeof INSPECTION_ITEM_WORDS;

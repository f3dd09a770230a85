import { fillWords } from './fill-words.ts';
/**
 * What an inspection finding says, as a code and values beside Portolan's English (issue #10): the
 * server makes a finding's `message` from these words and its `params`, so the two never disagree, and
 * the console words the same code in the reader's language (apps/web/src/features/inspections/
 * finding-words-zh.ts has 简体中文 for every code here; a test checks the placeholders match). Values are
 * names, counts, thresholds and Kubernetes' own text (a pod's status message, a scheduler's reason),
 * which stays as Kubernetes wrote it.
 *
 * Two kinds of value carry a reason of their own beside its English `detail`:
 * - `syncCode` with `sync.<name>` values: why a kind's sync failed (SYNC_REASON_CODES of sync-reasons.ts);
 * - `detailCode` with `detail.<name>` values: another finding code (a skip that repeats a skip's reason).
 * `clusterCode` with `cluster.<name>` values likewise words a cluster's reason (CLUSTER_REASON_CODES).
 */
export const INSPECTION_FINDING_WORDS = {
  // Why a check could not run, shared by the items that read the same kind or answer.
  'skip.not-synced':
    'Portolan does not sync {kind} from this cluster (not served, or not allowed to list them)',
  'skip.not-synced-yet': '{kind} are not synced yet',
  'skip.sync-failed': '{kind} are not synced yet: {detail}',
  'skip.cluster-offline': 'cluster {cluster} is {status}: its objects cannot be judged',
  'skip.cluster-offline.reason': 'cluster {cluster} is {status} ({detail}): its objects cannot be judged',
  'skip.cluster-unreachable': 'cluster {cluster} is {status}; live checks could not run',
  'skip.cluster-unreachable.reason': 'cluster {cluster} is {status} ({detail}); live checks could not run',
  'skip.read-not-served': '{path} is not served by this cluster',
  'skip.read-forbidden': 'Portolan may not read {path} on this cluster (forbidden): {detail}',
  'skip.read-unavailable': '{path} is unavailable on this cluster: {detail}',
  'skip.read-timeout': '{path} could not be read: no answer within {ms} ms',
  'skip.read-failed': '{path} could not be read: {detail}',
  'skip.some-namespaces': 'the configuration inspects some namespaces only, not the whole cluster',
  'skip.references-unseen': 'references cannot all be seen: {detail}',
  // Cluster level.
  'component-health.check-failed': "the API server's {path} check {check} fails: {detail}",
  'component-health.check-failed.no-reason': "the API server's {path} check {check} fails: no reason given",
  'component-health.no-lease':
    '{component} holds no leader Lease (it runs without leader election, or not at all): its health cannot be read from here',
  'component-health.lease-stale':
    "{component}'s Lease was last renewed {seconds} s ago (more than {limit} s): it has stopped",
  'component-health.lease-never': "{component}'s Lease has never been renewed",
  'etcd-health.no-check': "the API server's /readyz lists no etcd check",
  'etcd-health.failed': 'the API server cannot reach etcd (/readyz {check}: {detail})',
  'etcd-health.failed.no-reason': 'the API server cannot reach etcd (/readyz {check} failed)',
  'certificate-expiry.expired': "Portolan's {credential} ({field}) expired on {expiresAt}",
  'certificate-expiry.expiring': "Portolan's {credential} ({field}) expires on {expiresAt}, in {days} days",
  'credential-expiry.expired': "Portolan's {credential} ({field}) expired on {expiresAt}",
  'credential-expiry.expiring': "Portolan's {credential} ({field}) expires on {expiresAt}, in {days} days",
  'version-skew.api-unknown': "the API server's version is not known yet (the cluster has not been probed)",
  'version-skew.newer': 'the kubelet ({kubelet}) is newer than the API server ({apiServer})',
  'version-skew.behind':
    'the kubelet ({kubelet}) is {behind} minor versions behind the API server ({apiServer}); at most {most} are supported',
  'version-skew.kubelets-unknown': '{count} node(s) report no comparable kubelet version ({nodes})',
  'deprecated-apis.requested':
    '{resource} in {api} was requested since the API server started; Kubernetes {release} removes it',
  'requests-vs-allocatable.cpu':
    "pods request {percent}% of the schedulable nodes' allocatable CPU (more than {limit}%)",
  'requests-vs-allocatable.memory':
    "pods request {percent}% of the schedulable nodes' allocatable memory (more than {limit}%)",
  // Node level.
  'node-conditions.no-ready': 'the node reports no Ready condition: its kubelet has never reported',
  'node-conditions.not-ready': 'the node is not Ready ({status}): {detail}',
  'node-conditions.not-ready.no-reason': 'the node is not Ready ({status}): no reason given',
  'node-heartbeat.no-lease':
    'the node has no Lease in kube-node-lease: its kubelet has never sent a heartbeat',
  'node-heartbeat.stale':
    "the kubelet's last heartbeat (its Lease) was {seconds} s ago (more than {limit} s)",
  'node-pressure.condition': '{condition}: {detail}',
  'node-pressure.condition.no-reason': '{condition}: no reason given',
  'node-pod-capacity.some-namespaces':
    'the configuration inspects some namespaces only, so pods per node are not all known',
  'node-pod-capacity.over': '{running} of {capacity} pods allowed on the node (more than {limit}%)',
  'node-usage.cpu': 'the node uses {percent}% of its allocatable CPU (more than {limit}%)',
  'node-usage.memory': 'the node uses {percent}% of its allocatable memory (more than {limit}%)',
  // Workload level.
  'pod-not-running.phase': 'the pod is {phase}',
  'pod-not-running.phase-detail': 'the pod is {phase}: {detail}',
  'pod-not-running.waiting': 'containers are waiting to start: {containers}',
  'pod-restarts.restarts': 'containers restarted {restarts} times (more than {threshold})',
  'pod-restarts.restarts-exit':
    'containers restarted {restarts} times (more than {threshold}); the last exit: {exit}',
  'pod-pending.unschedulable': 'Pending for {minutes} min; the scheduler says: {detail}',
  'pod-pending.not-started': 'Pending for {minutes} min; it is scheduled but its containers have not started',
  'image-latest.floating': 'containers run an image with no fixed version: {images}',
  'missing-requests-limits.absent': 'containers lack resource settings: {missing}',
  'missing-probes.absent': 'containers have no probe: {missing}',
  'privileged-containers.privileged': 'containers run privileged: {containers}',
  'root-containers.user-0': 'containers run as user 0 (root): {containers}',
  'root-containers.unset':
    "containers set neither runAsNonRoot nor a runAsUser, so they run as the image's user, often root: {containers}",
  'root-containers.both':
    "containers run as user 0 (root): {root}; containers set neither runAsNonRoot nor a runAsUser, so they run as the image's user, often root: {unset}",
  'single-replica-no-pdb.unguarded': '{kind} runs 1 replica and no PodDisruptionBudget covers its pods',
  'pvc-pending-lost.lost': 'the claim is Lost: its volume {volume} is gone',
  'pvc-pending-lost.pending': 'the claim has been Pending for {seconds} s (storage class {storageClass})',
  'pvc-pending-lost.pending-no-class': 'the claim has been Pending for {seconds} s (no storage class)',
  'service-no-endpoints.none-ready': 'no ready endpoint: no ready pod matches the selector {selector}',
  'job-failing.failed': 'the Job failed: {detail}',
  'job-failing.pods-failed': '{failed} of its pods failed so far (backoff limit {backoffLimit})',
  'unused-configmaps.unreferenced':
    'nothing in the cluster refers to it: no pod or workload template, ServiceAccount or Ingress names it',
  'unused-secrets.unreferenced':
    'nothing in the cluster refers to it: no pod or workload template, ServiceAccount or Ingress names it',
} as const;

export type InspectionFindingCode = keyof typeof INSPECTION_FINDING_WORDS;
export type InspectionFindingParams = Record<string, string | number>;

/** Every code a finding can carry: the single list the console's words are checked against. */
export const INSPECTION_FINDING_CODES = Object.keys(INSPECTION_FINDING_WORDS) as InspectionFindingCode[];

/** Why a run failed as a whole, in English; the console words the same codes. */
export const INSPECTION_RUN_ERROR_WORDS = {
  'run.cluster-gone': 'cluster {cluster} is no longer registered',
  'run.stopped': 'the server running it stopped before it ended; run it again',
  'run.error': '{detail}',
} as const;

export type InspectionRunErrorCode = keyof typeof INSPECTION_RUN_ERROR_WORDS;
export const INSPECTION_RUN_ERROR_CODES = Object.keys(INSPECTION_RUN_ERROR_WORDS) as InspectionRunErrorCode[];

export { fillWords };

/** The English of a finding code with its values. */
export const inspectionFindingEnglish = (code: InspectionFindingCode, params: InspectionFindingParams) =>
  fillWords(INSPECTION_FINDING_WORDS[code], params);

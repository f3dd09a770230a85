import type { InspectedKind, InspectionInput, KubeObject, Live } from './inspection-input.ts';
import type { Recorder } from './recorder.ts';
import { collectReferences, containersOf, podSpecOf, REFERENCE_KINDS } from './references.ts';

// biome-ignore lint/suspicious/noExplicitAny: containers are read loosely
type Container = any;

const ownerKind = (object: KubeObject) => object.metadata.ownerReferences?.[0]?.kind;
const ageMs = (object: KubeObject, now: Date) =>
  now.getTime() - (Date.parse(object.metadata.creationTimestamp ?? '') || now.getTime());
/** Namespaces of the platform itself: their objects are the cluster's, not a team's. */
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

/**
 * The objects whose pod template a person wrote: controllers not made by another controller, and pods
 * made by none. A Deployment's ReplicaSets and a CronJob's Jobs are left out, so one image problem is
 * one finding, not one per pod.
 */
function templatesOf(input: InspectionInput): { objects: KubeObject[]; missing: string[] } {
  const objects: KubeObject[] = [];
  const missing: string[] = [];
  const take = (kind: InspectedKind, keep: (object: KubeObject) => boolean = () => true) => {
    const found = input.objects[kind];
    if (!found.ok) missing.push(found.reason);
    else objects.push(...found.value.filter(keep));
  };
  take('deployments');
  take('statefulsets');
  take('daemonsets');
  take('cronjobs');
  take('replicasets', (rs) => ownerKind(rs) !== 'Deployment');
  take('jobs', (job) => ownerKind(job) !== 'CronJob');
  take('pods', (pod) => !pod.metadata.ownerReferences?.length);
  return { objects, missing };
}

const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

/** "nginx", "nginx:latest", "registry:5000/app" have no fixed version; "app:1.2" and "app@sha256:…" do. */
export function floatingImage(image: string): boolean {
  if (image.includes('@')) return false;
  const last = image.slice(image.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return colon === -1 || last.slice(colon + 1) === 'latest';
}

function templateChecks(input: InspectionInput, rec: Recorder) {
  const ids = [
    'image-latest',
    'missing-requests-limits',
    'missing-probes',
    'privileged-containers',
    'root-containers',
  ];
  const { objects, missing } = templatesOf(input);
  for (const reason of missing) for (const id of ids) if (rec.item(id)) rec.skip(id, reason);
  const requireLimits =
    rec.item('missing-requests-limits') && rec.param('missing-requests-limits', 'requireLimits') === true;
  for (const object of objects) {
    const spec = podSpecOf(object);
    if (!spec) continue;
    const containers: Container[] = containersOf(spec);
    const regular: Container[] = spec.containers ?? [];
    const where = (container: Container) => `container ${container.name}`;
    if (rec.item('image-latest')) {
      rec.checked('image-latest');
      const floating = containers.filter((c) => typeof c.image === 'string' && floatingImage(c.image));
      if (floating.length > 0)
        rec.fail(
          'image-latest',
          object,
          floating.map((c) => `${where(c)} runs ${c.image}, which has no fixed version`).join('; '),
        );
    }
    if (rec.item('missing-requests-limits')) {
      rec.checked('missing-requests-limits');
      const problems: string[] = [];
      for (const container of [...(spec.initContainers ?? []), ...regular]) {
        const absent = [
          ...['cpu', 'memory']
            .filter((r) => container.resources?.requests?.[r] === undefined)
            .map((r) => `${r} request`),
          ...(requireLimits
            ? ['cpu', 'memory']
                .filter((r) => container.resources?.limits?.[r] === undefined)
                .map((r) => `${r} limit`)
            : []),
        ];
        if (absent.length > 0) problems.push(`${where(container)} has no ${absent.join(', ')}`);
      }
      if (problems.length > 0) rec.fail('missing-requests-limits', object, problems.join('; '));
    }
    if (rec.item('missing-probes') && LONG_RUNNING.has(object.kind ?? '')) {
      rec.checked('missing-probes');
      const problems = regular
        .map((c) => ({ c, absent: ['readinessProbe', 'livenessProbe'].filter((probe) => !c[probe]) }))
        .filter(({ absent }) => absent.length > 0)
        .map(({ c, absent }) => `${where(c)} has no ${absent.join(' or ')}`);
      if (problems.length > 0) rec.fail('missing-probes', object, problems.join('; '));
    }
    if (rec.item('privileged-containers')) {
      rec.checked('privileged-containers');
      const privileged = containers.filter((c) => c.securityContext?.privileged === true);
      if (privileged.length > 0)
        rec.fail('privileged-containers', object, `${privileged.map(where).join(', ')} run(s) privileged`);
    }
    if (rec.item('root-containers')) {
      rec.checked('root-containers');
      const problems: string[] = [];
      for (const container of containers) {
        const user = container.securityContext?.runAsUser ?? spec.securityContext?.runAsUser;
        const nonRoot = container.securityContext?.runAsNonRoot ?? spec.securityContext?.runAsNonRoot;
        if (user === 0) problems.push(`${where(container)} runs as user 0 (root)`);
        else if (user === undefined && nonRoot !== true)
          problems.push(
            `${where(container)} sets neither runAsNonRoot nor a runAsUser: it runs as the image's user, often root`,
          );
      }
      if (problems.length > 0) rec.fail('root-containers', object, problems.join('; '));
    }
  }
}

function podChecks(input: InspectionInput, rec: Recorder) {
  const ids = ['pod-not-running', 'pod-restarts', 'pod-pending'];
  const pods = input.objects.pods;
  if (!pods.ok) {
    for (const id of ids) if (rec.item(id)) rec.skip(id, pods.reason);
    return;
  }
  const threshold = rec.item('pod-restarts') ? Number(rec.param('pod-restarts', 'threshold')) : 0;
  const grace = rec.item('pod-pending') ? Number(rec.param('pod-pending', 'graceSeconds')) * 1000 : 0;
  for (const pod of pods.value) {
    const phase = pod.status?.phase ?? 'Unknown';
    const statuses: Container[] = [
      ...(pod.status?.initContainerStatuses ?? []),
      ...(pod.status?.containerStatuses ?? []),
    ];
    // A Job's pods end Failed by design when it retries; job-failing speaks for them.
    if (rec.item('pod-not-running') && ownerKind(pod) !== 'Job') {
      rec.checked('pod-not-running');
      const waiting = statuses.filter(
        (s) =>
          s.state?.waiting &&
          s.state.waiting.reason !== 'ContainerCreating' &&
          s.state.waiting.reason !== 'PodInitializing',
      );
      if (phase === 'Failed' || phase === 'Unknown')
        rec.fail(
          'pod-not-running',
          pod,
          `the pod is ${phase}${pod.status?.reason ? ` (${pod.status.reason})` : ''}${pod.status?.message ? `: ${pod.status.message}` : ''}`,
        );
      else if (phase === 'Running' && waiting.length > 0)
        rec.fail(
          'pod-not-running',
          pod,
          waiting
            .map(
              (s) =>
                `container ${s.name} is waiting: ${s.state.waiting.reason}${s.state.waiting.message ? ` (${s.state.waiting.message})` : ''}`,
            )
            .join('; '),
        );
    }
    if (rec.item('pod-restarts')) {
      rec.checked('pod-restarts');
      const restarts = statuses.reduce((sum, s) => sum + (Number(s.restartCount) || 0), 0);
      if (restarts > threshold) {
        const worst = statuses.reduce(
          (a, b) => ((Number(b.restartCount) || 0) > (Number(a?.restartCount) || 0) ? b : a),
          statuses[0],
        );
        const last = worst?.lastState?.terminated?.reason;
        rec.fail(
          'pod-restarts',
          pod,
          `containers restarted ${restarts} times (more than ${threshold})${last ? `; the last exit: ${last}` : ''}`,
        );
      }
    }
    if (rec.item('pod-pending')) {
      rec.checked('pod-pending');
      if (phase === 'Pending' && ageMs(pod, input.now) > grace) {
        const scheduled = (pod.status?.conditions ?? []).find(
          (c: { type: string }) => c.type === 'PodScheduled',
        );
        const why =
          scheduled?.status === 'False'
            ? `the scheduler says: ${[scheduled.reason, scheduled.message].filter(Boolean).join(': ')}`
            : 'it is scheduled but its containers have not started';
        rec.fail('pod-pending', pod, `Pending for ${Math.round(ageMs(pod, input.now) / 60_000)} min; ${why}`);
      }
    }
  }
}

/** Does a label selector (matchLabels, matchExpressions) select these labels? An empty one selects all. */
export function selects(
  selector:
    | {
        matchLabels?: Record<string, string>;
        matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
      }
    | undefined,
  labels: Record<string, string>,
): boolean {
  if (!selector) return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {}))
    if (labels[key] !== value) return false;
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const has = key in labels;
    if (operator === 'In' && !(has && values.includes(labels[key] ?? ''))) return false;
    if (operator === 'NotIn' && has && values.includes(labels[key] ?? '')) return false;
    if (operator === 'Exists' && !has) return false;
    if (operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function singleReplicaNoPdb(input: InspectionInput, rec: Recorder) {
  const id = 'single-replica-no-pdb';
  if (!rec.item(id)) return;
  const { deployments, statefulsets, poddisruptionbudgets: pdbs } = input.objects;
  for (const found of [deployments, statefulsets, pdbs]) if (!found.ok) return rec.skip(id, found.reason);
  if (!deployments.ok || !statefulsets.ok || !pdbs.ok) return;
  for (const workload of [...deployments.value, ...statefulsets.value]) {
    const replicas = workload.spec?.replicas ?? 1;
    if (replicas !== 1) continue;
    rec.checked(id);
    const labels = workload.spec?.template?.metadata?.labels ?? {};
    const guarded = pdbs.value.some(
      (pdb) => pdb.metadata.namespace === workload.metadata.namespace && selects(pdb.spec?.selector, labels),
    );
    if (!guarded)
      rec.fail(id, workload, `${workload.kind} runs 1 replica and no PodDisruptionBudget covers its pods`);
  }
}

function pvcPendingLost(input: InspectionInput, rec: Recorder) {
  const id = 'pvc-pending-lost';
  if (!rec.item(id)) return;
  const claims = input.objects.persistentvolumeclaims;
  if (!claims.ok) return rec.skip(id, claims.reason);
  const grace = Number(rec.param(id, 'graceSeconds')) * 1000;
  for (const claim of claims.value) {
    rec.checked(id);
    const phase = claim.status?.phase ?? 'Pending';
    if (phase === 'Lost')
      rec.fail(id, claim, `the claim is Lost: its volume ${claim.spec?.volumeName ?? ''} is gone`);
    else if (phase === 'Pending' && ageMs(claim, input.now) >= grace)
      rec.fail(
        id,
        claim,
        `the claim has been Pending for ${Math.round(ageMs(claim, input.now) / 1000)} s (storage class ${claim.spec?.storageClassName ?? 'none'})`,
      );
  }
}

function serviceNoEndpoints(input: InspectionInput, rec: Recorder) {
  const id = 'service-no-endpoints';
  if (!rec.item(id)) return;
  const { services, endpointslices: slices } = input.objects;
  if (!services.ok) return rec.skip(id, services.reason);
  if (!slices.ok) return rec.skip(id, slices.reason);
  const ready = new Map<string, number>();
  for (const slice of slices.value) {
    const service = slice.metadata.labels?.['kubernetes.io/service-name'];
    if (!service) continue;
    const endpoints = (
      (slice.endpoints as Array<{ conditions?: { ready?: boolean } }> | undefined) ?? []
    ).filter((endpoint) => endpoint.conditions?.ready !== false).length;
    const key = `${slice.metadata.namespace}/${service}`;
    ready.set(key, (ready.get(key) ?? 0) + endpoints);
  }
  for (const service of services.value) {
    // Without a selector someone else keeps its endpoints; an ExternalName has none by design.
    if (!service.spec?.selector || Object.keys(service.spec.selector).length === 0) continue;
    if (service.spec.type === 'ExternalName') continue;
    rec.checked(id);
    if (!ready.get(`${service.metadata.namespace}/${service.metadata.name}`)) {
      const selector = Object.entries(service.spec.selector as Record<string, string>)
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      rec.fail(id, service, `no ready endpoint: no ready pod matches the selector ${selector}`);
    }
  }
}

function jobFailing(input: InspectionInput, rec: Recorder) {
  const id = 'job-failing';
  if (!rec.item(id)) return;
  const jobs = input.objects.jobs;
  if (!jobs.ok) return rec.skip(id, jobs.reason);
  for (const job of jobs.value) {
    rec.checked(id);
    const conditions: Array<{ type: string; status: string; reason?: string; message?: string }> =
      job.status?.conditions ?? [];
    const failed = conditions.find((c) => c.type === 'Failed' && c.status === 'True');
    const complete = conditions.some((c) => c.type === 'Complete' && c.status === 'True');
    if (failed)
      rec.fail(id, job, `the Job failed: ${[failed.reason, failed.message].filter(Boolean).join(': ')}`);
    else if (!complete && Number(job.status?.failed) > 0)
      rec.fail(
        id,
        job,
        `${job.status.failed} of its pods failed so far (backoff limit ${job.spec?.backoffLimit ?? 6})`,
      );
  }
}

/** Secrets that are made and read by Kubernetes or Helm themselves, never referenced from a pod spec. */
const SELF_USED_SECRET_TYPES = new Set([
  'kubernetes.io/service-account-token',
  'helm.sh/release.v1',
  'bootstrap.kubernetes.io/token',
]);

function unused(input: InspectionInput, rec: Recorder) {
  const items = [
    { id: 'unused-configmaps', kind: 'configmaps', field: 'configMaps' },
    { id: 'unused-secrets', kind: 'secrets', field: 'secrets' },
  ] as const;
  const wanted = items.filter((i) => rec.item(i.id));
  if (wanted.length === 0) return;
  // Only with every referring kind in hand can "nothing refers to it" be said.
  const blind = REFERENCE_KINDS.map((kind) => input.objects[kind]).find(
    (found): found is Extract<Live<KubeObject[]>, { ok: false }> => !found.ok,
  );
  if (blind) {
    for (const i of wanted) rec.skip(i.id, `references cannot all be seen: ${blind.reason}`);
    return;
  }
  const references = collectReferences(input.objects);
  for (const i of wanted) {
    const found = input.objects[i.kind];
    if (!found.ok) {
      rec.skip(i.id, found.reason);
      continue;
    }
    for (const object of found.value) {
      const namespace = object.metadata.namespace ?? '';
      if (SYSTEM_NAMESPACES.has(namespace)) continue;
      // Made and kept by a controller, which is what uses it.
      if (object.metadata.ownerReferences?.length) continue;
      if (i.kind === 'configmaps' && object.metadata.name === 'kube-root-ca.crt') continue;
      if (i.kind === 'secrets' && SELF_USED_SECRET_TYPES.has(String(object.type ?? ''))) continue;
      rec.checked(i.id);
      if (!references[i.field].has(`${namespace}/${object.metadata.name}`))
        rec.fail(
          i.id,
          object,
          `nothing in the cluster refers to it: no pod or workload template, ServiceAccount or Ingress names it`,
        );
    }
  }
}

export function checkWorkloads(input: InspectionInput, rec: Recorder) {
  podChecks(input, rec);
  templateChecks(input, rec);
  singleReplicaNoPdb(input, rec);
  pvcPendingLost(input, rec);
  serviceNoEndpoints(input, rec);
  jobFailing(input, rec);
  unused(input, rec);
}

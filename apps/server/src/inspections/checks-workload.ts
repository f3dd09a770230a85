import { floatingImage, templateChecks } from './checks-template.ts';
import type { InspectionInput, KubeObject, Live } from './inspection-input.ts';
import type { Recorder } from './recorder.ts';
import { collectReferences, REFERENCE_KINDS } from './references.ts';
import { nested, said } from './said.ts';

export { floatingImage };

// biome-ignore lint/suspicious/noExplicitAny: containers are read loosely
type Container = any;

const ownerKind = (object: KubeObject) => object.metadata.ownerReferences?.[0]?.kind;
const ageMs = (object: KubeObject, now: Date) =>
  now.getTime() - (Date.parse(object.metadata.creationTimestamp ?? '') || now.getTime());
/** Namespaces of the platform itself: their objects are the cluster's, not a team's. */
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

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
      // The pod's reason and message, and each waiting container's, are Kubernetes' own words.
      const detail = [pod.status?.reason, pod.status?.message].filter(Boolean).join(': ');
      if (phase === 'Failed' || phase === 'Unknown')
        rec.fail(
          'pod-not-running',
          pod,
          detail
            ? said('pod-not-running.phase-detail', { phase, detail })
            : said('pod-not-running.phase', { phase }),
        );
      else if (phase === 'Running' && waiting.length > 0)
        rec.fail(
          'pod-not-running',
          pod,
          said('pod-not-running.waiting', {
            containers: waiting
              .map(
                (s) =>
                  `${s.name}: ${s.state.waiting.reason}${s.state.waiting.message ? ` (${s.state.waiting.message})` : ''}`,
              )
              .join('; '),
          }),
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
          last
            ? said('pod-restarts.restarts-exit', { restarts, threshold, exit: last })
            : said('pod-restarts.restarts', { restarts, threshold }),
        );
      }
    }
    if (rec.item('pod-pending')) {
      rec.checked('pod-pending');
      if (phase === 'Pending' && ageMs(pod, input.now) > grace) {
        const scheduled = (pod.status?.conditions ?? []).find(
          (c: { type: string }) => c.type === 'PodScheduled',
        );
        const minutes = Math.round(ageMs(pod, input.now) / 60_000);
        rec.fail(
          'pod-pending',
          pod,
          scheduled?.status === 'False'
            ? said('pod-pending.unschedulable', {
                minutes,
                detail: [scheduled.reason, scheduled.message].filter(Boolean).join(': '),
              })
            : said('pod-pending.not-started', { minutes }),
        );
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
      rec.fail(id, workload, said('single-replica-no-pdb.unguarded', { kind: workload.kind ?? '' }));
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
    const seconds = Math.round(ageMs(claim, input.now) / 1000);
    const storageClass = claim.spec?.storageClassName;
    if (phase === 'Lost')
      rec.fail(id, claim, said('pvc-pending-lost.lost', { volume: claim.spec?.volumeName ?? '' }));
    else if (phase === 'Pending' && ageMs(claim, input.now) >= grace)
      rec.fail(
        id,
        claim,
        storageClass
          ? said('pvc-pending-lost.pending', { seconds, storageClass })
          : said('pvc-pending-lost.pending-no-class', { seconds }),
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
      rec.fail(id, service, said('service-no-endpoints.none-ready', { selector }));
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
      rec.fail(
        id,
        job,
        said('job-failing.failed', {
          detail: [failed.reason, failed.message].filter(Boolean).join(': ') || failed.type,
        }),
      );
    else if (!complete && Number(job.status?.failed) > 0)
      rec.fail(
        id,
        job,
        said('job-failing.pods-failed', {
          failed: Number(job.status.failed),
          backoffLimit: job.spec?.backoffLimit ?? 6,
        }),
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
    for (const i of wanted) rec.skip(i.id, said('skip.references-unseen', nested(blind.reason)));
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
        rec.fail(i.id, object, said(`${i.id}.unreferenced`));
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

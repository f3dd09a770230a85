import type { KubeClient } from '#server/kube/kube-client.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { diffObjects } from '#server/resources/object-diff.ts';
import { NotFoundError } from '#server/resources/resource-errors.ts';
import { type LabelSelector, selectorText } from './label-selector.ts';
import { listIn, readWorkload, registeredResource, requireKind, type WorkloadRef } from './workload-kinds.ts';

export interface Revision {
  revision: number;
  /** The ReplicaSet (Deployments) or ControllerRevision (StatefulSets, DaemonSets) that keeps it. */
  source: string;
  createdAt?: string;
  images: string[];
  changeCause?: string;
  /** The revision the workload runs now (or rolls out to). */
  current: boolean;
  /** The pod template of this revision. */
  template: KubeObject;
  /** ControllerRevisions: the patch that restores this revision, as the controller stored it. */
  data?: unknown;
}

interface Workload extends KubeObject {
  spec: { selector?: LabelSelector; template: KubeObject };
  status?: { updateRevision?: string };
}

interface Owned extends KubeObject {
  revision?: number;
  data?: { spec?: { template?: KubeObject & { $patch?: string } } };
  spec?: { template?: KubeObject };
}

const REPLICA_SETS = registeredResource('replicasets');
const CONTROLLER_REVISIONS = registeredResource('controllerrevisions');
const REVISION = 'deployment.kubernetes.io/revision';

/** The pod template without what the controller adds to tell revisions apart. */
export function comparableTemplate(template: KubeObject | undefined): KubeObject {
  const copy = structuredClone(template ?? {}) as KubeObject & { $patch?: string };
  delete copy.$patch;
  const labels = copy.metadata?.labels;
  if (labels) {
    delete labels['pod-template-hash'];
    delete labels['controller-revision-hash'];
  }
  return copy;
}

const imagesOf = (template: KubeObject) =>
  ((template.spec as { containers?: { image?: string }[] } | undefined)?.containers ?? []).map(
    (container) => container.image ?? '',
  );

/** Every revision the cluster keeps for the workload, oldest first. */
export async function listRevisions(client: KubeClient, ref: WorkloadRef): Promise<Revision[]> {
  requireKind(ref, ['Deployment', 'StatefulSet', 'DaemonSet'], 'revision history');
  const workload = await readWorkload<Workload>(client, ref);
  const uid = workload.metadata?.uid;
  const labelSelector = selectorText(workload.spec.selector);
  const resource = ref.kind === 'Deployment' ? REPLICA_SETS : CONTROLLER_REVISIONS;
  const owned = (await listIn<Owned>(client, resource, ref.namespace, { labelSelector })).filter((item) =>
    item.metadata?.ownerReferences?.some((owner) => owner.uid === uid && owner.controller),
  );
  const revisions = owned.map((item): Revision => {
    const isReplicaSet = ref.kind === 'Deployment';
    const template = comparableTemplate(isReplicaSet ? item.spec?.template : item.data?.spec?.template);
    const revision: Revision = {
      revision: isReplicaSet ? Number(item.metadata?.annotations?.[REVISION] ?? 0) : (item.revision ?? 0),
      source: item.metadata?.name ?? '',
      images: imagesOf(template),
      current: false,
      template,
    };
    if (item.metadata?.creationTimestamp) revision.createdAt = item.metadata.creationTimestamp;
    const cause = item.metadata?.annotations?.['kubernetes.io/change-cause'];
    if (cause) revision.changeCause = cause;
    if (!isReplicaSet) revision.data = item.data;
    return revision;
  });
  revisions.sort((a, b) => a.revision - b.revision);
  const current =
    ref.kind === 'Deployment'
      ? revisions.find((entry) => String(entry.revision) === workload.metadata?.annotations?.[REVISION])
      : ref.kind === 'StatefulSet'
        ? revisions.find((entry) => entry.source === workload.status?.updateRevision)
        : revisions.at(-1);
  if (current) current.current = true;
  return revisions;
}

export function findRevision(revisions: Revision[], ref: WorkloadRef, revision: number): Revision {
  const found = revisions.find((entry) => entry.revision === revision);
  if (found) return found;
  throw new NotFoundError(
    { group: 'apps', resource: ref.kind.toLowerCase(), namespace: ref.namespace, name: ref.name },
    `${ref.kind} "${ref.name}" has no revision ${revision}; it keeps ${revisions.map((entry) => entry.revision).join(', ') || 'none'}`,
  );
}

/** A unified diff of two revisions' pod templates; `to` is the current revision when not given. */
export async function diffRevisions(
  client: KubeClient,
  ref: WorkloadRef,
  from: number,
  to?: number,
): Promise<string> {
  const revisions = await listRevisions(client, ref);
  const before = findRevision(revisions, ref, from);
  const after =
    to === undefined ? revisions.find((entry) => entry.current) : findRevision(revisions, ref, to);
  return diffObjects(before.template, after?.template, {
    before: `revision ${before.revision}`,
    after: `revision ${after?.revision ?? 'current'}`,
  });
}

import {
  type PropagationDocument,
  type PropagationPreview,
  type PropagationWording,
  propagationEnglish,
} from '@portolan/api';
import { ClusterNotConnectedError } from '#server/clusters/cluster-errors.ts';
import { authorize } from '#server/iam/authorize.ts';
import type { Caller } from '#server/iam/caller.ts';
import { callKube } from '#server/resources/kube-call.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { locateObject, operationOf, pathOf } from '#server/resources/object-location.ts';
import { ClusterUnreachableError, NotFoundError, ResourceError } from '#server/resources/resource-errors.ts';
import type { ResourceTarget } from '#server/resources/resource-service.ts';
import type { ResourceTargets } from '#server/resources/resource-targets.ts';
import type { Propagations, RenderedTarget } from './contract.ts';
import { memberRefused } from './engine/member-refusal.ts';
import { unreachable } from './engine/target-words.ts';
import { wording } from './engine/wording.ts';
import { diffForPreview } from './preview-diff.ts';
import { readsCluster } from './propagation-access.ts';

/**
 * What applying a Propagation would do, per target cluster, without writing anything: the engine
 * renders each target's objects, and each is compared with the live object there, read as the
 * caller (so the member cluster's RBAC decides too). The caller learns nothing of a cluster or
 * namespace it may not read: such objects are listed as refused, without object or diff.
 */

export type PreviewTarget = PropagationPreview['targets'][number];
type PreviewObject = PreviewTarget['objects'][number];

export interface PreviewDeps {
  propagations: Pick<Propagations, 'render'>;
  targets: ResourceTargets;
}

interface Ref {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

const refOf = (object: KubeObject): Ref => ({
  apiVersion: object.apiVersion ?? '',
  kind: object.kind ?? '',
  name: object.metadata?.name ?? '',
  ...(object.metadata?.namespace ? { namespace: object.metadata.namespace } : {}),
});

const labelOf = (ref: Ref) => `${ref.kind}/${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
const scopeOf = (cluster: string, ref: Ref): { cluster: string; namespace?: string } =>
  ref.namespace ? { cluster, namespace: ref.namespace } : { cluster };

/** A reason as the preview answers it: the English made from the code, and the code beside it. */
const said = (why: PropagationWording) => ({
  reason: propagationEnglish(why),
  reasonCode: why.code,
  reasonParams: why.params,
});

/** Why nothing of a target can be shown, as the preview answers it. */
const targetError = (why: PropagationWording) => ({
  error: propagationEnglish(why),
  errorCode: why.code,
  errorParams: why.params,
});

const refused = (ref: Ref, why: PropagationWording): PreviewObject => ({
  ...ref,
  action: 'refused',
  ...said(why),
});

/** Per target, what applying the document would create, change, leave or delete there. */
export async function previewPropagation(
  deps: PreviewDeps,
  caller: Caller,
  document: PropagationDocument,
): Promise<PreviewTarget[]> {
  const rendered = await deps.propagations.render(document);
  return Promise.all(rendered.map((target) => previewTarget(deps, caller, target)));
}

async function previewTarget(
  deps: PreviewDeps,
  caller: Caller,
  target: RenderedTarget,
): Promise<PreviewTarget> {
  const cluster = target.cluster;
  const base = { cluster, ...(target.replicas === undefined ? {} : { replicas: target.replicas }) };
  const refs = [...target.objects.map((rendered) => refOf(rendered.object)), ...target.removals];
  if (!readsCluster(caller, cluster)) {
    const why = wording('preview.cannot-read-cluster', { cluster });
    return { ...base, ...targetError(why), objects: refs.map((ref) => refused(ref, why)) };
  }
  if (target.error)
    return {
      ...base,
      error: target.error,
      ...(target.errorWording
        ? { errorCode: target.errorWording.code, errorParams: target.errorWording.params }
        : {}),
      objects: [],
    };
  let client: ResourceTarget;
  try {
    client = await deps.targets.of(cluster, caller);
  } catch (error) {
    return { ...base, ...targetError(noClient(cluster, error)), objects: [] };
  }
  try {
    const objects: PreviewObject[] = [];
    for (const rendered of target.objects)
      objects.push(await previewObject(client, caller, cluster, rendered.object));
    for (const removal of target.removals) {
      const entry = await previewRemoval(client, caller, cluster, removal);
      if (entry) objects.push(entry);
    }
    return { ...base, objects };
  } catch (error) {
    // The cluster stopped answering: nothing of it can be shown.
    if (error instanceof ClusterUnreachableError)
      return { ...base, ...targetError(unreachable(error)), objects: [] };
    throw error;
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Why Portolan has no client of a target cluster for the caller: a cluster with no open connection says why. */
export function noClient(cluster: string, error: unknown): PropagationWording {
  return error instanceof ClusterNotConnectedError
    ? wording('preview.no-connection', { cluster, detail: error.reason })
    : wording('preview.no-client', { cluster, detail: messageOf(error) });
}

/** The reason the caller may not do `action` where the object goes, or undefined when it may. */
function refusal(
  caller: Caller,
  action: 'resources:read' | 'resources:write',
  scope: { cluster: string; namespace?: string },
): PropagationWording | undefined {
  if (authorize(caller, action, scope)) return undefined;
  const doing = action === 'resources:read' ? 'read' : 'write';
  return scope.namespace === undefined
    ? wording(`preview.may-not-${doing}-cluster`, { cluster: scope.cluster })
    : wording(`preview.may-not-${doing}-namespace`, { namespace: scope.namespace, cluster: scope.cluster });
}

/** The live object, or undefined when it is not there (or its kind is not served there yet). */
async function readLive(client: ResourceTarget, object: KubeObject): Promise<KubeObject | undefined> {
  try {
    const location = await locateObject(client.kinds, object, undefined);
    return (
      await callKube<KubeObject>(client.client, { path: pathOf(location) }, operationOf(location, 'get'))
    ).body;
  } catch (error) {
    if (error instanceof NotFoundError || (error instanceof ResourceError && error.code === 'unknown-kind'))
      return undefined;
    throw error;
  }
}

async function previewObject(
  client: ResourceTarget,
  caller: Caller,
  cluster: string,
  object: KubeObject,
): Promise<PreviewObject> {
  const ref = refOf(object);
  const scope = scopeOf(cluster, ref);
  const unreadable = refusal(caller, 'resources:read', scope);
  if (unreadable) return refused(ref, unreadable);
  let live: KubeObject | undefined;
  try {
    live = await readLive(client, object);
  } catch (error) {
    if (error instanceof ClusterUnreachableError || !(error instanceof ResourceError)) throw error;
    return refused(ref, memberRefused(error));
  }
  const reveal = authorize(caller, 'secrets:reveal', scope);
  const { action, diff, object: shown } = diffForPreview(live, object, labelOf(ref), reveal);
  const unwritable = refusal(caller, 'resources:write', scope);
  const entry = { ...ref, diff, ...(shown ? { object: shown } : {}) };
  return unwritable ? { ...entry, action: 'refused', ...said(unwritable) } : { ...entry, action };
}

/** An object Portolan applied there before and would now remove; undefined when it is gone already. */
async function previewRemoval(
  client: ResourceTarget,
  caller: Caller,
  cluster: string,
  ref: Ref,
): Promise<PreviewObject | undefined> {
  const scope = scopeOf(cluster, ref);
  const unreadable = refusal(caller, 'resources:read', scope);
  if (unreadable) return refused(ref, unreadable);
  const asObject: KubeObject = {
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    metadata: { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) },
  };
  let live: KubeObject | undefined;
  try {
    live = await readLive(client, asObject);
  } catch (error) {
    if (error instanceof ClusterUnreachableError || !(error instanceof ResourceError)) throw error;
    return refused(ref, memberRefused(error));
  }
  if (!live) return undefined;
  const reveal = authorize(caller, 'secrets:reveal', scope);
  const { diff } = diffForPreview(live, undefined, labelOf(ref), reveal);
  const unwritable = refusal(caller, 'resources:write', scope);
  return unwritable
    ? { ...ref, action: 'refused', diff, ...said(unwritable) }
    : { ...ref, action: 'delete', diff, ...said(wording('preview.no-longer-rendered')) };
}

import type { KubeClient } from '#server/kube/kube-client.ts';
import { applyManifests } from '#server/resources/apply-service.ts';
import type { KindResolver } from '#server/resources/kind-resolver.ts';
import { callKube } from '#server/resources/kube-call.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { type ObjectLocation, operationOf, pathOf } from '#server/resources/object-location.ts';
import { ApplyConflictError, NotFoundError, type ResourceError } from '#server/resources/resource-errors.ts';
import {
  FIELD_MANAGER,
  GENERATION_ANNOTATION,
  type ObjectIdentity,
  PROPAGATION_LABEL,
} from './object-shape.ts';

/** One member cluster as the controller writes to it: Portolan's own client and the cluster's kinds. */
export interface Member {
  name: string;
  client: KubeClient;
  kinds: KindResolver;
}

export interface Applied {
  object: KubeObject;
  /** The server answered 201: the object did not exist before this apply. */
  created: boolean;
  /** Fields another manager had changed, taken back (`field: message`); empty when none. */
  repaired: string[];
}

async function locate(member: Member, identity: ObjectIdentity): Promise<ObjectLocation> {
  const resource = await member.kinds.resolveObject(identity.apiVersion, identity.kind);
  return { resource, namespace: resource.namespaced ? identity.namespace : undefined, name: identity.name };
}

async function applyOnce(member: Member, object: KubeObject, force: boolean) {
  const [result] = await applyManifests(member, [object], { fieldManager: FIELD_MANAGER, force });
  if (!result) throw new Error('applying returned no result');
  if (result.error) throw result.error;
  return result;
}

/**
 * Server-side apply under Portolan's field manager. A field another manager changed since is a
 * conflict: that is drift, taken back with force and reported in `repaired`. Errors are the
 * member's refusal (ResourceError) or ClusterUnreachableError.
 */
export async function applyObject(member: Member, object: KubeObject): Promise<Applied> {
  try {
    const result = await applyOnce(member, object, false);
    return { object: result.object ?? object, created: result.outcome === 'created', repaired: [] };
  } catch (error) {
    if (!(error instanceof ApplyConflictError)) throw error;
    const result = await applyOnce(member, object, true);
    return {
      object: result.object ?? object,
      created: result.outcome === 'created',
      repaired: error.conflicts.map((c) => `${c.field}: ${c.message}`),
    };
  }
}

/**
 * The fields another manager changed since Portolan applied the object (`field: message`), found by
 * a server dry run of the apply: nothing is written. Empty when none.
 */
export async function driftOf(member: Member, object: KubeObject): Promise<string[]> {
  const [result] = await applyManifests(member, [object], { fieldManager: FIELD_MANAGER, dryRun: true });
  if (result?.error instanceof ApplyConflictError)
    return result.error.conflicts.map((c) => `${c.field}: ${c.message}`);
  if (result?.error) throw result.error;
  return [];
}

/** The object as it is there now, or undefined when there is none. */
export async function readObject(member: Member, identity: ObjectIdentity): Promise<KubeObject | undefined> {
  const location = await locate(member, identity);
  try {
    const answer = await callKube<KubeObject>(
      member.client,
      { path: pathOf(location) },
      operationOf(location, 'get'),
    );
    return answer.body;
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/**
 * Deletes the object only while its uid is still `uid` (a precondition the API server checks): an
 * object someone made again under the same name is never deleted in its place.
 */
export async function deleteExactly(member: Member, identity: ObjectIdentity, uid: string): Promise<void> {
  const location = await locate(member, identity);
  try {
    await callKube(
      member.client,
      {
        method: 'DELETE',
        path: pathOf(location),
        body: {
          kind: 'DeleteOptions',
          apiVersion: 'v1',
          preconditions: { uid },
          propagationPolicy: 'Background',
        },
      },
      operationOf(location, 'delete'),
    );
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
}

/** Takes Portolan's label and generation annotation off an object it leaves in place. */
export async function unmark(member: Member, identity: ObjectIdentity): Promise<void> {
  const location = await locate(member, identity);
  const patch = {
    metadata: { labels: { [PROPAGATION_LABEL]: null }, annotations: { [GENERATION_ANNOTATION]: null } },
  };
  try {
    await callKube(
      member.client,
      {
        method: 'PATCH',
        path: pathOf(location),
        body: JSON.stringify(patch),
        contentType: 'application/merge-patch+json',
      },
      operationOf(location, 'patch'),
    );
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
}

/** Holds a workload's replicas while Portolan lets go of them, until the HPA's controller takes them. */
const REPLICAS_HANDOVER = 'portolan-hpa-handover';

/**
 * Before Portolan leaves spec.replicas out of a workload an HPA scales: if Portolan's field manager
 * owns it, another manager of Portolan's first applies the value it has now, so that letting go
 * does not take the field away (server-side apply removes a field its last owner drops, and the
 * workload would fall back to 1 replica until the HPA acts). The HPA's next scaling takes it over.
 */
export async function handOverReplicas(member: Member, identity: ObjectIdentity): Promise<void> {
  const live = await readObject(member, identity);
  const entries = (live?.metadata?.managedFields ?? []) as {
    manager?: string;
    fieldsV1?: Record<string, unknown>;
  }[];
  const owned = entries.some((entry) => {
    const spec = entry.fieldsV1?.['f:spec'] as Record<string, unknown> | undefined;
    return entry.manager === FIELD_MANAGER && spec?.['f:replicas'] !== undefined;
  });
  const replicas = (live?.spec as { replicas?: unknown } | undefined)?.replicas;
  if (!owned || typeof replicas !== 'number') return;
  const holder = {
    apiVersion: identity.apiVersion,
    kind: identity.kind,
    metadata: { name: identity.name, ...(identity.namespace ? { namespace: identity.namespace } : {}) },
    spec: { replicas },
  };
  const [result] = await applyManifests(member, [holder], { fieldManager: REPLICAS_HANDOVER, force: true });
  if (result?.error) throw result.error;
}

export const reasonOf = (error: unknown) =>
  error instanceof Error ? (error as ResourceError).message : String(error);

import {
  detailOf,
  type PropagationCode,
  type PropagationOverride,
  type PropagationParams,
} from '@portolan/api';
import { isPlainObject, type KubeObject } from '#server/resources/kube-object.ts';
import { type ApplyOverrides, OverrideError } from '../contract.ts';
import { replaceImageParts } from './image.ts';
import { applyJsonPatch, JsonPatchError } from './json-patch.ts';

type Obj = Record<string, unknown>;

/** The pod spec inside a workload or a Pod, where its containers are; undefined for other objects. */
export function podSpecOf(object: KubeObject): Obj | undefined {
  const spec = object.spec;
  if (!isPlainObject(spec)) return undefined;
  if (object.kind === 'Pod') return spec;
  const template =
    object.kind === 'CronJob' && isPlainObject(spec.jobTemplate) ? spec.jobTemplate.spec : spec;
  if (!isPlainObject(template) || !isPlainObject(template.template)) return undefined;
  const podSpec = template.template.spec;
  return isPlainObject(podSpec) ? podSpec : undefined;
}

/** Kinds whose spec.replicas sets how many pods run. */
const SCALED = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

/** An override's failure as its code and values, the English made from them. */
function failed(override: number, code: PropagationCode, params: PropagationParams): OverrideError {
  return new OverrideError(override, { code, params: { override, ...params } });
}

const describe = (object: KubeObject): string =>
  `${object.kind ?? 'object'} ${object.metadata?.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata?.name ?? ''}`;

/**
 * The containers and init containers an override names (every one when `name` is undefined).
 * Throws when the object has a pod spec but no container of that name: an override that silently
 * changes nothing is worse than one that says so.
 */
function containersOf(object: KubeObject, index: number, name: string | undefined): Obj[] {
  const podSpec = podSpecOf(object);
  if (!podSpec) return [];
  const all = [podSpec.containers, podSpec.initContainers]
    .flatMap((list) => (Array.isArray(list) ? list : []))
    .filter(isPlainObject);
  const picked = name === undefined ? all : all.filter((container) => container.name === name);
  if (name !== undefined && picked.length === 0) {
    throw failed(index, 'override.no-container', { object: describe(object), container: name });
  }
  return picked;
}

function overrideImage(
  object: KubeObject,
  index: number,
  image: NonNullable<PropagationOverride['image']>,
): void {
  for (const container of containersOf(object, index, image.container)) {
    if (image.image !== undefined) container.image = image.image;
    else if (typeof container.image === 'string') {
      container.image = replaceImageParts(container.image, { registry: image.registry, tag: image.tag });
    }
  }
}

function overrideEnv(object: KubeObject, index: number, env: NonNullable<PropagationOverride['env']>): void {
  for (const variable of env) {
    for (const container of containersOf(object, index, variable.container)) {
      const list = (Array.isArray(container.env) ? container.env : []).filter(isPlainObject);
      const kept = list.filter((entry) => entry.name !== variable.name);
      if (variable.value !== undefined) {
        const at = list.findIndex((entry) => entry.name === variable.name);
        const entry = { name: variable.name, value: variable.value };
        kept.splice(at >= 0 ? at : kept.length, 0, entry);
      }
      if (kept.length > 0) container.env = kept;
      else delete container.env;
    }
  }
}

function matchesResource(object: KubeObject, resource: PropagationOverride['resource']): boolean {
  if (!resource) return true;
  return (
    (resource.kind === undefined || resource.kind === object.kind) &&
    (resource.namespace === undefined || resource.namespace === object.metadata?.namespace) &&
    (resource.name === undefined || resource.name === object.metadata?.name)
  );
}

function applyOne(object: KubeObject, index: number, override: PropagationOverride): KubeObject {
  if (override.image) overrideImage(object, index, override.image);
  if (
    override.replicas !== undefined &&
    object.kind &&
    SCALED.has(object.kind) &&
    isPlainObject(object.spec)
  ) {
    object.spec.replicas = override.replicas;
  }
  if (override.env) overrideEnv(object, index, override.env);
  if (override.labels || override.annotations) {
    const metadata = object.metadata ?? {};
    object.metadata = metadata;
    if (override.labels) metadata.labels = { ...metadata.labels, ...override.labels };
    if (override.annotations) metadata.annotations = { ...metadata.annotations, ...override.annotations };
  }
  if (!override.jsonPatch) return object;
  let patched: unknown;
  try {
    patched = applyJsonPatch(object, override.jsonPatch);
  } catch (error) {
    if (!(error instanceof JsonPatchError)) throw error;
    throw failed(index, 'override.json-patch', {
      object: describe(object),
      ...detailOf({ code: error.code, params: error.params }),
    });
  }
  if (!isPlainObject(patched)) {
    throw failed(index, 'override.not-object', { object: describe(object) });
  }
  return patched;
}

/**
 * Lays the overrides whose clusters select this cluster over the object, in order, each on what the
 * one before left: image, replicas, env, labels, annotations, then its JSON patch. Which objects an
 * override changes is decided on the object as given (a patch that renames it does not change that).
 * The input is cloned, never changed.
 */
export const applyOverrides: ApplyOverrides = (object, overrides, cluster, selects) => {
  let result = structuredClone(object);
  overrides.forEach((override, index) => {
    if (!selects(override.clusters, cluster.name) || !matchesResource(object, override.resource)) return;
    result = applyOne(result, index, override);
  });
  return result;
};

import YAML from 'yaml';
import { isPlainObject, type KubeObject } from '#server/resources/kube-object.ts';

/** One object of a rendered manifest. */
export interface ManifestObject {
  apiVersion: string;
  kind: string;
  /** As the chart wrote it; absent when helm puts it in the release's namespace (or cluster-scoped). */
  namespace?: string;
  name: string;
  /** The hook it runs as (`pre-upgrade`…); hooks are not part of what the release owns. */
  hook?: string;
  object: KubeObject;
}

/**
 * The objects of helm's rendered manifest (`---`-separated YAML documents, with `# Source:` comments
 * and empty documents where a template rendered nothing). A document without kind or name is skipped:
 * helm would have refused it before it got here.
 */
export function manifestObjects(manifest: string): ManifestObject[] {
  const objects: ManifestObject[] = [];
  for (const document of YAML.parseAllDocuments(manifest)) {
    if (document.errors.length > 0) continue;
    const value = document.toJS() as unknown;
    if (!isPlainObject(value)) continue;
    const metadata = isPlainObject(value.metadata) ? value.metadata : {};
    const kind = typeof value.kind === 'string' ? value.kind : '';
    const name = typeof metadata.name === 'string' ? metadata.name : '';
    if (!kind || !name) continue;
    const annotations = isPlainObject(metadata.annotations) ? metadata.annotations : {};
    const hook = annotations['helm.sh/hook'];
    objects.push({
      apiVersion: typeof value.apiVersion === 'string' ? value.apiVersion : '',
      kind,
      name,
      ...(typeof metadata.namespace === 'string' && metadata.namespace
        ? { namespace: metadata.namespace }
        : {}),
      ...(typeof hook === 'string' && hook ? { hook } : {}),
      object: value as KubeObject,
    });
  }
  return objects;
}

/** The objects a release owns: the manifest without its hooks. */
export const ownedObjects = (manifest: string) => manifestObjects(manifest).filter((object) => !object.hook);

/** `kind/namespace/name`, to match an object across two renderings. */
export const objectKey = (object: Pick<ManifestObject, 'apiVersion' | 'kind' | 'namespace' | 'name'>) =>
  `${object.apiVersion.split('/').length > 1 ? object.apiVersion.split('/')[0] : ''}/${object.kind}/${object.namespace ?? ''}/${object.name}`;

/** The reference the API answers with (no object body). */
export function objectRef(object: ManifestObject): {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
} {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    ...(object.namespace ? { namespace: object.namespace } : {}),
    name: object.name,
  };
}

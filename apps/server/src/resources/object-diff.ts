import YAML from 'yaml';
import { isPlainObject, type KubeObject } from './kube-object.ts';
import { unifiedDiff } from './text-diff.ts';

// Fields the server sets on every write; showing them would bury the change the user made.
const NOISY_METADATA = [
  'managedFields',
  'resourceVersion',
  'generation',
  'uid',
  'creationTimestamp',
  'selfLink',
];
const NOISY_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'];

/** A copy without status, managedFields, resourceVersion, generation and the like. */
export function withoutNoise(object: KubeObject): KubeObject {
  const { status: _status, ...rest } = structuredClone(object);
  const metadata = rest.metadata;
  if (isPlainObject(metadata)) {
    for (const field of NOISY_METADATA) delete metadata[field];
    const annotations = metadata.annotations;
    if (annotations) {
      for (const key of NOISY_ANNOTATIONS) delete annotations[key];
      if (Object.keys(annotations).length === 0) delete metadata.annotations;
    }
  }
  return rest;
}

/** YAML with keys in a stable order, so a diff shows changes rather than reorderings. */
export function stableYaml(value: unknown): string {
  return value === undefined ? '' : YAML.stringify(sortKeys(value), { lineWidth: 0 });
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys(value[key])]),
  );
}

/** A unified diff of two objects' YAML without the server's noise; '' when they are the same. */
export function diffObjects(
  before: KubeObject | undefined,
  after: KubeObject | undefined,
  labels: { before: string; after: string },
): string {
  const text = (object: KubeObject | undefined) => (object ? stableYaml(withoutNoise(object)) : '');
  return unifiedDiff(text(before), text(after), labels);
}

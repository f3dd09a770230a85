import type { DiscoveredResource } from '#server/kube/discovery-types.ts';
import type { KubeClient } from '#server/kube/kube-client.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import type { ObjectLocation } from '#server/resources/object-location.ts';
import { InvalidObjectError } from '#server/resources/resource-errors.ts';
import { isLabelKey, isLabelValue, Problems } from '#server/workloads/field-checks.ts';
import { builtIn, callObject, MERGE_PATCH } from '#server/workloads/workload-kinds.ts';

export const NODES: DiscoveredResource = { ...builtIn('', 'v1', 'nodes', 'Node'), namespaced: false };
export const PODS = builtIn('', 'v1', 'pods', 'Pod');

export const nodeLocation = (name: string): ObjectLocation => ({
  resource: NODES,
  namespace: undefined,
  name,
});

/** A value sets the key; null removes it. */
export type MapChanges = Record<string, string | null>;

export function readNode(client: KubeClient, name: string): Promise<KubeObject> {
  return callObject(client, nodeLocation(name), 'get');
}

export function patchNode(client: KubeClient, name: string, patch: unknown): Promise<KubeObject> {
  return callObject(client, nodeLocation(name), 'patch', {
    method: 'PATCH',
    body: JSON.stringify(patch),
    contentType: MERGE_PATCH,
  });
}

const MAX_ANNOTATIONS_BYTES = 256 * 1024;

function checkChanges(node: string, field: 'labels' | 'annotations', changes: MapChanges): void {
  const problems = new Problems();
  for (const [key, value] of Object.entries(changes)) {
    if (!isLabelKey(key))
      problems.add(`${field}.${key}`, 'invalid', `is not a valid ${field.slice(0, -1)} key`);
    else if (field === 'labels' && value !== null && !isLabelValue(value))
      problems.add(
        `${field}.${key}`,
        'invalid',
        'must be up to 63 letters, digits, "-", "_" or "." (starting and ending alphanumeric)',
      );
  }
  const size = Object.entries(changes).reduce(
    (sum, [key, value]) => sum + key.length + (value?.length ?? 0),
    0,
  );
  if (field === 'annotations' && size > MAX_ANNOTATIONS_BYTES)
    problems.add('annotations', 'invalid', 'annotations may hold at most 256 KiB in all');
  if (problems.list.length) throw new InvalidObjectError(`Node "${node}"`, problems.list);
}

/** Sets and removes labels or annotations; others stay as they are. */
export function editNodeMap(
  client: KubeClient,
  node: string,
  field: 'labels' | 'annotations',
  changes: MapChanges,
): Promise<KubeObject> {
  checkChanges(node, field, changes);
  return patchNode(client, node, { metadata: { [field]: changes } });
}

/** Marks the node unschedulable: running pods stay, new ones go elsewhere. */
export function cordonNode(client: KubeClient, node: string): Promise<KubeObject> {
  return patchNode(client, node, { spec: { unschedulable: true } });
}

export function uncordonNode(client: KubeClient, node: string): Promise<KubeObject> {
  return patchNode(client, node, { spec: { unschedulable: null } });
}

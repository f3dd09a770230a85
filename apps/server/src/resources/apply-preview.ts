import { type ApplyInput, type ApplyOptions, type ApplyResult, applyManifests } from './apply-service.ts';
import { callKube } from './kube-call.ts';
import type { KubeObject } from './kube-object.ts';
import { diffObjects } from './object-diff.ts';
import { type ObjectLocation, operationOf, pathOf } from './object-location.ts';
import { NotFoundError } from './resource-errors.ts';
import type { ResourceTarget } from './resource-service.ts';

export interface ApplyPreview extends Omit<ApplyResult, 'outcome'> {
  action: 'create' | 'update' | 'unchanged' | 'failed';
  /** Unified diff of the live object's YAML against what the apply would store, without server noise. */
  diff: string;
  live?: KubeObject;
}

/**
 * What an apply would do: the server runs it with dryRun=All (admission, defaults, validation and
 * field ownership included) and each result is compared with the live object.
 */
export async function previewApply(
  target: ResourceTarget,
  input: ApplyInput,
  options: Omit<ApplyOptions, 'dryRun'>,
): Promise<ApplyPreview[]> {
  const results = await applyManifests(target, input, { ...options, dryRun: true });
  const previews: ApplyPreview[] = [];
  for (const { outcome, ...result } of results) {
    if (outcome === 'failed' || !result.resource || !result.object) {
      previews.push({ ...result, action: 'failed', diff: '' });
      continue;
    }
    const location: ObjectLocation = {
      resource: result.resource,
      namespace: result.namespace,
      name: result.name,
    };
    const live = outcome === 'created' ? undefined : await readLive(target, location);
    const label = `${result.kind}/${result.namespace ? `${result.namespace}/` : ''}${result.name}`;
    const diff = diffObjects(live, result.object, {
      before: live ? `live ${label}` : '/dev/null',
      after: `proposed ${label}`,
    });
    const action = !live ? 'create' : diff ? 'update' : 'unchanged';
    previews.push({ ...result, action, diff, ...(live ? { live } : {}) });
  }
  return previews;
}

async function readLive(target: ResourceTarget, location: ObjectLocation): Promise<KubeObject | undefined> {
  try {
    return (
      await callKube<KubeObject>(target.client, { path: pathOf(location) }, operationOf(location, 'get'))
    ).body;
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

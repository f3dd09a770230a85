import type { KubeClient } from '#server/kube/kube-client.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { buildWorkload } from './workload-build.ts';
import { callObject, workloadLocation } from './workload-kinds.ts';
import type { WorkloadSpec } from './workload-spec.ts';

export interface WorkloadWriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
}

const query = (options: WorkloadWriteOptions) => ({
  dryRun: options.dryRun ? 'All' : undefined,
  fieldManager: options.fieldManager,
  fieldValidation: 'Strict',
});

/** Creates a workload from a form; fails with AlreadyExists if the name is taken. */
export async function createWorkload(
  client: KubeClient,
  spec: WorkloadSpec,
  options: WorkloadWriteOptions = {},
): Promise<KubeObject> {
  const manifest = buildWorkload(spec);
  const location = { ...workloadLocation(spec), name: undefined };
  return callObject(client, location, 'create', { method: 'POST', query: query(options), body: manifest });
}

/**
 * Creates or updates a workload from a form by server-side apply: fields the form no longer sets
 * are removed if this field manager set them, and fields others own are kept.
 */
export async function applyWorkload(
  client: KubeClient,
  spec: WorkloadSpec,
  options: WorkloadWriteOptions & { fieldManager: string; force?: boolean },
): Promise<KubeObject> {
  const manifest = buildWorkload(spec);
  return callObject(client, workloadLocation(spec), 'patch', {
    method: 'PATCH',
    query: { ...query(options), force: options.force || undefined },
    body: JSON.stringify(manifest),
    contentType: 'application/apply-patch+yaml',
  });
}

import type { KubeClient } from '#server/kube/kube-client.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { stableYaml } from '#server/resources/object-diff.ts';
import { ResourceError } from '#server/resources/resource-errors.ts';
import { comparableTemplate, findRevision, listRevisions } from './revision-history.ts';
import {
  JSON_PATCH,
  patchWorkload,
  readWorkload,
  requireKind,
  STRATEGIC_PATCH,
  type WorkloadRef,
} from './workload-kinds.ts';

export interface RollbackResult {
  revision: number;
  /** False when the workload already runs that revision's template. */
  changed: boolean;
  object: KubeObject;
}

/**
 * Rolls back to a kept revision as kubectl does: a Deployment gets the ReplicaSet's pod template;
 * a StatefulSet or DaemonSet gets its ControllerRevision's data as a strategic merge patch.
 * The controller then rolls out that template as a new revision.
 */
export async function rollBack(
  client: KubeClient,
  ref: WorkloadRef,
  revision: number,
  options: { dryRun?: boolean } = {},
): Promise<RollbackResult> {
  requireKind(ref, ['Deployment', 'StatefulSet', 'DaemonSet'], 'rollback');
  const workload = await readWorkload<KubeObject & { spec: { paused?: boolean; template: KubeObject } }>(
    client,
    ref,
  );
  if (ref.kind === 'Deployment' && workload.spec.paused) {
    throw new ResourceError(
      'bad-request',
      409,
      `Deployment "${ref.name}" is paused; resume it before rolling back, or edit its template while paused`,
    );
  }
  const target = findRevision(await listRevisions(client, ref), ref, revision);
  if (stableYaml(comparableTemplate(workload.spec.template)) === stableYaml(target.template)) {
    return { revision, changed: false, object: workload };
  }
  const object =
    ref.kind === 'Deployment'
      ? await patchWorkload(
          client,
          ref,
          [{ op: 'replace', path: '/spec/template', value: target.template }],
          JSON_PATCH,
          undefined,
          options.dryRun,
        )
      : await patchWorkload(client, ref, target.data, STRATEGIC_PATCH, undefined, options.dryRun);
  return { revision, changed: true, object };
}

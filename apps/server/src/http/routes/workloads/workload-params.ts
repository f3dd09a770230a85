import { WORKLOAD_KINDS, type WorkloadKind, type WorkloadRef } from '#server/workloads/workload-kinds.ts';
import { pathParams } from '../shared/route-schemas.ts';

const BY_NAME = new Map<string, WorkloadKind>(
  WORKLOAD_KINDS.flatMap((kind) => [
    [kind.toLowerCase(), kind],
    [`${kind.toLowerCase()}s`, kind],
  ]),
);

/** `Deployment`, `deployment` or `deployments`; the schema refuses anything else. */
export const workloadKindNames = [...WORKLOAD_KINDS, ...BY_NAME.keys()];

export const workloadParams = {
  type: 'object',
  required: ['cluster', 'kind', 'namespace', 'name'],
  properties: {
    ...pathParams('namespace', 'name').properties,
    kind: { type: 'string', enum: workloadKindNames },
  },
} as const;

export type WorkloadParams = { cluster: string; kind: string; namespace: string; name: string };

export function workloadRefOf(params: WorkloadParams): WorkloadRef {
  const kind = BY_NAME.get(params.kind.toLowerCase()) ?? (params.kind as WorkloadKind);
  return { kind, namespace: params.namespace, name: params.name };
}

export const workloadPath = '/api/v1/clusters/:cluster/workloads/:kind/:namespace/:name';

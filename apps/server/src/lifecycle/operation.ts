import type { LifecycleStepCode, Operation, OperationKind, OperationStep } from '@portolan/api';

/**
 * An operation as stored: the API's Operation plus what its steps need to run again after a failure
 * or a restart (`input`: the spec, the pool, the target version, the node batches). `input` is never
 * shown; operationView leaves it out.
 */
export interface OperationRecord extends Operation {
  input: Record<string, unknown>;
  /** Set by rollback: the steps that remain end the operation as rolled-back. */
  rollingBack?: boolean;
}

/** Per-step time limits, in seconds: a step past its limit fails with "took longer than N s". */
export const STEP_TIMEOUTS: Record<LifecycleStepCode, number> = {
  validate: 60,
  'prepare-version': 3600,
  create: 900,
  'wait-ready': 300,
  register: 180,
  preflight: 120,
  snapshot: 300,
  'control-plane': 600,
  'upgrade-nodes': 900,
  'post-checks': 300,
  'apply-pool': 600,
  'remove-node': 600,
  'remove-pool': 120,
  restore: 900,
  prune: 120,
  unregister: 120,
  delete: 300,
  forget: 60,
};

export function newStep(
  id: string,
  code: LifecycleStepCode,
  title: string,
  params: Record<string, string | number> = {},
  timeoutSeconds = STEP_TIMEOUTS[code] ?? 300,
): OperationStep {
  return {
    id,
    title,
    code,
    params,
    state: 'pending',
    startedAt: null,
    finishedAt: null,
    timeoutSeconds,
    message: null,
  };
}

export function newOperation(fields: {
  id: string;
  cluster: string;
  kind: OperationKind;
  createdAt: Date;
  createdBy: { id: string; name: string };
  steps: OperationStep[];
  input: Record<string, unknown>;
  fromVersion?: string;
  toVersion?: string;
}): OperationRecord {
  return {
    id: fields.id,
    cluster: fields.cluster,
    kind: fields.kind,
    state: 'running',
    createdAt: fields.createdAt.toISOString(),
    finishedAt: null,
    createdBy: fields.createdBy,
    ...(fields.fromVersion ? { fromVersion: fields.fromVersion } : {}),
    ...(fields.toVersion ? { toVersion: fields.toVersion } : {}),
    steps: fields.steps,
    failure: null,
    canResume: false,
    canRollback: false,
    jobId: null,
    input: fields.input,
  };
}

/** The operation as the API shows it. */
export function operationView(record: OperationRecord): Operation {
  const { input: _input, rollingBack: _rollingBack, ...view } = record;
  return view;
}

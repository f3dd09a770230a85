import {
  fillWords,
  INSPECTION_RUN_ERROR_WORDS,
  type InspectionFinding,
  type InspectionRunErrorCode,
  type InspectionRunView,
} from '@portolan/api';
import type { StoredInspectionRun } from '#server/store/inspections/inspection-store.ts';

/** Why a run failed, as a code and values beside its English (kept in the run's summary). */
export class RunFailure extends Error {
  readonly code: InspectionRunErrorCode;
  readonly params: Record<string, string | number>;
  constructor(code: InspectionRunErrorCode, params: Record<string, string | number>) {
    super(fillWords(INSPECTION_RUN_ERROR_WORDS[code], params));
    this.code = code;
    this.params = params;
  }
}

/** A run's error code: kept in its summary, or the one of a run its replica left behind. */
function errorCodeOf(
  run: StoredInspectionRun,
  summary: Pick<InspectionRunView, 'errorCode' | 'errorParams'>,
) {
  if (!run.error) return {};
  if (summary.errorCode) return { errorCode: summary.errorCode, errorParams: summary.errorParams ?? {} };
  if (run.error === INSPECTION_RUN_ERROR_WORDS['run.stopped'])
    return { errorCode: 'run.stopped', errorParams: {} };
  return {};
}

export function runView(run: StoredInspectionRun, findings?: InspectionFinding[]): InspectionRunView {
  const summary = run.summary as Pick<
    InspectionRunView,
    'durationMs' | 'objects' | 'scores' | 'errorCode' | 'errorParams'
  >;
  return {
    id: run.id,
    config: run.config,
    cluster: run.cluster,
    state: run.state,
    trigger: run.trigger,
    ...(run.startedBy ? { startedBy: run.startedBy } : {}),
    startedAt: run.startedAt.toISOString(),
    ...(run.finishedAt ? { finishedAt: run.finishedAt.toISOString() } : {}),
    ...(run.error ? { error: run.error, ...errorCodeOf(run, summary) } : {}),
    ...(summary.durationMs === undefined ? {} : { durationMs: summary.durationMs }),
    ...(summary.objects ? { objects: summary.objects } : {}),
    ...(summary.scores ? { scores: summary.scores } : {}),
    ...(findings ? { findings } : {}),
  };
}

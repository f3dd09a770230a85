import { useI18n } from '../../app/i18n.tsx';
import { JobSteps } from '../jobs/JobSteps.tsx';
import type { JobView } from '../jobs/jobs-api.ts';
import type { Operation } from './lifecycle-api.ts';
import { logText } from './lifecycle-words.ts';

/** The live log of the operation's latest run (its job's steps, streamed), in the reader's language. */
export function OperationLog({
  jobId,
  operation,
  onEnd,
}: {
  jobId: string;
  operation: Operation;
  onEnd: (job: JobView) => void;
}) {
  const { t } = useI18n();
  return (
    <JobSteps
      jobId={jobId}
      onEnd={onEnd}
      testId="operation-log"
      words={(line) => logText(t, line, operation)}
    />
  );
}

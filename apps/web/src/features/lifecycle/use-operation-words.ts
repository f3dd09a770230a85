import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n.tsx';
import type { JobStepView, JobView } from '../jobs/jobs-api.ts';
import { lifecycleApi, lifecycleKeys, lifecyclePaths } from './lifecycle-api.ts';
import { failureText, logText } from './lifecycle-words.ts';

export interface OperationWords {
  /** A line of the job in the reader's language, as the operation's page words it. */
  line(step: JobStepView): string | undefined;
  /** The operation's failure in the reader's language, when it failed. */
  failure?: string;
  /** The operation's own page. */
  path: string;
}

/**
 * For a lifecycle job (`lifecycle.create`, …, whose target is its operation's id): the operation's
 * words for its lines, so the Jobs page reads as the operation's page does. Undefined for other jobs,
 * and while (or if) the operation cannot be read: the server's English stays.
 */
export function useOperationWords(
  job: Pick<JobView, 'kind' | 'target'> | undefined,
): OperationWords | undefined {
  const { t } = useI18n();
  const id = job?.kind.startsWith('lifecycle.') ? job.target : null;
  const operation = useQuery({
    queryKey: lifecycleKeys.operation(id ?? ''),
    queryFn: () => lifecycleApi.operation(id ?? ''),
    enabled: Boolean(id),
    retry: false,
  });
  const found = operation.data;
  if (!id || !found) return undefined;
  return {
    line: (step) => logText(t, step, found),
    ...(found.failure ? { failure: failureText(t, found.failure) } : {}),
    path: lifecyclePaths.operation(found.id),
  };
}

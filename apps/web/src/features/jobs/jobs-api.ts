import type { JobDetail, JobPage, JobState, JobView } from '@portolan/api';
import { request } from '../../api/client.ts';

export type { JobDetail, JobPage, JobState, JobStepView, JobView } from '@portolan/api';

export interface JobFilter {
  cluster?: string;
  kind?: string;
  state?: JobState;
}

/** The operation log over the REST API: recorded jobs, their steps, cancelling. */
export const jobsApi = {
  /** One page, newest first; `continue` from the previous page's answer asks for the next. */
  list: (filter: JobFilter, limit: number, next?: string) => {
    const params = new URLSearchParams(
      Object.entries({ ...filter, limit: String(limit), continue: next }).filter(
        (entry): entry is [string, string] => Boolean(entry[1]),
      ),
    );
    return request<JobPage>('GET', `/api/v1/jobs?${params}`);
  },
  get: (id: string) => request<JobDetail>('GET', `/api/v1/jobs/${encodeURIComponent(id)}`),
  cancel: (id: string) => request<JobView>('POST', `/api/v1/jobs/${encodeURIComponent(id)}/cancel`),
  /** Server-sent events: `step` (id = seq) past and new, then `end` with the job; `ended` if access went. */
  stepsUrl: (id: string) => `/api/v1/jobs/${encodeURIComponent(id)}/steps`,
};

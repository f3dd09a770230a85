import type { AuditOutcome, AuditPage } from '@portolan/api';
import { request } from '../../api/client.ts';

export type { AuditOutcome, AuditRecord } from '@portolan/api';

export interface AuditFilter {
  actor?: string;
  /** Exact, or a prefix ending in `*` (`auth.*`). */
  action?: string;
  outcome?: AuditOutcome;
  cluster?: string;
  namespace?: string;
  /** ISO times: from inclusive, to exclusive. */
  from?: string;
  to?: string;
}

export const auditApi = {
  /** One page, newest first; `continue` from the previous page's answer asks for the next. */
  search: (filter: AuditFilter, limit: number, next?: string) => {
    const params = new URLSearchParams(
      Object.entries({ ...filter, limit: String(limit), continue: next }).filter(
        (entry): entry is [string, string] => Boolean(entry[1]),
      ),
    );
    return request<AuditPage>('GET', `/api/v1/audit?${params}`);
  },
};

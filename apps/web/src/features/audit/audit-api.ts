import { request } from '../../api/client.ts';

// GET /api/v1/audit answers the store's records (apps/server/src/store/audit/audit-store.ts); not yet
// a schema in @portolan/api, so this type follows that contract.

export type AuditOutcome = 'allowed' | 'denied' | 'failed';

export interface AuditRecord {
  id: number;
  at: string;
  actor: string | null;
  credential: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  action: string;
  verb: string;
  route: string;
  resourceKind: string | null;
  resourceName: string | null;
  cluster: string | null;
  namespace: string | null;
  outcome: AuditOutcome;
  status: number;
  detail: string | null;
}

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
    return request<{ items: AuditRecord[]; continue?: string }>('GET', `/api/v1/audit?${params}`);
  },
};

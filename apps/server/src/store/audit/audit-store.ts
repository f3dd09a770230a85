/** The audit trail's contract: append, search and prune by age. Records are never changed. */
export interface AuditStore {
  append(record: AuditInput): Promise<AuditRecord>;
  search(query: AuditQuery): Promise<AuditPage>;
  /** Deletes records older than `before` (epoch ms); answers how many went. */
  prune(before: number): Promise<number>;
}

/** `closed`: the caller closed the connection before the answer ended. */
export type AuditOutcome = 'allowed' | 'denied' | 'failed' | 'closed';

export interface AuditInput {
  at: number;
  /** Username, or null when the caller proved no identity. */
  actor: string | null;
  /** How the caller proved it: session, token:<id>, password, oidc, … */
  credential: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  /** A permission (`resources:write`) or an event (`auth.login`). */
  action: string;
  /** HTTP method or Kubernetes verb. */
  verb: string;
  /** The route pattern or request path. */
  route: string;
  resourceKind: string | null;
  resourceName: string | null;
  cluster: string | null;
  namespace: string | null;
  outcome: AuditOutcome;
  status: number;
  /** Short free text: why it was denied or failed, what changed. */
  detail: string | null;
}

export interface AuditRecord extends Omit<AuditInput, 'at'> {
  id: number;
  at: Date;
}

export interface AuditQuery {
  actor?: string;
  /** Inclusive lower and exclusive upper bound, epoch ms. */
  from?: number;
  to?: number;
  cluster?: string;
  namespace?: string;
  /** Exact, or a prefix ending in `*` (`auth.*`). */
  action?: string;
  outcome?: AuditOutcome;
  limit?: number;
  continue?: string;
}

export interface AuditPage {
  /** Newest first. */
  items: AuditRecord[];
  continue?: string;
  /** Records the filters select, on every page; counted up to a bound, past which `totalIsAtLeast`. */
  total: number;
  totalIsAtLeast?: boolean;
}

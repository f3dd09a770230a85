import type { FromSchema } from 'json-schema-to-ts';

/** A short name or label: no control characters, so it cannot break a header, a log line or a table. */
const text = (maxLength: number) =>
  ({ type: 'string', minLength: 1, maxLength, pattern: '^[^\\u0000-\\u001f\\u007f]*$' }) as const;
const time = { type: 'string', format: 'date-time' } as const;
const nullable = { type: ['string', 'null'] } as const;

/** `closed`: the caller closed the connection before the answer ended (a stopped drain, say). */
export const auditOutcome = {
  type: 'string',
  enum: ['allowed', 'denied', 'failed', 'closed'],
} as const;

/** GET /api/v1/audit's filters. */
export const auditQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    actor: text(200),
    from: time,
    to: time,
    cluster: text(63),
    namespace: text(63),
    action: text(100),
    outcome: auditOutcome,
    limit: { type: 'integer', minimum: 1, maximum: 1000 },
    continue: text(200),
  },
} as const;

/** One audit record: who did what, where, and how it ended. Records are never changed. */
export const auditRecord = {
  type: 'object',
  required: [
    'id',
    'at',
    'actor',
    'credential',
    'sourceIp',
    'userAgent',
    'action',
    'verb',
    'route',
    'resourceKind',
    'resourceName',
    'cluster',
    'namespace',
    'outcome',
    'status',
    'detail',
  ],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    at: time,
    actor: { ...nullable, description: 'username; null when the caller proved no identity' },
    credential: { ...nullable, description: 'how the caller proved it: session, token:<id>, password, oidc' },
    sourceIp: nullable,
    userAgent: nullable,
    action: { type: 'string', description: 'a permission (resources:write) or an event (auth.login)' },
    verb: { type: 'string', description: 'HTTP method or Kubernetes verb' },
    route: { type: 'string', description: 'the route pattern or request path' },
    resourceKind: nullable,
    resourceName: nullable,
    cluster: nullable,
    namespace: nullable,
    outcome: auditOutcome,
    status: { type: 'integer', description: 'the HTTP status answered' },
    detail: { ...nullable, description: 'why it was denied or failed, what changed' },
  },
} as const;

/** GET /api/v1/audit: one page of records, newest first; `continue` asks for the next. */
export const auditPage = {
  type: 'object',
  required: ['items', 'total'],
  additionalProperties: false,
  properties: {
    items: { type: 'array', items: auditRecord },
    continue: { type: 'string' },
    total: { type: 'integer', description: 'records the filters select, counted up to 10,000' },
    totalIsAtLeast: { type: 'boolean', description: 'true when there are more than `total`' },
  },
} as const;

export type AuditOutcome = FromSchema<typeof auditOutcome>;
export type AuditQuery = FromSchema<typeof auditQuery>;
export type AuditRecord = FromSchema<typeof auditRecord>;
export type AuditPage = FromSchema<typeof auditPage>;

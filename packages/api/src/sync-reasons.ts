import { CONNECTION_FAILURES } from './cluster-reasons.ts';

/**
 * Why the sync of a cluster's resource type (or its discovery) failed, as a code and values beside the
 * server's English (issue #10): the console words each code in the reader's language and shows the
 * English for a code it does not know. A type's sync state (GET /api/v1/clusters/{name}/sync, both in
 * `resources` and in `engine`) carries them as `reasonCode` and `reasonParams` beside `error`.
 *
 * A watch that expired (410 Gone) never appears: the sync lists the type again at once.
 */

/** Kubernetes verbs a sync uses: `list` and `watch` for a type, `get` for discovery. */
export const SYNC_VERBS = ['list', 'watch', 'get'] as const;

/**
 * Every sync reason code, with its values:
 * - the connection failures of cluster-reasons.ts, with the same values (`address`, `systemCode`,
 *   `step`, `detail`), and `credentials-failed` (`problem`, `detail`): the cluster's own reasons;
 * - `unauthorized`: the API server answered 401: `verb`, `resource`, `detail` (its message);
 * - `forbidden`: it answered 403, the credentials may not `verb` the `resource` (`plural` or
 *   `plural.group`, or a discovery path); `kind` and `group` where known, `detail` (its message);
 * - `not-found`: it answered 404, it no longer serves `resource` (a CRD or an API was removed):
 *   `verb`, `kind`, `detail`;
 * - `api-error`: any other answer: `status`, `reason` (Kubernetes' word: TooManyRequests, …), `verb`,
 *   `resource`, `detail` (the server's message);
 * - `store-failed`: Portolan's store could not keep what was read: `resource`, `detail`;
 * - `discovery-incomplete` (the engine only): some APIs could not be discovered: `apis` (their
 *   group/versions) and `detail`;
 * - `error`: anything else: `detail`.
 */
export const SYNC_REASON_CODES = [
  ...CONNECTION_FAILURES,
  'credentials-failed',
  'unauthorized',
  'forbidden',
  'not-found',
  'api-error',
  'store-failed',
  'discovery-incomplete',
  'error',
] as const;

export type SyncVerb = (typeof SYNC_VERBS)[number];
export type SyncReasonCode = (typeof SYNC_REASON_CODES)[number];
export type SyncReasonParams = Record<string, string | number>;

/** `reasonCode` of a sync state in a schema: one of SYNC_REASON_CODES, or null when there is no error. */
export const syncReasonCode = {
  anyOf: [{ type: 'string', enum: SYNC_REASON_CODES }, { type: 'null' }],
  description: 'why the sync failed, as a code the console words (SYNC_REASON_CODES); null when it did not',
} as const;

/** `reasonParams` of a sync state in a schema: the code's values (verb, resource, status, detail, …). */
export const syncReasonParams = {
  anyOf: [
    { type: 'object', additionalProperties: { anyOf: [{ type: 'string' }, { type: 'number' }] } },
    { type: 'null' },
  ],
  description: "the sync reason code's values: verb, resource, kind, status, address, detail, …",
} as const;

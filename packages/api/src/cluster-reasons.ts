/**
 * Why a cluster is not Ready, as a code and values beside the server's English (issue #10): the
 * console words each code in the reader's language and shows the English for a code it does not know.
 * A cluster's `reasonCode`/`reasonParams` and a search's `clusterFreshness` carry them.
 */

/** Why no answer came back from the API server (the connection failed or was not trusted). */
export const CONNECTION_FAILURES = [
  'unreachable',
  'timeout',
  'tls-untrusted',
  'tls-name-mismatch',
  'tls-server-certificate-expired',
  'tls-client-certificate-rejected',
  'tls-handshake',
  'proxy',
  'credentials',
] as const;

/**
 * Every reason code, with its values:
 * - the connection failures above: `address` (host:port), `systemCode` (ECONNREFUSED, …) when known,
 *   `step` (REQUEST_STEPS) for a timeout, `proxy` (host:port) and `status` for a proxy that refused,
 *   `detail` (the system's own English) where the code alone does not say it;
 * - `credentials-failed`: the kubeconfig's credentials could not be had (an exec plugin failed, a
 *   token expired): `problem` and `detail`;
 * - `unauthorized` / `forbidden`: the API server answered 401 / 403 to /readyz: `status`;
 * - `not-ready`: /readyz answered another status: `status`, `detail` (its answer);
 * - `credentials-unopenable`: the stored credentials could not be decrypted or read: `detail`;
 * - `error`: anything else: `detail`.
 */
export const CLUSTER_REASON_CODES = [
  ...CONNECTION_FAILURES,
  'credentials-failed',
  'unauthorized',
  'forbidden',
  'not-ready',
  'credentials-unopenable',
  'error',
] as const;

/** The system codes the console words for an unreachable API server (`systemCode`). */
export const UNREACHABLE_CAUSES = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
] as const;

/** Where a request to an API server was when its time ran out (`step` of a timeout). */
export const REQUEST_STEPS = ['credentials', 'proxy', 'connect', 'tls', 'first-byte', 'body'] as const;

export type ConnectionFailureCode = (typeof CONNECTION_FAILURES)[number];
export type ClusterReasonCode = (typeof CLUSTER_REASON_CODES)[number];
export type UnreachableCause = (typeof UNREACHABLE_CAUSES)[number];
export type RequestStepCode = (typeof REQUEST_STEPS)[number];
export type ClusterReasonParams = Record<string, string | number>;

/** `reasonCode` in a schema: one of CLUSTER_REASON_CODES, or null when there is no reason or no code. */
export const clusterReasonCode = {
  anyOf: [{ type: 'string', enum: CLUSTER_REASON_CODES }, { type: 'null' }],
  description:
    'why the cluster is not Ready, as a code the console words (CLUSTER_REASON_CODES); null when there is none',
} as const;

/** `reasonParams` in a schema: the code's values (address, systemCode, step, status, detail, …). */
export const clusterReasonParams = {
  anyOf: [
    { type: 'object', additionalProperties: { anyOf: [{ type: 'string' }, { type: 'number' }] } },
    { type: 'null' },
  ],
  description: "the reason code's values: address, systemCode, step, status, detail, …",
} as const;

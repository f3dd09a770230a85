import type { ConnectionFailureCode, RequestStepCode, UnreachableCause } from '@portolan/api';

/** Where a request to an API server is; a timeout names the step it ran out in. */
export type RequestStep = RequestStepCode;

/** Why no answer came back from the API server (the codes a cluster's reason is sent with). */
export type ConnectionFailure = ConnectionFailureCode;

/** The API server could not be reached or trusted; the message names it and says what to do. */
export class KubeConnectionError extends Error {
  readonly failure: ConnectionFailure;
  /** `host:port` of the API server. */
  readonly address: string;
  /** The system error code, e.g. ECONNREFUSED or UNABLE_TO_VERIFY_LEAF_SIGNATURE. */
  readonly systemCode: string | undefined;
  /** For a timeout: the step the request was in (connect, tls, first-byte, …). */
  readonly step: RequestStep | undefined;
  /** The system's own words where the failure and code do not say it all (a TLS or header error). */
  readonly detail: string | undefined;

  constructor(
    failure: ConnectionFailure,
    address: string,
    message: string,
    systemCode?: string,
    step?: RequestStep,
    detail?: string,
  ) {
    super(message);
    this.name = 'KubeConnectionError';
    this.failure = failure;
    this.address = address;
    this.systemCode = systemCode;
    this.step = step;
    this.detail = detail;
  }
}

/** `host:port` of a URL, with the scheme's default port filled in. */
export function addressOf(url: string | URL): string {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  const port = parsed.port || (parsed.protocol === 'http:' ? '80' : '443');
  return `${parsed.hostname}:${port}`;
}

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
]);

const UNREACHABLE: Record<UnreachableCause, string> = {
  ECONNREFUSED: 'connection refused (nothing listens there, or a firewall rejects it)',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved (DNS is not answering)',
  EHOSTUNREACH: 'no route to the host',
  ENETUNREACH: 'the network is unreachable',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
  ETIMEDOUT: 'the connection timed out',
};

/** Turns a socket or TLS error into a KubeConnectionError that names the server and the fix. */
export function classifyConnectionError(error: unknown, server: string): KubeConnectionError {
  if (error instanceof KubeConnectionError) return error;
  const address = addressOf(server);
  const code = (error as { code?: string })?.code ?? '';
  const detail = error instanceof Error ? error.message : String(error);
  if (UNTRUSTED.has(code)) {
    return new KubeConnectionError(
      'tls-untrusted',
      address,
      `the API server at ${address} presented a certificate that the kubeconfig's certificate authority did not sign ` +
        `(${code}): the CA does not match this cluster. Use the cluster's own CA in certificate-authority-data.`,
      code,
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new KubeConnectionError(
      'tls-name-mismatch',
      address,
      `the API server's certificate at ${address} is not valid for the name used to reach it (${detail}). ` +
        'Use a server address the certificate names, or set tls-server-name to one of its names.',
      code,
      undefined,
      detail,
    );
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return new KubeConnectionError(
      'tls-server-certificate-expired',
      address,
      `the API server's own certificate at ${address} is ${code === 'CERT_HAS_EXPIRED' ? 'expired' : 'not yet valid'}; ` +
        "the cluster's administrator has to renew it (or the clocks differ).",
      code,
    );
  }
  if (/^ERR_SSL_.*ALERT_(BAD_CERTIFICATE|CERTIFICATE_EXPIRED|UNKNOWN_CA|CERTIFICATE_REVOKED)/.test(code)) {
    return new KubeConnectionError(
      'tls-client-certificate-rejected',
      address,
      `the API server at ${address} rejected the client certificate during the TLS handshake (${code}); ` +
        'get a current client certificate for this cluster.',
      code,
    );
  }
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code === 'EPROTO') {
    return new KubeConnectionError(
      'tls-handshake',
      address,
      `the TLS handshake with ${address} failed (${detail}); check that the server URL is the API server's https address.`,
      code,
      undefined,
      detail,
    );
  }
  if (
    code === 'ERR_INVALID_CHAR' ||
    code === 'ERR_HTTP_INVALID_HEADER_VALUE' ||
    code === 'ERR_INVALID_HTTP_TOKEN'
  ) {
    return new KubeConnectionError(
      'credentials',
      address,
      `a header for the API server at ${address} holds characters HTTP does not allow (${detail}); check the token, as, as-groups and as-user-extra of the kubeconfig's user`,
      code,
      undefined,
      detail,
    );
  }
  const reason = UNREACHABLE[code as UnreachableCause];
  if (reason) {
    return new KubeConnectionError(
      code === 'ETIMEDOUT' ? 'timeout' : 'unreachable',
      address,
      `the API server at ${address} is unreachable: ${reason}. Check the server address and that the cluster is running.`,
      code,
    );
  }
  return new KubeConnectionError(
    'unreachable',
    address,
    `the API server at ${address} is unreachable: ${detail}`,
    code || undefined,
    undefined,
    detail,
  );
}

/** What a request carries to prove who it is. */
export interface RequestCredentials {
  /** The whole Authorization header value, e.g. `Bearer …` or `Basic …`. */
  authorization?: string;
  /** PEM client certificate (chain) and key for mutual TLS. */
  clientCertificate?: { cert: string; key: string };
}

/**
 * Supplies credentials per request. Exec plugins and token files change over time, so they are
 * asked each time; `invalidate` is called after a 401 so a cached token is fetched again.
 */
export interface CredentialSource {
  get(signal?: AbortSignal): Promise<RequestCredentials>;
  invalidate?(): void;
}

/** Everything needed to reach one API server, however the kubeconfig described it. */
export interface KubeConnection {
  /** `https://host:port`, possibly with a path prefix when the API sits behind a proxy. */
  server: string;
  /** PEM bundle to trust; the system roots when absent. */
  ca?: string;
  /** Name to expect in the server certificate (and to send as SNI) instead of the URL's host. */
  tlsServerName?: string;
  insecureSkipTlsVerify?: boolean;
  /** `http://` or `https://` proxy reached with CONNECT. */
  proxyUrl?: string;
  credentials: CredentialSource;
  /** Sent with every request, e.g. Impersonate-User from the kubeconfig's `as`. */
  headers?: Record<string, string | string[]>;
}

/** A credential source that always answers the same. */
export function staticCredentials(credentials: RequestCredentials): CredentialSource {
  return { get: async () => credentials };
}

/**
 * Headers for every request: the connection's own plus `extra`. When `extra` impersonates someone,
 * the connection's own impersonation (a kubeconfig's `as`) is dropped rather than mixed in.
 */
export function headersWith(
  own: Record<string, string | string[]> | undefined,
  extra: Record<string, string | string[]> | undefined,
): Record<string, string | string[]> {
  if (!extra) return { ...own };
  const impersonating = (name: string) => name.toLowerCase().startsWith('impersonate-');
  const impersonates = Object.keys(extra).some(impersonating);
  const kept = Object.entries(own ?? {}).filter(([name]) => !(impersonates && impersonating(name)));
  return { ...Object.fromEntries(kept), ...extra };
}

/** The same connection, sending `extra` headers too (see headersWith). */
export function connectionWith(
  connection: KubeConnection,
  extra: Record<string, string | string[]>,
): KubeConnection {
  return { ...connection, headers: headersWith(connection.headers, extra) };
}

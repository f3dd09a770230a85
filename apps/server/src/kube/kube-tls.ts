import type { KubeConnection, RequestCredentials } from './kube-connection.ts';

/** The TLS settings of one request to an `https:` API server, as node:https and ws take them. */
export interface KubeTlsOptions {
  ca?: string;
  cert?: string;
  key?: string;
  servername?: string;
  rejectUnauthorized: boolean;
}

/**
 * The connection's trust (CA bundle, expected server name, whether to verify at all) and the
 * credentials' client certificate. Settings the connection does not have are left out, not set
 * to undefined, so they never replace a default. Only for `https:` servers.
 */
export function tlsOptionsOf(connection: KubeConnection, credentials: RequestCredentials): KubeTlsOptions {
  const options: KubeTlsOptions = { rejectUnauthorized: connection.insecureSkipTlsVerify !== true };
  if (connection.ca) options.ca = connection.ca;
  if (connection.tlsServerName) options.servername = connection.tlsServerName;
  if (credentials.clientCertificate) {
    options.cert = credentials.clientCertificate.cert;
    options.key = credentials.clientCertificate.key;
  }
  return options;
}

/** The Authorization header of the credentials (bearer token or basic), or none. */
export function authorizationHeadersOf(credentials: RequestCredentials): { authorization?: string } {
  return credentials.authorization ? { authorization: credentials.authorization } : {};
}

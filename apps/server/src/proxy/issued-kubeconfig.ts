import { stringify } from 'yaml';
import { KUBE_PROXY_PREFIX } from './proxy-path.ts';

export interface IssuedKubeconfigOptions {
  /** Where users reach Portolan over https, e.g. `https://portolan.example.com` (a path prefix is kept). */
  baseUrl: string;
  /** The clusters to include; each gets a cluster entry and a context of the same name. */
  clusters: string[];
  /** The Portolan token kubectl sends as `Authorization: Bearer …`. */
  token: string;
  /** Name of the user entry, e.g. the Portolan user's name (default `portolan`). */
  userName?: string;
  /** The context kubectl starts in (default the first cluster). */
  currentCluster?: string;
  /** PEM CA that signed Portolan's certificate, when it is not one the system trusts. */
  certificateAuthority?: string;
}

/** The kubeconfig a user downloads to run kubectl and helm against clusters through Portolan. */
export function renderIssuedKubeconfig(options: IssuedKubeconfigOptions): string {
  let base: URL;
  try {
    base = new URL(options.baseUrl);
  } catch {
    throw new Error(`base URL "${options.baseUrl}" is not a URL; write it as https://host[:port]`);
  }
  if (base.protocol !== 'https:') {
    // kubectl and helm send no token over plain http (kubernetes/kubectl#744).
    throw new Error(
      `base URL "${options.baseUrl}" must start with https://: kubectl sends no token over plain http; ` +
        'serve Portolan over https or put a TLS-terminating proxy in front of it',
    );
  }
  if (options.clusters.length === 0) throw new Error('a kubeconfig needs at least one cluster');
  const current = options.currentCluster ?? options.clusters[0];
  if (current === undefined || !options.clusters.includes(current)) {
    throw new Error(`current cluster "${current}" is not among the clusters ${options.clusters.join(', ')}`);
  }
  const root = `${base.origin}${base.pathname.replace(/\/+$/, '')}${KUBE_PROXY_PREFIX}`;
  const userName = options.userName ?? 'portolan';
  const ca = options.certificateAuthority
    ? { 'certificate-authority-data': Buffer.from(options.certificateAuthority).toString('base64') }
    : {};
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: options.clusters.map((name) => ({
      name,
      cluster: { server: `${root}/${encodeURIComponent(name)}`, ...ca },
    })),
    users: [{ name: userName, user: { token: options.token } }],
    contexts: options.clusters.map((name) => ({ name, context: { cluster: name, user: userName } })),
    'current-context': current,
  });
}

/** Portolan's own https proxy as its users' tools reach it, and the CA that signed it when needed. */
export interface ProxyEndpoint {
  url: () => string;
  certificateAuthority: string | undefined;
}

/**
 * A kubeconfig for one cluster through Portolan's proxy, for a tool Portolan runs on the user's
 * behalf (a Helm operation, a web terminal) with the user's own short-lived token.
 */
export function renderProxyKubeconfig(
  proxy: ProxyEndpoint,
  cluster: string,
  userName: string,
  token: string,
) {
  return renderIssuedKubeconfig({
    baseUrl: proxy.url(),
    clusters: [cluster],
    token,
    userName,
    ...(proxy.certificateAuthority ? { certificateAuthority: proxy.certificateAuthority } : {}),
  });
}

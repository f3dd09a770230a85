/** Where the proxy is mounted; each cluster's API sits below `/k8s/clusters/<name>`. */
export const KUBE_PROXY_PREFIX = '/k8s/clusters';

export type ProxyPath =
  | { ok: true; cluster: string /** path and query to ask the member cluster for */; path: string }
  | { ok: false; message: string };

/**
 * Splits a request URL into the cluster name and the API path. Answers undefined for URLs outside
 * the proxy. Dot segments are refused: behind a path-prefixed server (another proxy) they could
 * climb out of the cluster's prefix.
 */
export function splitProxyPath(url: string): ProxyPath | undefined {
  if (!url.startsWith(`${KUBE_PROXY_PREFIX}/`)) return undefined;
  const rest = url.slice(KUBE_PROXY_PREFIX.length + 1);
  const end = rest.search(/[/?]/);
  const rawName = end === -1 ? rest : rest.slice(0, end);
  const tail = end === -1 ? '' : rest.slice(end);
  const queryAt = tail.indexOf('?');
  const pathPart = queryAt === -1 ? tail : tail.slice(0, queryAt);
  const query = queryAt === -1 ? '' : tail.slice(queryAt);
  let cluster: string;
  let segments: string[];
  try {
    cluster = decodeURIComponent(rawName);
    segments = pathPart.split('/').map((segment) => decodeURIComponent(segment));
  } catch {
    return { ok: false, message: `the request path ${url} is not correctly percent-encoded` };
  }
  if (!cluster) {
    return { ok: false, message: `name a cluster: ${KUBE_PROXY_PREFIX}/<cluster>/api/…` };
  }
  if (segments.some((segment) => segment === '.' || segment === '..')) {
    return {
      ok: false,
      message: `the request path ${pathPart} has "." or ".." segments; send it normalised`,
    };
  }
  return { ok: true, cluster, path: `${pathPart.startsWith('/') ? pathPart : `/${pathPart}`}${query}` };
}

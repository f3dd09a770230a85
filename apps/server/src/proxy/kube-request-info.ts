/**
 * What a Kubernetes API request is about, read from its method and path the way the API server's
 * own RequestInfo does: verb, API group and version, namespace, resource, subresource and name.
 */
export interface KubeRequestInfo {
  /** False for /version, /healthz, /openapi and discovery (/api, /apis/apps/v1): no resource named. */
  isResource: boolean;
  /** get, list, watch, create, update, patch, delete, deletecollection; the method for other paths. */
  verb: string;
  group?: string;
  version?: string;
  namespace?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

const VERBS: Record<string, string> = {
  GET: 'get',
  HEAD: 'get',
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

/** Subresources of a namespace itself: /api/v1/namespaces/ns/status is about ns, not a resource in it. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

const truthy = (value: string | null) => value === 'true' || value === '1';

/** Parses a path below a cluster's API server (`/api/v1/namespaces/ns/pods/p?watch=1`). */
export function kubeRequestInfo(method: string, pathAndQuery: string): KubeRequestInfo {
  const upper = method.toUpperCase();
  const queryAt = pathAndQuery.indexOf('?');
  const pathPart = queryAt === -1 ? pathAndQuery : pathAndQuery.slice(0, queryAt);
  const query = new URLSearchParams(queryAt === -1 ? '' : pathAndQuery.slice(queryAt + 1));
  let parts: string[];
  try {
    parts = pathPart
      .split('/')
      .filter((part) => part !== '')
      .map((part) => decodeURIComponent(part));
  } catch {
    parts = pathPart.split('/').filter((part) => part !== '');
  }
  const other: KubeRequestInfo = { isResource: false, verb: upper.toLowerCase() };
  let group: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 2) {
    group = '';
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 3) {
    group = parts[1] ?? '';
    rest = parts.slice(3);
  } else {
    return other;
  }
  const version = (parts[0] === 'api' ? parts[1] : parts[2]) ?? '';
  if (rest.length === 0) return other;

  let verb = VERBS[upper] ?? upper.toLowerCase();
  // The old path forms: /api/v1/watch/… and /api/v1/proxy/….
  if ((rest[0] === 'watch' || rest[0] === 'proxy') && rest.length >= 2) {
    verb = rest[0];
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length > 1) {
    namespace = rest[1];
    // /namespaces/ns/pods/… is about pods in ns; /namespaces/ns and /namespaces/ns/status about ns.
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2] ?? '')) rest = rest.slice(2);
  }
  const [resource, name, subresource] = rest;
  if (name === undefined) {
    if (verb === 'get') verb = truthy(query.get('watch')) ? 'watch' : 'list';
    else if (verb === 'delete') verb = 'deletecollection';
  } else if (verb === 'get' && truthy(query.get('watch'))) {
    verb = 'watch';
  }
  return {
    isResource: true,
    verb,
    group,
    version,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(resource !== undefined ? { resource } : {}),
    ...(subresource !== undefined ? { subresource } : {}),
    ...(name !== undefined ? { name } : {}),
  };
}

/** `pods`, `deployments/scale`, `pods/exec`: the resource with its subresource, as RBAC names it. */
export function resourceKindOf(info: KubeRequestInfo): string | undefined {
  if (!info.resource) return undefined;
  return info.subresource ? `${info.resource}/${info.subresource}` : info.resource;
}

import {
  isAggregatedDiscovery,
  parseAggregatedDiscovery,
  parseLegacyGroups,
  parseResourceList,
} from './discovery-parse.ts';
import type { Discovery } from './discovery-types.ts';
import type { KubeRequest, KubeResponse } from './kube-client.ts';
import { KubeError, kubeErrorFromResponse } from './kube-errors.ts';

type Request = (request: KubeRequest) => Promise<KubeResponse>;

// Aggregated discovery (GA in 1.30) describes every group in two requests; older servers answer
// the plain JSON alternative and are described group version by group version.
const AGGREGATED_ACCEPT = [
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
  'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList',
  'application/json',
].join(',');

const LEGACY_CONCURRENCY = 8;

async function getOk(request: Request, server: string, path: string, accept: string, signal?: AbortSignal) {
  const response = await request({ path, accept, ...(signal ? { signal } : {}) });
  if (response.status < 200 || response.status >= 300) {
    throw kubeErrorFromResponse(response.status, response.body, { method: 'GET', path, server });
  }
  return response.body;
}

/** Every resource the server serves, in every served version, the preferred ones marked. */
export async function discoverResources(
  request: Request,
  server: string,
  options: { aggregated?: boolean; signal?: AbortSignal } = {},
): Promise<Discovery> {
  const accept = options.aggregated === false ? 'application/json' : AGGREGATED_ACCEPT;
  const [core, groups] = await Promise.all([
    getOk(request, server, '/api', accept, options.signal),
    getOk(request, server, '/apis', accept, options.signal),
  ]);
  if (isAggregatedDiscovery(core) && isAggregatedDiscovery(groups)) {
    return sortResources(parseAggregatedDiscovery([core, groups]));
  }
  const discoveredGroups = parseLegacyGroups(core, groups);
  const discovery: Discovery = { groups: discoveredGroups, resources: [], failed: [] };
  const pending = discoveredGroups.flatMap((group) =>
    group.versions.map((version) => ({
      groupVersion: group.name ? `${group.name}/${version}` : version,
      preferred: version === group.preferredVersion,
    })),
  );
  const worker = async () => {
    for (let next = pending.shift(); next; next = pending.shift()) {
      const path = next.groupVersion.includes('/')
        ? `/apis/${next.groupVersion}`
        : `/api/${next.groupVersion}`;
      try {
        const body = await getOk(request, server, path, 'application/json', options.signal);
        discovery.resources.push(...parseResourceList(body, next.preferred));
      } catch (error) {
        if (!(error instanceof KubeError)) throw error;
        // One broken aggregated API (a metrics server that is down) must not hide the rest.
        discovery.failed.push({
          groupVersion: next.groupVersion,
          message: error instanceof Error ? error.message : String(error),
        });
      }
    }
  };
  await Promise.all(Array.from({ length: LEGACY_CONCURRENCY }, worker));
  return sortResources(discovery);
}

function sortResources(discovery: Discovery): Discovery {
  discovery.resources.sort(
    (a, b) =>
      a.group.localeCompare(b.group) ||
      a.version.localeCompare(b.version) ||
      a.resource.localeCompare(b.resource),
  );
  return discovery;
}

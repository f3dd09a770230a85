import type { FastifyRequest } from 'fastify';
import { callerOf } from '#server/iam/route-guards.ts';
import type { KubeClient } from '#server/kube/kube-client.ts';
import type { ResourceTargets } from '#server/resources/resource-targets.ts';

/** For routes under /api/v1/clusters/:cluster: the client of that cluster, acting for the caller. */
export function requestClient(targets: ResourceTargets) {
  return async (request: FastifyRequest): Promise<KubeClient> => {
    const { cluster } = request.params as { cluster: string };
    return (await targets.of(cluster, callerOf(request))).client;
  };
}

import type { FastifyInstance } from 'fastify';
import { callerOf } from '#server/iam/route-guards.ts';
import type { DiscoveredResource } from '#server/kube/discovery-types.ts';
import type { KubeClient } from '#server/kube/kube-client.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { NotFoundError } from '#server/resources/resource-errors.ts';
import type { ResourceTargets } from '#server/resources/resource-targets.ts';
import { builtIn, callObject, listIn } from '#server/workloads/workload-kinds.ts';
import { anyObject, kubeObject, pathParams, responses } from '../shared/route-schemas.ts';

const CLAIMS = builtIn('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim');
const PODS = builtIn('', 'v1', 'pods', 'Pod');
const clusterScoped = (resource: DiscoveredResource) => ({ ...resource, namespaced: false });
const VOLUMES = clusterScoped(builtIn('', 'v1', 'persistentvolumes', 'PersistentVolume'));
const CLASSES = clusterScoped(builtIn('storage.k8s.io', 'v1', 'storageclasses', 'StorageClass'));
const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';

async function readOrNull(client: KubeClient, resource: DiscoveredResource, name: string | undefined) {
  if (!name) return null;
  try {
    return await callObject(client, { resource, namespace: undefined, name }, 'get');
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

/** A claim with its bound volume, its storage class (or the default one) and the pods using it. */
async function claimView(client: KubeClient, namespace: string, name: string) {
  const claim = await callObject(client, { resource: CLAIMS, namespace, name }, 'get');
  const spec = (claim.spec ?? {}) as { volumeName?: string; storageClassName?: string };
  let storageClass: KubeObject | null = await readOrNull(client, CLASSES, spec.storageClassName);
  if (!spec.storageClassName) {
    const classes = await callObject<{ items?: KubeObject[] }>(
      client,
      { resource: CLASSES, namespace: undefined, name: undefined },
      'list',
    );
    storageClass =
      classes.items?.find((entry) => entry.metadata?.annotations?.[DEFAULT_CLASS] === 'true') ?? null;
  }
  const pods = (await listIn(client, PODS, namespace)).filter((pod) =>
    (
      (pod.spec as { volumes?: { persistentVolumeClaim?: { claimName?: string } }[] } | undefined)?.volumes ??
      []
    ).some((volume) => volume.persistentVolumeClaim?.claimName === name),
  );
  return {
    claim,
    phase: (claim.status as { phase?: string } | undefined)?.phase ?? 'Pending',
    volume: await readOrNull(client, VOLUMES, spec.volumeName),
    storageClass,
    pods: pods.map((pod) => pod.metadata?.name ?? ''),
  };
}

/** What the generic routes do not show of storage: a claim with its volume, class and users. */
export function registerStorageRoutes(app: FastifyInstance, targets: ResourceTargets): void {
  app.get<{ Params: { cluster: string; namespace: string; name: string } }>(
    '/api/v1/clusters/:cluster/persistentvolumeclaims/:namespace/:name',
    {
      config: { permission: 'resources:read' },
      schema: {
        tags: ['storage'],
        summary:
          'A PersistentVolumeClaim with its bound PersistentVolume, its StorageClass and the pods using it',
        params: pathParams('namespace', 'name'),
        response: responses({
          200: {
            type: 'object',
            properties: {
              claim: kubeObject,
              phase: { type: 'string' },
              volume: { anyOf: [kubeObject, { type: 'null' }] },
              storageClass: { anyOf: [anyObject, { type: 'null' }] },
              pods: { type: 'array', items: { type: 'string' } },
            },
          },
        }),
      },
    },
    async (request) => {
      const { cluster, namespace, name } = request.params;
      return claimView((await targets.of(cluster, callerOf(request))).client, namespace, name);
    },
  );
}

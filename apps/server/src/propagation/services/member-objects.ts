import type { KubeClient } from '#server/kube/kube-client.ts';
import { kubeErrorFromResponse } from '#server/kube/kube-errors.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import type { OwnedObject } from '#server/store/multicluster-services/mcs-store.ts';
import { MCS_FIELD_MANAGER } from './import-objects.ts';

/** Where an object of the two kinds an import makes lives on a member cluster. */
export function pathOf(kind: OwnedObject['kind'], namespace: string, name: string): string {
  const base =
    kind === 'Service'
      ? `/api/v1/namespaces/${encodeURIComponent(namespace)}/services`
      : `/apis/discovery.k8s.io/v1/namespaces/${encodeURIComponent(namespace)}/endpointslices`;
  return `${base}/${encodeURIComponent(name)}`;
}

const failed = (client: KubeClient, method: string, path: string, status: number, body: unknown) =>
  kubeErrorFromResponse(status, body, { method, path, server: client.server });

/** The object as the member cluster has it now, or undefined when it is not there. */
export async function readObject(
  client: KubeClient,
  kind: OwnedObject['kind'],
  namespace: string,
  name: string,
): Promise<KubeObject | undefined> {
  const path = pathOf(kind, namespace, name);
  const response = await client.request<KubeObject>({ path });
  if (response.status === 404) return undefined;
  if (response.status !== 200) throw failed(client, 'GET', path, response.status, response.body);
  return response.body;
}

/** Server-side apply under Portolan's multi-cluster Services field manager; the applied object back. */
export async function applyObject(client: KubeClient, object: KubeObject): Promise<KubeObject> {
  const kind = object.kind as OwnedObject['kind'];
  const path = pathOf(kind, object.metadata?.namespace ?? '', object.metadata?.name ?? '');
  const response = await client.request<KubeObject>({
    method: 'PATCH',
    path,
    query: { fieldManager: MCS_FIELD_MANAGER, force: true },
    body: JSON.stringify(object),
    contentType: 'application/apply-patch+yaml',
  });
  if (response.status !== 200 && response.status !== 201)
    throw failed(client, 'PATCH', path, response.status, response.body);
  return response.body;
}

/**
 * Deletes one object Portolan created, only while it is still that object (the uid precondition: a
 * namesake someone made since is left alone). Gone already counts as deleted.
 */
export async function deleteOwned(client: KubeClient, namespace: string, owned: OwnedObject): Promise<void> {
  const path = pathOf(owned.kind, namespace, owned.name);
  const response = await client.request({
    method: 'DELETE',
    path,
    body: { apiVersion: 'v1', kind: 'DeleteOptions', preconditions: { uid: owned.uid } },
  });
  // 409: the uid differs, so this is not what Portolan created; it stays.
  if (response.status === 404 || response.status === 409 || response.status < 300) return;
  throw failed(client, 'DELETE', path, response.status, response.body);
}

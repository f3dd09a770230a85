import type { KubeClient } from '#server/kube/kube-client.ts';
import type { IamStore } from '#server/store/iam/iam-store.ts';
import {
  clusterReaderRole,
  desiredRbac,
  MANAGED_LABEL,
  type RbacBinding,
  REGISTRATION_LABEL,
  rbacKey,
} from './kube-rbac.ts';

const BASE = '/apis/rbac.authorization.k8s.io/v1';

export interface RbacReport {
  created: string[];
  updated: string[];
  deleted: string[];
  /** Namespaces bound in Portolan that the cluster does not have (yet): nothing to bind there. */
  skipped: string[];
  failed: Array<{ object: string; status: number; message: string }>;
}

interface Existing extends RbacBinding {
  metadata: RbacBinding['metadata'] & { resourceVersion?: string };
}

const collection = (o: Pick<RbacBinding, 'kind' | 'metadata'>) =>
  o.kind === 'ClusterRoleBinding'
    ? `${BASE}/clusterrolebindings`
    : `${BASE}/namespaces/${encodeURIComponent(o.metadata.namespace ?? '')}/rolebindings`;
const pathOf = (o: Pick<RbacBinding, 'kind' | 'metadata'>) =>
  `${collection(o)}/${encodeURIComponent(o.metadata.name)}`;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Makes the bindings this registration manages (labels portolan.dev/managed=true and
 * portolan.dev/registration=<id>) exactly `desired`: creates the missing, updates changed subjects,
 * replaces a changed roleRef (it is immutable), deletes those no longer wanted, and deletes managed
 * bindings from before registrations were labelled. Other bindings, another registration's too,
 * are never touched.
 */
export async function reconcileRbac(
  client: KubeClient,
  registration: string,
  desired: readonly RbacBinding[],
): Promise<RbacReport> {
  const labelSelector = `${MANAGED_LABEL}=true`;
  const [cluster, namespaced] = await Promise.all([
    client.list<Existing>(`${BASE}/clusterrolebindings`, { labelSelector }),
    client.list<Existing>(`${BASE}/rolebindings`, { labelSelector }),
  ]);
  const ours = (item: Existing) => {
    const owner = item.metadata.labels?.[REGISTRATION_LABEL];
    return owner === undefined || owner === registration;
  };
  const existing = new Map<string, Existing>();
  for (const item of cluster.items.filter(ours))
    existing.set(rbacKey({ ...item, kind: 'ClusterRoleBinding' }), item);
  for (const item of namespaced.items.filter(ours))
    existing.set(rbacKey({ ...item, kind: 'RoleBinding' }), item);
  const report: RbacReport = { created: [], updated: [], deleted: [], skipped: [], failed: [] };

  const send = async (method: string, object: RbacBinding, path: string, body?: unknown) => {
    const response = await client.request<{ message?: string }>({
      method,
      path,
      ...(body !== undefined && { body }),
    });
    if (response.status < 300) return true;
    const message = response.body?.message ?? `HTTP ${response.status}`;
    if (method === 'POST' && response.status === 404 && object.kind === 'RoleBinding')
      report.skipped.push(rbacKey(object));
    else report.failed.push({ object: rbacKey(object), status: response.status, message });
    return false;
  };

  for (const object of desired) {
    const key = rbacKey(object);
    const current = existing.get(key);
    existing.delete(key);
    if (!current) {
      if (await send('POST', object, collection(object), object)) report.created.push(key);
    } else if (!same(current.roleRef, object.roleRef)) {
      if (
        (await send('DELETE', object, pathOf(object))) &&
        (await send('POST', object, collection(object), object))
      )
        report.updated.push(key);
    } else if (
      !same(current.subjects ?? [], object.subjects) ||
      !same(current.metadata.labels ?? {}, object.metadata.labels)
    ) {
      const body = {
        ...object,
        metadata: { ...object.metadata, resourceVersion: current.metadata.resourceVersion },
      };
      if (await send('PUT', object, pathOf(object), body)) report.updated.push(key);
    }
  }
  for (const [key, stale] of existing) {
    const object = {
      ...stale,
      kind: key.startsWith('ClusterRoleBinding/') ? 'ClusterRoleBinding' : 'RoleBinding',
    } as RbacBinding;
    if (await send('DELETE', object, pathOf(object))) report.deleted.push(key);
  }
  return report;
}

/** Brings one member cluster's RBAC in step with Portolan's bindings as stored now. */
export async function reconcileClusterRbac(
  store: IamStore,
  cluster: { name: string; id: string },
  client: KubeClient,
): Promise<RbacReport> {
  const [bindings, namespaces] = await Promise.all([
    store.bindings.list(),
    store.workspaces.namespaces({ cluster: cluster.name }),
  ]);
  const desired = desiredRbac(cluster, bindings, namespaces);
  const roleFailure = await ensureClusterReader(client);
  const report = await reconcileRbac(client, cluster.id, desired);
  if (roleFailure) report.failed.push(roleFailure);
  return report;
}

/** Creates or updates Portolan's cluster-reader ClusterRole (see kube-rbac.ts). */
async function ensureClusterReader(client: KubeClient): Promise<RbacReport['failed'][number] | undefined> {
  const path = `${BASE}/clusterroles/${encodeURIComponent(clusterReaderRole.metadata.name)}`;
  const response = await client.request<{ message?: string }>({
    method: 'PATCH',
    path,
    query: { fieldManager: 'portolan', force: true },
    body: JSON.stringify(clusterReaderRole),
    contentType: 'application/apply-patch+yaml',
  });
  if (response.status < 300) return undefined;
  const message = response.body?.message ?? `HTTP ${response.status}`;
  return { object: `ClusterRole//${clusterReaderRole.metadata.name}`, status: response.status, message };
}

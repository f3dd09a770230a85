import type { MultiClusterServiceDocument } from '@portolan/api';
import type { KubeClient } from '#server/kube/kube-client.ts';
import { KubeError } from '#server/kube/kube-errors.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import type {
  OwnedObject,
  StoredExport,
  StoredImport,
} from '#server/store/multicluster-services/mcs-store.ts';
import { importedService, importedSlice, MAX_SLICE_ENDPOINTS, MCS_LABEL } from './import-objects.ts';
import { mcsReason } from './mcs-reason.ts';
import { applyObject, deleteOwned, readObject } from './member-objects.ts';

/** An object of that name is there and Portolan did not make it for this import: it is left alone. */
class NotOursError extends Error {
  readonly said: ReturnType<typeof mcsReason>;
  constructor(said: ReturnType<typeof mcsReason>) {
    super(said.reason);
    this.said = said;
  }
}

const sameObject = (a: Pick<OwnedObject, 'kind' | 'name'>, b: Pick<OwnedObject, 'kind' | 'name'>) =>
  a.kind === b.kind && a.name === b.name;

/** Why an import failed, in words a user can act on, and whether it was a refusal. */
function failureOf(
  error: unknown,
  cluster: string,
): Pick<StoredImport, 'state' | 'reason' | 'reasonWording'> {
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof KubeError && error.code === 403)
    return { state: 'forbidden', ...mcsReason('import.forbidden', { cluster, detail }) };
  if (error instanceof KubeError && error.code === 404 && /namespaces? .*not found/i.test(detail))
    return { state: 'failed', ...mcsReason('import.no-namespace', { cluster, detail }) };
  return { state: 'failed', ...mcsReason('import.failed', { cluster, detail }) };
}

/**
 * Brings one import cluster in step: the selector-less Service and one EndpointSlice per exporting
 * cluster with ready pods, server-side applied; slices of clusters that no longer offer any, and
 * objects of an earlier import name, deleted (only those Portolan created: their recorded uid).
 * With no exported Service anywhere (`service` undefined) the imported Service stays as it was, its
 * slices go, and the import is pending until a cluster exports it again.
 */
export async function syncImport(input: {
  client: KubeClient;
  document: MultiClusterServiceDocument;
  service: KubeObject | undefined;
  exports: readonly StoredExport[];
  current: StoredImport;
  now: Date;
}): Promise<StoredImport> {
  const { client, document, current } = input;
  const namespace = document.metadata.namespace;
  const offering = input.exports.filter((entry) => entry.endpoints.length > 0);
  const desired = [
    ...(input.service ? [importedService(document, input.service)] : []),
    ...offering.map((e) => importedSlice(document, e)),
  ];
  const kept = (entry: OwnedObject) =>
    desired.some((o) => sameObject(entry, toRef(o))) || (!input.service && entry.kind === 'Service');
  const owned = [...current.owned];
  const endpoints = offering.reduce((sum, e) => sum + Math.min(e.endpoints.length, MAX_SLICE_ENDPOINTS), 0);
  try {
    for (const object of desired) {
      const kind = object.kind as OwnedObject['kind'];
      const name = object.metadata?.name ?? '';
      const known = owned.find((entry) => sameObject(entry, { kind, name }));
      if (!known) {
        const there = await readObject(client, kind, namespace, name);
        if (there && there.metadata?.labels?.[MCS_LABEL] !== document.metadata.name)
          throw new NotOursError(
            mcsReason('import.not-ours', { kind, namespace, name, cluster: current.cluster }),
          );
      }
      const uid = (await applyObject(client, object)).metadata?.uid ?? '';
      if (known) known.uid = uid;
      else owned.push({ kind, name, uid });
    }
    for (const stale of owned.filter((entry) => !kept(entry))) {
      await deleteOwned(client, namespace, stale);
      owned.splice(owned.indexOf(stale), 1);
    }
    const done = { cluster: current.cluster, endpoints, lastSyncedAt: input.now, owned };
    if (input.service) return { ...done, state: 'applied' };
    const { namespace: ns, name } = document.metadata;
    const service = document.spec.service ?? name;
    return { ...done, state: 'pending', ...mcsReason('import.no-exporter', { namespace: ns, service }) };
  } catch (error) {
    const failure =
      error instanceof NotOursError
        ? { state: 'failed' as const, ...error.said }
        : failureOf(error, current.cluster);
    return { ...current, ...failure, owned };
  }
}

const toRef = (object: KubeObject) => ({
  kind: object.kind as OwnedObject['kind'],
  name: object.metadata?.name ?? '',
});

/** Deletes what the import created on one cluster; what could not be deleted is returned. */
export async function removeImport(
  client: KubeClient,
  namespace: string,
  current: StoredImport,
): Promise<OwnedObject[]> {
  const left: OwnedObject[] = [];
  for (const owned of current.owned) {
    try {
      await deleteOwned(client, namespace, owned);
    } catch {
      left.push(owned);
    }
  }
  return left;
}

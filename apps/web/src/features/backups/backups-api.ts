import { request } from '../../api/client.ts';
import { queryOf } from '../alerting/alerting-api.ts';
import type {
  Backup,
  BackupObject,
  BackupPlan,
  BackupPlanSpec,
  Destination,
  DestinationInput,
  Page,
  Restore,
  RestorePlan,
  RestoreResult,
  RestoreSpec,
  VeleroItem,
  VeleroView,
} from './types.ts';

const enc = encodeURIComponent;
const destination = (name: string) => `/api/v1/backups/destinations/${enc(name)}`;
const plan = (name: string) => `/api/v1/backups/plans/${enc(name)}`;
const backup = (id: string) => `/api/v1/backups/${enc(id)}`;
const restore = (id: string) => `/api/v1/restores/${enc(id)}`;
const velero = (cluster: string) => `/api/v1/clusters/${enc(cluster)}/velero`;

export interface ListQuery {
  limit?: number;
  continue?: string;
  [filter: string]: string | number | undefined;
}

/** The console's pages of backups and restores. */
export const backupPath = (id: string) => `/backups/runs/${enc(id)}`;
export const restorePath = (id: string) => `/backups/restores/${enc(id)}`;
export const wizardPath = (backupId: string) => `/backups/restore?backup=${enc(backupId)}`;

/** The backup and restore routes (packages/api/src/backups.ts); all public REST API. */
export const backupsApi = {
  destinations: () => request<{ items: Destination[] }>('GET', '/api/v1/backups/destinations'),
  saveDestination: (name: string, input: DestinationInput) =>
    request<Destination>('PUT', destination(name), input),
  removeDestination: (name: string) => request<void>('DELETE', destination(name)),
  testDestination: (name: string) =>
    request<{ ok: boolean; message: string }>('POST', `${destination(name)}/test`, {}),

  plans: () => request<{ items: BackupPlan[] }>('GET', '/api/v1/backups/plans'),
  savePlan: (name: string, spec: BackupPlanSpec) => request<BackupPlan>('PUT', plan(name), spec),
  removePlan: (name: string) => request<void>('DELETE', plan(name)),
  runPlan: (name: string) => request<Backup>('POST', `${plan(name)}/run`, {}),

  backups: (query: ListQuery) => request<Page<Backup>>('GET', `/api/v1/backups${queryOf(query)}`),
  backup: (id: string) => request<Backup>('GET', backup(id)),
  objects: (id: string, query: ListQuery) =>
    request<Page<BackupObject>>('GET', `${backup(id)}/objects${queryOf(query)}`),
  cancelBackup: (id: string) => request<Backup>('POST', `${backup(id)}/cancel`, {}),
  removeBackup: (id: string) => request<void>('DELETE', backup(id)),

  planRestore: (spec: RestoreSpec) => request<RestorePlan>('POST', '/api/v1/restores/plan', spec),
  startRestore: (spec: RestoreSpec) => request<Restore>('POST', '/api/v1/restores', spec),
  restores: (query: ListQuery) => request<Page<Restore>>('GET', `/api/v1/restores${queryOf(query)}`),
  restore: (id: string) => request<Restore>('GET', restore(id)),
  results: (id: string, query: ListQuery) =>
    request<Page<RestoreResult>>('GET', `${restore(id)}/results${queryOf(query)}`),
  cancelRestore: (id: string) => request<Restore>('POST', `${restore(id)}/cancel`, {}),

  velero: (cluster: string) => request<VeleroView>('GET', velero(cluster)),
  createVeleroBackup: (cluster: string, body: { name: string; includedNamespaces: string[]; ttl?: string }) =>
    request<VeleroItem>('POST', `${velero(cluster)}/backups`, body),
  createVeleroRestore: (cluster: string, body: { name: string; backupName: string }) =>
    request<VeleroItem>('POST', `${velero(cluster)}/restores`, body),
};

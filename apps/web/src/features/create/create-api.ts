import type { SearchAnswer } from '@portolan/api';
import { request } from '../../api/client.ts';
import type { WorkloadSpec } from './workload-spec.ts';

const enc = encodeURIComponent;

/** The routes the create pages use beside the editor's (apply and its dry run). */
export const createApi = {
  /** 201 with the object; with dryRun the cluster checks it and stores nothing. 422 names each field at fault. */
  createWorkload: (cluster: string, spec: WorkloadSpec, dryRun = false) =>
    request<Record<string, unknown>>(
      'POST',
      `/api/v1/clusters/${enc(cluster)}/workloads${dryRun ? '?dryRun=true' : ''}`,
      spec,
    ),
  /** Names of stored objects, for suggestions (namespaces, ConfigMaps, Secrets, claims). */
  names: (cluster: string, kinds: string, namespace?: string) =>
    request<SearchAnswer>(
      'GET',
      `/api/v1/search?kinds=${enc(kinds)}&clusters=${enc(cluster)}${namespace ? `&namespaces=${enc(namespace)}` : ''}&objects=false&limit=500&sort=name`,
    ),
};

import type { StoredReleaseList, StoredReleaseQuery, StoredRevisionList } from '@portolan/api';
import { request } from '../../api/client.ts';

/** Where a release lives. */
export interface ReleaseRef {
  cluster: string;
  namespace: string;
  name: string;
}

/** The console's page of one release. */
export const releasePath = (release: ReleaseRef) =>
  `/clusters/${encodeURIComponent(release.cluster)}/releases/${encodeURIComponent(release.namespace)}/${encodeURIComponent(release.name)}`;

/** The release's address in the API. */
const releaseUrl = ({ cluster, namespace, name }: ReleaseRef) =>
  `/api/v1/clusters/${encodeURIComponent(cluster)}/helm/releases/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;

export const releasesApi = {
  list(query: StoredReleaseQuery): Promise<StoredReleaseList> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query))
      if (value !== undefined && value !== '' && value !== false) params.set(key, String(value));
    return request<StoredReleaseList>('GET', `/api/v1/helm/releases?${params}`);
  },
  revisions: (release: ReleaseRef) => request<StoredRevisionList>('GET', `${releaseUrl(release)}/revisions`),
};

/**
 * What the Helm operation routes answer (GET …/helm/releases/:namespace/:name, …/values,
 * …/manifest), read live from the cluster as the caller: only the fields this page shows.
 */
export interface LiveReleaseStatus {
  notes?: string;
  readiness: { ready: number; total: number };
  resources: Array<{
    apiVersion: string;
    kind: string;
    namespace?: string;
    name: string;
    found: boolean;
    ready: boolean;
    phase: string | null;
  }>;
}
export interface LiveReleaseValues {
  yaml: string;
}
export interface LiveReleaseManifest {
  manifest: string;
}

export const liveReleaseApi = {
  status: (release: ReleaseRef) => request<LiveReleaseStatus>('GET', releaseUrl(release)),
  values: (release: ReleaseRef, revision: number) =>
    request<LiveReleaseValues>('GET', `${releaseUrl(release)}/values?revision=${revision}`),
  manifest: (release: ReleaseRef, revision: number) =>
    request<LiveReleaseManifest>('GET', `${releaseUrl(release)}/manifest?revision=${revision}`),
};

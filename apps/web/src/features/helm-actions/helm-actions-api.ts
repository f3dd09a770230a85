import type {
  HelmJob,
  InstallBody,
  MultiInstallAnswer,
  MultiInstallBody,
  PreviewBody,
  ReleaseHistory,
  ReleasePreview,
  ReleaseStatus,
  ReleaseValues,
  RollbackBody,
  UpgradeBody,
} from '@portolan/api';
import { request } from '../../api/client.ts';
import type { ReleaseRef } from '../releases/releases-api.ts';

export type {
  ChartRefBody,
  HelmJob,
  MultiInstallAnswer,
  ReleaseHistory,
  ReleasePreview,
  ReleaseStatus,
} from '@portolan/api';

const enc = encodeURIComponent;
const releasesUrl = (cluster: string) => `/api/v1/clusters/${enc(cluster)}/helm/releases`;
const releaseUrl = ({ cluster, namespace, name }: ReleaseRef) =>
  `${releasesUrl(cluster)}/${enc(namespace)}/${enc(name)}`;

/** Helm's writes (each answers the recorded job that runs on) and the live reads they start from. */
export const helmActionsApi = {
  install: (cluster: string, body: InstallBody) => request<HelmJob>('POST', releasesUrl(cluster), body),
  installAcross: (body: MultiInstallBody) =>
    request<MultiInstallAnswer>('POST', '/api/v1/helm/installs', body),
  upgrade: (release: ReleaseRef, body: UpgradeBody) =>
    request<HelmJob>('POST', `${releaseUrl(release)}/upgrade`, body),
  rollback: (release: ReleaseRef, body: RollbackBody) =>
    request<HelmJob>('POST', `${releaseUrl(release)}/rollback`, body),
  uninstall: (release: ReleaseRef, keepHistory: boolean) =>
    request<HelmJob>('DELETE', `${releaseUrl(release)}${keepHistory ? '?keepHistory=true' : ''}`),
  /** What an install would apply, or for a release that exists the diff an upgrade would make. */
  preview: (release: ReleaseRef, body: PreviewBody) =>
    request<ReleasePreview>('POST', `${releaseUrl(release)}/preview`, body),
  status: (release: ReleaseRef) => request<ReleaseStatus>('GET', releaseUrl(release)),
  history: (release: ReleaseRef) => request<ReleaseHistory>('GET', `${releaseUrl(release)}/history`),
  /** The user-supplied values the release runs with now: an upgrade starts from them. */
  values: (release: ReleaseRef) => request<ReleaseValues>('GET', `${releaseUrl(release)}/values`),
};

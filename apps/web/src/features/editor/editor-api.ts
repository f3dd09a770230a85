import type { ApplyAnswer, MemberOpenApi, PreviewAnswer } from '@portolan/api';
import { request } from '../../api/client.ts';

const enc = encodeURIComponent;

export interface ApplyChoices {
  /** Take over fields another field manager owns (after a conflict the user chose to override). */
  force?: boolean;
  /** For namespaced documents that name none. */
  namespace?: string;
}

/** The routes the YAML editors use: the cluster's own schemas, the dry run and the apply. */
export const editorApi = {
  openapi: (cluster: string, group: string, version: string) =>
    request<MemberOpenApi>(
      'GET',
      `/api/v1/clusters/${enc(cluster)}/openapi/${enc(group || 'core')}/${enc(version)}`,
    ),
  preview: (cluster: string, manifests: string, choices: ApplyChoices = {}) =>
    request<PreviewAnswer>('POST', `/api/v1/clusters/${enc(cluster)}/apply/preview`, {
      manifests,
      ...choices,
    }),
  apply: (cluster: string, manifests: string, choices: ApplyChoices = {}) =>
    request<ApplyAnswer>('POST', `/api/v1/clusters/${enc(cluster)}/apply`, { manifests, ...choices }),
};

import type {
  PropagationDocument,
  PropagationEventPage,
  PropagationList,
  PropagationListQuery,
  PropagationPreview,
  PropagationView,
} from '@portolan/api';
import { request } from '../../api/client.ts';

const enc = encodeURIComponent;
const one = (name: string) => `/api/v1/propagations/${enc(name)}`;

/** The console's page of one propagation. */
export const propagationPath = (name: string) => `/propagations/${enc(name)}`;

/** Query strings without the empty parts. */
function queryOf(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The multi-cluster application routes (packages/api/src/propagations.ts); all public REST API. */
export const propagationsApi = {
  list: (query: PropagationListQuery) =>
    request<PropagationList>('GET', `/api/v1/propagations${queryOf(query)}`),
  get: (name: string) => request<PropagationView>('GET', one(name)),
  /** Creates or replaces; a stale metadata.generation is refused (409). */
  save: (document: PropagationDocument) =>
    request<PropagationView>('PUT', one(document.metadata.name), document),
  /** What saving would do on each target cluster, with nothing saved or applied. */
  preview: (document: PropagationDocument) =>
    request<PropagationPreview>('POST', '/api/v1/propagations/preview', document),
  remove: (name: string) => request<PropagationView>('DELETE', one(name)),
  events: (name: string, query: { cluster?: string; limit: number; cursor?: string }) =>
    request<PropagationEventPage>('GET', `${one(name)}/events${queryOf(query)}`),
};

export type PropagationPhase = PropagationView['status']['phase'];
export type PreviewTarget = PropagationPreview['targets'][number];
export type PreviewObject = PreviewTarget['objects'][number];

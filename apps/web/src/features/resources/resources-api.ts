import type { CrdList, CrdListQuery, CrdSummary, SearchAnswer, SearchItem } from '@portolan/api';
import { request } from '../../api/client.ts';

const enc = encodeURIComponent;

/** A Kubernetes object as the API returns it; the console reads only what it shows. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    creationTimestamp?: string;
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/** A search row with its object (the console asks with objects included). */
export type Found = SearchItem & { object?: KubeObject };
export type FoundPage = Omit<SearchAnswer, 'items'> & { items: Found[] };

/** GET /api/v1/search with the query as the server takes it (lists comma-separated). */
export interface SearchParams {
  kinds: string;
  clusters?: string;
  namespaces?: string;
  labelSelector?: string;
  nameContains?: string;
  sort?: 'name' | 'created' | 'namespace' | 'cluster';
  order?: 'asc' | 'desc';
  limit?: number;
  continue?: string;
  objects?: boolean;
}

/** GET …/services/{ns}/{name} */
export interface ServiceView {
  service: KubeObject;
  type: string;
  headless: boolean;
  endpoints: {
    addresses: string[];
    ready: boolean;
    serving: boolean;
    terminating: boolean;
    pod?: string;
    node?: string;
    zone?: string;
  }[];
  ports: { name?: string; port?: number; protocol?: string }[];
  slices: string[];
}

export interface IngressBackend {
  service?: string;
  port?: number | string;
  serviceFound?: boolean;
  resource?: { apiGroup?: string; kind?: string; name?: string };
}

/** GET …/ingresses/{ns}/{name} */
export interface IngressView {
  ingress: KubeObject;
  className: string | null;
  rules: { host: string; paths: { path: string; pathType: string; backend?: IngressBackend }[] }[];
  tls: { hosts: string[]; secretName: string | null; secretFound: boolean }[];
  defaultBackend: IngressBackend | null;
  addresses: string[];
}

/** GET …/secrets/{ns}/{name} (masked) and …/reveal (with `decoded`). */
export interface SecretView {
  secret: KubeObject;
  type?: string;
  keys: { key: string; bytes: number }[];
  decoded?: Record<string, string>;
}

/** POST …/secrets/{namespace}: values in plain text, the server encodes them. */
export interface SecretInput {
  name: string;
  type: 'opaque' | 'tls' | 'docker-registry';
  data?: Record<string, string>;
  tls?: { certificate: string; key: string };
  dockerRegistry?: { server: string; username: string; password: string; email?: string };
  labels?: Record<string, string>;
}

/** GET …/persistentvolumeclaims/{ns}/{name} */
export interface ClaimView {
  claim: KubeObject;
  phase: string;
  volume: KubeObject | null;
  storageClass: KubeObject | null;
  pods: string[];
}

export type { CrdSummary };

export interface DeleteAnswer {
  state: 'deleted' | 'deleting';
}

function query(params: object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

const inCluster = (cluster: string) => `/api/v1/clusters/${enc(cluster)}`;

/** The routes the resource tabs and search use; all public, all checked by the server. */
export const resourcesApi = {
  search: (params: SearchParams) => request<FoundPage>('GET', `/api/v1/search${query(params)}`),
  service: (cluster: string, namespace: string, name: string) =>
    request<ServiceView>('GET', `${inCluster(cluster)}/services/${enc(namespace)}/${enc(name)}`),
  ingress: (cluster: string, namespace: string, name: string) =>
    request<IngressView>('GET', `${inCluster(cluster)}/ingresses/${enc(namespace)}/${enc(name)}`),
  secret: (cluster: string, namespace: string, name: string) =>
    request<SecretView>('GET', `${inCluster(cluster)}/secrets/${enc(namespace)}/${enc(name)}`),
  /** The values in clear; the server needs secrets:reveal and records it in the audit log. */
  revealSecret: (cluster: string, namespace: string, name: string) =>
    request<SecretView>('GET', `${inCluster(cluster)}/secrets/${enc(namespace)}/${enc(name)}/reveal`),
  createSecret: (cluster: string, namespace: string, body: SecretInput) =>
    request<SecretView>('POST', `${inCluster(cluster)}/secrets/${enc(namespace)}`, body),
  claim: (cluster: string, namespace: string, name: string) =>
    request<ClaimView>('GET', `${inCluster(cluster)}/persistentvolumeclaims/${enc(namespace)}/${enc(name)}`),
  /** The cluster's CRDs: filtered, sorted and paged by the server. */
  crds: (cluster: string, params: CrdListQuery) =>
    request<CrdList>('GET', `${inCluster(cluster)}/crds${query(params)}`),
  /** One object read live (Secret values masked by the server). */
  object: (cluster: string, kind: string, name: string, namespace?: string) =>
    request<KubeObject>(
      'GET',
      `${inCluster(cluster)}/resources/${enc(kind)}/${enc(name)}${query({ namespace })}`,
    ),
  remove: (cluster: string, kind: string, name: string, namespace?: string) =>
    request<DeleteAnswer>(
      'DELETE',
      `${inCluster(cluster)}/resources/${enc(kind)}/${enc(name)}${query({ namespace })}`,
    ),
};

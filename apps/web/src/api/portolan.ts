import { request } from './client.ts';
import type { ClusterList, KubeconfigContext, Me, SignedIn, Summary } from './types.ts';

const enc = encodeURIComponent;

/** The public REST API routes the console uses, each typed; nothing here is private to the console. */
export const api = {
  signIn: (username: string, password: string) =>
    request<SignedIn>('POST', '/api/v1/auth/login', { username, password }),
  signOut: () => request<void>('POST', '/api/v1/auth/logout'),
  me: () => request<Me>('GET', '/api/v1/auth/me'),
  clusters: () => request<ClusterList>('GET', '/api/v1/clusters'),
  summary: () => request<Summary>('GET', '/api/v1/summary'),
  kubeconfigContexts: (kubeconfig: string) =>
    request<{ items: KubeconfigContext[] }>('POST', '/api/v1/kubeconfig/contexts', { kubeconfig }),
  removeCluster: (name: string) => request<void>('DELETE', `/api/v1/clusters/${enc(name)}`),
  /** A local sandbox cluster, registered under the same name; `demo` also fills it with sample objects. */
  createSandbox: (name: string, demo: boolean) =>
    request<{ sandbox: { name: string }; cluster: { name: string } }>('POST', '/api/v1/sandboxes', {
      name,
      nodes: 3,
      register: true,
      demo,
    }),
};

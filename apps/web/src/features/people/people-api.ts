import type { BindingLevel, Permission, RoleName, SearchAnswer } from '@portolan/api';
import { request } from '../../api/client.ts';

// The identity routes' answers (apps/server/src/http/routes/iam/) are not yet schemas in
// @portolan/api; these types follow their response schemas.

export interface User {
  id: string;
  username: string;
  displayName?: string;
  email?: string | null;
  source: 'local' | 'oidc';
  disabled: boolean;
  externalGroups: string[];
  createdAt: string;
  updatedAt: string;
  lastLoginAt: string | null;
}

export interface Group {
  name: string;
  description?: string;
  /** Member user ids. */
  members: string[];
}

export interface Workspace {
  name: string;
  description?: string;
  createdAt: string;
}

export interface BoundNamespace {
  workspace: string;
  cluster: string;
  namespace: string;
}

export interface Subject {
  kind: 'user' | 'group';
  name: string;
}

export interface BindingScope {
  level: BindingLevel;
  workspace?: string;
  cluster?: string;
  namespace?: string;
}

export interface RoleBinding {
  id: string;
  subject: Subject;
  role: RoleName;
  scope: BindingScope;
  createdAt: string;
}

export interface EffectiveEntry {
  level: BindingLevel;
  cluster?: string;
  namespace?: string;
  workspace?: string;
  role: RoleName;
  permissions: Permission[];
  from: Subject;
  bindingId: string;
}

export interface WhoCan {
  bindings: RoleBinding[];
  users: string[];
}

export interface NewUser {
  username: string;
  password: string;
  displayName?: string;
  email?: string;
}

const enc = encodeURIComponent;

/** Users, groups, workspaces, role bindings and access reviews, as the public REST API offers them. */
export const peopleApi = {
  users: () => request<{ items: User[] }>('GET', '/api/v1/users'),
  createUser: (body: NewUser) => request<User>('POST', '/api/v1/users', body),
  setDisabled: (username: string, disabled: boolean) =>
    request<User>('PATCH', `/api/v1/users/${enc(username)}`, { disabled }),
  setPassword: (username: string, password: string) =>
    request<void>('PUT', `/api/v1/users/${enc(username)}/password`, { password }),
  removeUser: (username: string) => request<void>('DELETE', `/api/v1/users/${enc(username)}`),
  permissions: (username: string) =>
    request<{ groups: string[]; entries: EffectiveEntry[] }>(
      'GET',
      `/api/v1/users/${enc(username)}/permissions`,
    ),

  groups: () => request<{ items: Group[] }>('GET', '/api/v1/groups'),
  createGroup: (name: string, description?: string) =>
    request<Group>('POST', '/api/v1/groups', { name, ...(description && { description }) }),
  removeGroup: (name: string) => request<void>('DELETE', `/api/v1/groups/${enc(name)}`),
  addMember: (group: string, username: string) =>
    request<void>('PUT', `/api/v1/groups/${enc(group)}/members/${enc(username)}`),
  removeMember: (group: string, username: string) =>
    request<void>('DELETE', `/api/v1/groups/${enc(group)}/members/${enc(username)}`),

  workspaces: () => request<{ items: Workspace[] }>('GET', '/api/v1/workspaces'),
  createWorkspace: (name: string, description?: string) =>
    request<Workspace>('POST', '/api/v1/workspaces', { name, ...(description && { description }) }),
  removeWorkspace: (name: string) => request<void>('DELETE', `/api/v1/workspaces/${enc(name)}`),
  workspaceNamespaces: (name: string) =>
    request<{ items: BoundNamespace[] }>('GET', `/api/v1/workspaces/${enc(name)}/namespaces`),
  bindNamespace: (name: string, cluster: string, namespace: string) =>
    request<void>('PUT', `/api/v1/workspaces/${enc(name)}/namespaces/${enc(cluster)}/${enc(namespace)}`),
  unbindNamespace: (name: string, cluster: string, namespace: string) =>
    request<void>('DELETE', `/api/v1/workspaces/${enc(name)}/namespaces/${enc(cluster)}/${enc(namespace)}`),

  bindings: (cluster?: string) =>
    request<{ items: RoleBinding[] }>(
      'GET',
      `/api/v1/rolebindings${cluster ? `?cluster=${enc(cluster)}` : ''}`,
    ),
  createBinding: (body: Omit<RoleBinding, 'id' | 'createdAt'>) =>
    request<RoleBinding>('POST', '/api/v1/rolebindings', body),
  removeBinding: (id: string) => request<void>('DELETE', `/api/v1/rolebindings/${enc(id)}`),
  whoCan: (query: { action: Permission; cluster?: string; namespace?: string; workspace?: string }) => {
    const params = new URLSearchParams(
      Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])),
    );
    return request<WhoCan>('GET', `/api/v1/who-can?${params}`);
  },

  /**
   * The namespaces of a cluster as Portolan last synced them (search over the store), for pickers,
   * with the cluster's freshness: an offline or syncing cluster's list may be out of date.
   */
  namespaces: async (cluster: string) => {
    const answer = await request<SearchAnswer>(
      'GET',
      `/api/v1/search?kinds=namespaces&clusters=${enc(cluster)}&objects=false&sort=name&limit=1000`,
    );
    return {
      names: answer.items.map((item) => item.name),
      freshness: answer.clusters.find((c) => c.name === cluster)?.status ?? 'fresh',
    };
  },
};

import type {
  BindingLevel,
  GroupList,
  GroupListQuery,
  PeopleGroup,
  PeopleRoleBinding,
  PeopleUser,
  PeopleWorkspace,
  Permission,
  RoleBindingList,
  RoleBindingListQuery,
  RoleName,
  SearchAnswer,
  UserList,
  UserListQuery,
  WorkspaceList,
  WorkspaceListQuery,
} from '@portolan/api';
import { request } from '../../api/client.ts';
import { queryString } from './list-address.ts';

// Lists' answers are schemas in @portolan/api; the other identity routes' types follow their schemas
// in apps/server/src/http/routes/iam/.

export type User = PeopleUser;
export type Group = PeopleGroup;
export type Workspace = PeopleWorkspace;
export type RoleBinding = PeopleRoleBinding;

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
  users: (query: UserListQuery = {}) => request<UserList>('GET', `/api/v1/users?${queryString(query)}`),
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

  groups: (query: GroupListQuery = {}) => request<GroupList>('GET', `/api/v1/groups?${queryString(query)}`),
  createGroup: (name: string, description?: string) =>
    request<Group>('POST', '/api/v1/groups', { name, ...(description && { description }) }),
  removeGroup: (name: string) => request<void>('DELETE', `/api/v1/groups/${enc(name)}`),
  addMember: (group: string, username: string) =>
    request<void>('PUT', `/api/v1/groups/${enc(group)}/members/${enc(username)}`),
  removeMember: (group: string, username: string) =>
    request<void>('DELETE', `/api/v1/groups/${enc(group)}/members/${enc(username)}`),

  workspaces: (query: WorkspaceListQuery = {}) =>
    request<WorkspaceList>('GET', `/api/v1/workspaces?${queryString(query)}`),
  createWorkspace: (name: string, description?: string) =>
    request<Workspace>('POST', '/api/v1/workspaces', { name, ...(description && { description }) }),
  removeWorkspace: (name: string) => request<void>('DELETE', `/api/v1/workspaces/${enc(name)}`),
  workspaceNamespaces: (name: string) =>
    request<{ items: BoundNamespace[] }>('GET', `/api/v1/workspaces/${enc(name)}/namespaces`),
  bindNamespace: (name: string, cluster: string, namespace: string) =>
    request<void>('PUT', `/api/v1/workspaces/${enc(name)}/namespaces/${enc(cluster)}/${enc(namespace)}`),
  unbindNamespace: (name: string, cluster: string, namespace: string) =>
    request<void>('DELETE', `/api/v1/workspaces/${enc(name)}/namespaces/${enc(cluster)}/${enc(namespace)}`),

  bindings: (query: RoleBindingListQuery = {}) =>
    request<RoleBindingList>('GET', `/api/v1/rolebindings?${queryString(query)}`),
  createBinding: (body: { subject: Subject; role: RoleName; scope: BindingScope }) =>
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

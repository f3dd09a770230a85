import type { FromSchema } from 'json-schema-to-ts';

/**
 * People's lists (users, groups, workspaces, role bindings): filtered, sorted and paged by the server.
 * A page is `limit` rows from `offset` (page numbers jump), or the next one after an answer's
 * `continue`; every answer says how many rows match over all pages (`total`).
 */

const date = { type: 'string', format: 'date-time' } as const;
const nullableDate = { type: ['string', 'null'], format: 'date-time' } as const;
const text = (maxLength: number, description: string) =>
  ({
    type: 'string',
    minLength: 1,
    maxLength,
    pattern: '^[^\\u0000-\\u001f\\u007f]*$',
    description,
  }) as const;

/** Most rows one page answers; without `limit` a page has `PEOPLE_PAGE_DEFAULT`. */
export const PEOPLE_PAGE_MAX = 1000;
export const PEOPLE_PAGE_DEFAULT = 100;

const paging = {
  order: { type: 'string', enum: ['asc', 'desc'] },
  limit: {
    type: 'integer',
    minimum: 1,
    maximum: PEOPLE_PAGE_MAX,
    description: `rows in this page (default ${PEOPLE_PAGE_DEFAULT})`,
  },
  offset: { type: 'integer', minimum: 0, description: 'rows to skip, to jump to a page; not with continue' },
  continue: {
    type: 'string',
    maxLength: 200,
    description: "the previous answer's continue, for the next page",
  },
  q: text(200, 'contains, any case'),
} as const;

const pageOf = <T extends object>(item: T) =>
  ({
    type: 'object',
    required: ['items', 'total', 'continue'],
    additionalProperties: false,
    properties: {
      items: { type: 'array', items: item },
      total: { type: 'integer', description: 'rows matching the filters, over every page' },
      continue: {
        type: ['string', 'null'],
        description: 'ask again with this for the next page; null on the last',
      },
    },
  }) as const;

export const USER_SORTS = [
  'username',
  'displayName',
  'email',
  'source',
  'state',
  'lastLogin',
  'created',
] as const;
export type UserSort = (typeof USER_SORTS)[number];

export const peopleUser = {
  type: 'object',
  required: [
    'id',
    'username',
    'displayName',
    'email',
    'source',
    'disabled',
    'externalGroups',
    'createdAt',
    'updatedAt',
    'lastLoginAt',
  ],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    email: { type: ['string', 'null'] },
    source: { type: 'string', enum: ['local', 'oidc'] },
    disabled: { type: 'boolean' },
    externalGroups: { type: 'array', items: { type: 'string' } },
    createdAt: date,
    updatedAt: date,
    lastLoginAt: nullableDate,
  },
} as const;

/** GET /api/v1/users. */
export const userListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...paging,
    q: text(200, 'username, display name or email contains, any case'),
    disabled: { type: 'boolean', description: 'true: only disabled users; false: only active ones' },
    source: { type: 'string', enum: ['local', 'oidc'] },
    sort: { type: 'string', enum: USER_SORTS, description: 'state: active first; default username' },
  },
} as const;
export const userList = pageOf(peopleUser);

export const GROUP_SORTS = ['name', 'members', 'created'] as const;
export type GroupSort = (typeof GROUP_SORTS)[number];

export const peopleGroup = {
  type: 'object',
  required: ['name', 'description', 'createdAt', 'members', 'memberNames'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    description: { type: 'string' },
    createdAt: date,
    members: { type: 'array', items: { type: 'string' }, description: "the members' user ids" },
    memberNames: { type: 'array', items: { type: 'string' }, description: "the members' usernames, sorted" },
  },
} as const;

/** GET /api/v1/groups. */
export const groupListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...paging,
    q: text(200, 'name or description contains, any case'),
    member: text(200, 'only groups this username belongs to'),
    sort: { type: 'string', enum: GROUP_SORTS, description: 'members: by how many; default name' },
  },
} as const;
export const groupList = pageOf(peopleGroup);

export const WORKSPACE_SORTS = ['name', 'created'] as const;
export type WorkspaceSort = (typeof WORKSPACE_SORTS)[number];

export const peopleWorkspace = {
  type: 'object',
  required: ['name', 'description', 'createdAt'],
  additionalProperties: false,
  properties: { name: { type: 'string' }, description: { type: 'string' }, createdAt: date },
} as const;

/** GET /api/v1/workspaces: only the workspaces the caller may see. */
export const workspaceListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...paging,
    q: text(200, 'name or description contains, any case'),
    sort: { type: 'string', enum: WORKSPACE_SORTS, description: 'default name' },
  },
} as const;
export const workspaceList = pageOf(peopleWorkspace);

export const BINDING_SORTS = ['subject', 'role', 'scope', 'created'] as const;
export type BindingSort = (typeof BINDING_SORTS)[number];

export const peopleRoleBinding = {
  type: 'object',
  required: ['id', 'subject', 'role', 'scope', 'createdAt'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    subject: {
      type: 'object',
      required: ['kind', 'name'],
      additionalProperties: false,
      properties: { kind: { type: 'string', enum: ['user', 'group'] }, name: { type: 'string' } },
    },
    role: { type: 'string', enum: ['Admin', 'Editor', 'Viewer'] },
    scope: {
      type: 'object',
      required: ['level'],
      additionalProperties: false,
      properties: {
        level: { type: 'string', enum: ['platform', 'workspace', 'cluster', 'namespace'] },
        workspace: { type: 'string' },
        cluster: { type: 'string' },
        namespace: { type: 'string' },
      },
    },
    createdAt: date,
  },
} as const;

/** GET /api/v1/rolebindings: only bindings in scopes where the caller may read bindings. */
export const roleBindingListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...paging,
    q: text(200, "the subject's name contains, any case"),
    subjectKind: { type: 'string', enum: ['user', 'group'] },
    role: { type: 'string', enum: ['Admin', 'Editor', 'Viewer'] },
    level: { type: 'string', enum: ['platform', 'workspace', 'cluster', 'namespace'] },
    workspace: text(63, 'bindings on this workspace'),
    cluster: text(63, 'bindings on this cluster or on its namespaces'),
    namespace: text(63, 'bindings on namespaces of this name (with cluster: that one namespace)'),
    sort: {
      type: 'string',
      enum: BINDING_SORTS,
      description: 'scope: platform, workspace, cluster, namespace, then by name; default created',
    },
  },
} as const;
export const roleBindingList = pageOf(peopleRoleBinding);

export type PeopleUser = FromSchema<typeof peopleUser>;
export type UserListQuery = FromSchema<typeof userListQuery>;
export type UserList = FromSchema<typeof userList>;
export type PeopleGroup = FromSchema<typeof peopleGroup>;
export type GroupListQuery = FromSchema<typeof groupListQuery>;
export type GroupList = FromSchema<typeof groupList>;
export type PeopleWorkspace = FromSchema<typeof peopleWorkspace>;
export type WorkspaceListQuery = FromSchema<typeof workspaceListQuery>;
export type WorkspaceList = FromSchema<typeof workspaceList>;
export type PeopleRoleBinding = FromSchema<typeof peopleRoleBinding>;
export type RoleBindingListQuery = FromSchema<typeof roleBindingListQuery>;
export type RoleBindingList = FromSchema<typeof roleBindingList>;

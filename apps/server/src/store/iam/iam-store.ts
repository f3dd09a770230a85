/** The identity store's contract: users, groups, workspaces, bindings and credentials. SQL lives behind it. */
export interface IamStore {
  users: {
    create(input: NewUser): Promise<User>;
    get(id: string): Promise<UserRecord | undefined>;
    getByUsername(username: string): Promise<UserRecord | undefined>;
    /** An OpenID user by `issuer|sub`. */
    getBySubject(subject: string): Promise<UserRecord | undefined>;
    list(): Promise<User[]>;
    /** One page of the users matching the filters, with how many match in all. */
    page(query: UserPageQuery): Promise<Page<User>>;
    count(): Promise<number>;
    update(id: string, patch: UserPatch): Promise<User>;
    /** Removes the user with its memberships, bindings, sessions and tokens. */
    delete(id: string): Promise<void>;
  };
  groups: {
    create(input: { name: string; description?: string }): Promise<Group>;
    list(): Promise<Group[]>;
    page(query: GroupPageQuery): Promise<Page<Group>>;
    delete(name: string): Promise<void>;
    addMember(group: string, userId: string): Promise<void>;
    removeMember(group: string, userId: string): Promise<void>;
    /** Names of the local groups the user belongs to. */
    groupsOf(userId: string): Promise<string[]>;
  };
  workspaces: {
    create(input: { name: string; description?: string }): Promise<Workspace>;
    list(): Promise<Workspace[]>;
    page(query: WorkspacePageQuery): Promise<Page<Workspace>>;
    /** Removes the workspace with its namespace bindings and role bindings. */
    delete(name: string): Promise<void>;
    /** Conflict when the namespace is bound to another workspace. */
    bindNamespace(workspace: string, cluster: string, namespace: string): Promise<void>;
    unbindNamespace(cluster: string, namespace: string): Promise<void>;
    namespaces(filter?: { workspace?: string; cluster?: string }): Promise<WorkspaceNamespace[]>;
  };
  bindings: {
    create(input: NewRoleBinding): Promise<RoleBinding>;
    list(filter?: { subject?: Subject; cluster?: string }): Promise<RoleBinding[]>;
    page(query: BindingPageQuery): Promise<Page<RoleBinding>>;
    delete(id: string): Promise<RoleBinding | undefined>;
  };
  sessions: {
    create(session: SessionRecord): Promise<void>;
    get(idHash: string): Promise<SessionRecord | undefined>;
    touch(idHash: string, at: number): Promise<void>;
    delete(idHash: string): Promise<void>;
    deleteForUser(userId: string, keepIdHash?: string): Promise<number>;
    /** Deletes sessions past their absolute expiry or unused since idleBefore. */
    deleteExpired(now: number, idleBefore: number): Promise<number>;
  };
  tokens: {
    create(token: ApiTokenRecord): Promise<void>;
    getByHash(tokenHash: string): Promise<ApiTokenRecord | undefined>;
    listForUser(userId: string): Promise<ApiTokenRecord[]>;
    revoke(id: string, userId: string, at: number): Promise<boolean>;
    touch(id: string, at: number): Promise<void>;
    /**
     * Deletes tokens that lived less than `lifetimeBelow` ms (those minted for one operation) and
     * ended (expired or revoked) before `endedBefore`; answers how many went.
     */
    deleteEnded(lifetimeBelow: number, endedBefore: number): Promise<number>;
  };
  throttles: {
    /** Counts one attempt atomically; failures restart from 1 when the last one is older than resetBefore. */
    hit(
      key: string,
      at: number,
      resetBefore: number,
    ): Promise<{ failures: number; previousAt: number | null }>;
    /** Takes one attempt back (a success that should not count against the key). */
    release(key: string): Promise<void>;
    clear(key: string): Promise<void>;
  };
  oidcLogins: {
    put(login: OidcLoginRecord): Promise<void>;
    /** Returns and deletes in one step, so a state is used at most once. */
    take(stateHash: string, now: number): Promise<OidcLoginRecord | undefined>;
  };
  /** Removes the bindings and workspace namespaces of a cluster that is no longer registered. */
  forgetCluster(cluster: string): Promise<void>;
}

export type RoleName = 'Admin' | 'Editor' | 'Viewer';
export const ROLE_NAMES: readonly RoleName[] = ['Admin', 'Editor', 'Viewer'];

export type BindingScope =
  | { level: 'platform' }
  | { level: 'workspace'; workspace: string }
  | { level: 'cluster'; cluster: string }
  | { level: 'namespace'; cluster: string; namespace: string };

export interface Subject {
  kind: 'user' | 'group';
  /** A username, or a group name (local, or an OpenID group with its prefix). */
  name: string;
}

export interface NewRoleBinding {
  subject: Subject;
  role: RoleName;
  scope: BindingScope;
}

export interface RoleBinding extends NewRoleBinding {
  id: string;
  createdAt: Date;
}

export interface NewUser {
  username: string;
  displayName?: string;
  email?: string | null;
  source: 'local' | 'oidc';
  passwordHash?: string | null;
  oidcSubject?: string | null;
  externalGroups?: string[];
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  source: 'local' | 'oidc';
  disabled: boolean;
  /** Groups the OpenID provider reported at the last login. */
  externalGroups: string[];
  createdAt: Date;
  updatedAt: Date;
  lastLoginAt: Date | null;
}

export interface UserRecord extends User {
  passwordHash: string | null;
  oidcSubject: string | null;
}

export type UserPatch = Partial<
  Pick<UserRecord, 'displayName' | 'email' | 'disabled' | 'passwordHash' | 'externalGroups' | 'lastLoginAt'>
>;

export interface Group {
  name: string;
  description: string;
  createdAt: Date;
  /** Ids of the members. */
  members: string[];
  /** Usernames of the members, sorted (filled by page; list leaves it empty). */
  memberNames: string[];
}

export interface Workspace {
  name: string;
  description: string;
  createdAt: Date;
}

export interface WorkspaceNamespace {
  workspace: string;
  cluster: string;
  namespace: string;
}

/** Times are epoch milliseconds. The id itself is never stored, only its SHA-256. */
export interface SessionRecord {
  idHash: string;
  userId: string;
  method: 'password' | 'oidc';
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  sourceIp: string;
  userAgent: string;
}

export interface ApiTokenRecord {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  /** The first characters of the token, to recognise it in a list. */
  prefix: string;
  scopes: 'all' | string[];
  createdAt: number;
  expiresAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface OidcLoginRecord {
  stateHash: string;
  codeVerifier: string;
  nonce: string;
  returnTo: string;
  expiresAt: number;
}

/** A page of rows: `limit` of them after skipping `offset`, in `sort` order (ties by the table's key). */
export interface PageQuery<Sort extends string> {
  sort?: Sort;
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
  /** Contains, any case, in the columns each table names. */
  q?: string;
}

export interface Page<T> {
  items: T[];
  /** Rows matching the filters over every page. */
  total: number;
}

export interface UserPageQuery
  extends PageQuery<'username' | 'displayName' | 'email' | 'source' | 'state' | 'lastLogin' | 'created'> {
  disabled?: boolean;
  source?: 'local' | 'oidc';
}

export interface GroupPageQuery extends PageQuery<'name' | 'members' | 'created'> {
  /** Only groups this username belongs to. */
  member?: string;
}

export interface WorkspacePageQuery extends PageQuery<'name' | 'created'> {
  /** Only these workspaces; absent: all. */
  names?: string[];
}

/** Where bindings may be listed: whole workspaces and clusters, and single namespaces. */
export interface BindingReach {
  workspaces: string[];
  clusters: string[];
  namespaces: Array<{ cluster: string; namespace: string }>;
}

export interface BindingPageQuery extends PageQuery<'subject' | 'role' | 'scope' | 'created'> {
  subjectKind?: Subject['kind'];
  role?: RoleName;
  level?: BindingScope['level'];
  workspace?: string;
  cluster?: string;
  namespace?: string;
  /** Only bindings whose scope lies within; absent: all. */
  within?: BindingReach;
}

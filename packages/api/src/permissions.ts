/**
 * The permissions routes declare, the roles that grant them and the levels a binding may sit at.
 * The server enforces these; clients read them to show only the actions a caller may take.
 */
export const PERMISSIONS = [
  'public',
  'metrics:read',
  'sandboxes:read',
  'sandboxes:write',
  'clusters:read',
  'clusters:write',
  'resources:read',
  'resources:write',
  /** Secret values in clear; every other route that returns a Secret masks them. */
  'secrets:reveal',
  /** A shell in a container: more than a write, so granted on its own. */
  'pods:exec',
  /** kubectl and helm through the Kubernetes API proxy, and the kubeconfig that points at it. */
  'clusters:proxy',
  /** Any signed-in caller, acting on its own account: who am I, sign out, password, own API tokens. */
  'self',
  /** Users and groups (platform). */
  'users:read',
  'users:write',
  /** Workspaces and which namespaces belong to them. */
  'workspaces:read',
  'workspaces:write',
  /** Role bindings, effective permissions and who-can, within the scope the caller administers. */
  'bindings:read',
  'bindings:write',
  /** The audit trail (platform). */
  'audit:read',
  /** Which replica owns which cluster sync and singleton job (platform). */
  'replicas:read',
  /** The chart catalogue: repositories (without credentials), charts, versions, README, values. */
  'charts:read',
  /** Chart repositories: add, change, remove, refresh (platform). */
  'charts:write',
  /** Charts and top consumers of a scope's named metrics (cluster and node levels need cluster reach). */
  'monitoring:read',
  /** Raw PromQL against the metrics engine and its settings (platform). */
  'monitoring:admin',
  /** Alert rules, active and past alerts, silences, within the scope. */
  'alerts:read',
  /** Alert rules and silences within the scope. */
  'alerts:write',
  /** Notification receivers, policies and the delivery log (platform: receivers hold credentials). */
  'notifications:read',
  'notifications:write',
  /** Inspection configurations, runs and reports of a cluster. */
  'inspections:read',
  'inspections:write',
  /** Clusters Portolan created: versions, operations (create, upgrade, node pools), etcd snapshots. */
  'lifecycle:read',
  /** Create, upgrade, scale, delete Portolan-created clusters; take and restore etcd snapshots. */
  'lifecycle:write',
  /** Backup plans, backups and restores within the scope (a namespace's reach covers its namespaces). */
  'backups:read',
  'backups:write',
  /** Backup destinations (they hold storage credentials) (platform). */
  'backups:admin',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export type RoleName = 'Admin' | 'Editor' | 'Viewer';
export type BindingLevel = 'platform' | 'workspace' | 'cluster' | 'namespace';

const VIEWER: Permission[] = [
  'clusters:read',
  'resources:read',
  'clusters:proxy',
  'workspaces:read',
  'sandboxes:read',
  'charts:read',
  'monitoring:read',
  'alerts:read',
  'inspections:read',
  'lifecycle:read',
  'backups:read',
];
const EDITOR: Permission[] = [
  ...VIEWER,
  'resources:write',
  'secrets:reveal',
  'pods:exec',
  'sandboxes:write',
  'alerts:write',
  'backups:write',
];
const ADMIN: Permission[] = [
  ...EDITOR,
  'clusters:write',
  'bindings:read',
  'bindings:write',
  'users:read',
  'users:write',
  'workspaces:write',
  'audit:read',
  'metrics:read',
  'replicas:read',
  'charts:write',
  'monitoring:admin',
  'notifications:read',
  'notifications:write',
  'inspections:write',
  'lifecycle:write',
  'backups:admin',
];

/** What each role may do in its scope. Viewer never sees Secret values (secrets:reveal is Editor's). */
export const ROLE_PERMISSIONS: Readonly<Record<RoleName, readonly Permission[]>> = {
  Viewer: VIEWER,
  Editor: EDITOR,
  Admin: ADMIN,
};

/**
 * Permissions that a binding below some level does not carry, whatever its role: a namespace Admin
 * does not remove the cluster, a cluster Admin does not manage users or read the whole audit trail.
 */
const LEVELS: Partial<Record<Permission, readonly BindingLevel[]>> = {
  'sandboxes:read': ['platform'],
  'sandboxes:write': ['platform'],
  'users:read': ['platform'],
  'users:write': ['platform'],
  'workspaces:write': ['platform'],
  'audit:read': ['platform'],
  'metrics:read': ['platform'],
  'replicas:read': ['platform'],
  'charts:write': ['platform'],
  'monitoring:admin': ['platform'],
  'notifications:read': ['platform'],
  'notifications:write': ['platform'],
  'inspections:write': ['platform', 'cluster'],
  'lifecycle:read': ['platform', 'cluster'],
  'lifecycle:write': ['platform', 'cluster'],
  'backups:admin': ['platform'],
  'workspaces:read': ['platform', 'workspace'],
  'clusters:write': ['platform', 'cluster'],
};

/** Whether a binding of this role at this level grants the permission (within its scope). */
export function roleGrants(role: RoleName, level: BindingLevel, permission: Permission): boolean {
  if (!ROLE_PERMISSIONS[role].includes(permission)) return false;
  return LEVELS[permission]?.includes(level) ?? true;
}

/** Where an action happens. Cluster and workspace are names. */
export type Scope = 'platform' | { cluster: string; namespace?: string } | { workspace: string };

/** A binding's reach as the server reports it (GET /api/v1/auth/me lists the caller's). */
export interface GrantReach {
  role: RoleName;
  level: BindingLevel;
  cluster?: string;
  namespace?: string;
  workspace?: string;
}

/** Whether the grant's reach includes the scope (ignoring what its role may do). */
export function grantCovers(grant: GrantReach, scope: Scope): boolean {
  if (grant.level === 'platform') return true;
  if (scope === 'platform') return false;
  if ('workspace' in scope) return grant.workspace === scope.workspace && grant.cluster === undefined;
  if (grant.cluster !== scope.cluster) return false;
  if (grant.namespace === undefined) return grant.level === 'cluster';
  return grant.namespace === scope.namespace;
}

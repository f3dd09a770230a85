import { grantCovers, type Scope } from '@portolan/api';
import type { Permission } from '#server/iam/permissions.ts';
import type { Caller, Grant } from './caller.ts';
import { roleGrants, roleListsSecrets } from './roles.ts';

// Scopes and reach are part of the public contract, so the console decides what to show the same way.
export { grantCovers, type Scope } from '@portolan/api';

/** A scoped API token may do only what its scopes list, and never more than its user. */
function credentialAllows(caller: Caller, action: Permission): boolean {
  const credential = caller.credential;
  return credential.kind === 'session' || credential.scopes === 'all' || credential.scopes.includes(action);
}

const grants = (grant: Grant, action: Permission) => roleGrants(grant.role, grant.level, action);

/** May the caller do `action` in `scope`? `public` is open to all, `self` to any signed-in caller. */
export function authorize(caller: Caller | undefined, action: Permission, scope: Scope): boolean {
  if (action === 'public') return true;
  if (!caller || !credentialAllows(caller, action)) return false;
  if (action === 'self') return true;
  return caller.grants.some((grant) => grants(grant, action) && grantCovers(grant, scope));
}

/** May the caller do `action` anywhere at all? For routes that filter by visibleScopes afterwards. */
export function allowedSomewhere(caller: Caller | undefined, action: Permission): boolean {
  if (action === 'public') return true;
  if (!caller || !credentialAllows(caller, action)) return false;
  return action === 'self' || caller.grants.some((grant) => grants(grant, action));
}

/** May the caller do `action` in the cluster or in at least one of its namespaces? */
export function allowedInCluster(caller: Caller | undefined, action: Permission, cluster: string): boolean {
  if (action === 'public') return true;
  if (!caller || !credentialAllows(caller, action)) return false;
  return (
    action === 'self' ||
    caller.grants.some(
      (grant) => grants(grant, action) && (grant.level === 'platform' || grant.cluster === cluster),
    )
  );
}

/** Whole clusters, and namespaces of other clusters. Empty lists mean nothing. */
export interface ScopeList {
  clusters: string[];
  namespaces: Array<{ cluster: string; namespace: string }>;
}

/**
 * Where a caller may read: everywhere, or the listed scopes. `secrets`, when present, is where they
 * may also see Secrets (names, types, keys), which is less: a role whose Kubernetes role is `view`
 * cannot list Secrets on the member cluster, so the store shows it none either. Absent: Secrets are
 * seen wherever the rest is.
 */
export type VisibleScopes = ({ all: true } | ({ all: false } & ScopeList)) & { secrets?: ScopeList };

function scopesOf(grants: Grant[]): { all: true } | ({ all: false } & ScopeList) {
  if (grants.some((grant) => grant.level === 'platform')) return { all: true };
  const clusters = new Set(grants.filter((g) => g.level === 'cluster').map((g) => g.cluster ?? ''));
  const namespaces = new Map<string, { cluster: string; namespace: string }>();
  for (const grant of grants) {
    if (grant.cluster === undefined || grant.namespace === undefined || clusters.has(grant.cluster)) continue;
    namespaces.set(`${grant.cluster}/${grant.namespace}`, {
      cluster: grant.cluster,
      namespace: grant.namespace,
    });
  }
  return {
    all: false,
    clusters: [...clusters].sort(),
    namespaces: [...namespaces.values()].sort((a, b) =>
      a.cluster === b.cluster ? a.namespace.localeCompare(b.namespace) : a.cluster.localeCompare(b.cluster),
    ),
  };
}

const sameScopes = (a: ReturnType<typeof scopesOf>, b: ReturnType<typeof scopesOf>) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * Where the caller may do `action` (by default: read resources), to filter store reads: whole
 * clusters, and namespaces of other clusters. Empty lists mean nothing is visible. For reads, also
 * where Secrets are seen (`secrets`), from the grants whose role lists Secrets on the member cluster.
 */
export function visibleScopes(
  caller: Caller | undefined,
  action: Permission = 'resources:read',
): VisibleScopes {
  if (!caller || !credentialAllows(caller, action)) return { all: false, clusters: [], namespaces: [] };
  const usable = caller.grants.filter((grant) => grants(grant, action));
  const visible = scopesOf(usable);
  if (action !== 'resources:read') return visible;
  const secrets = scopesOf(usable.filter((grant) => roleListsSecrets(grant.role, grant.level)));
  if (sameScopes(secrets, visible) || secrets.all) return visible;
  return { ...visible, secrets: { clusters: secrets.clusters, namespaces: secrets.namespaces } };
}

/** Whether a VisibleScopes includes a cluster (whole, or some of its namespaces). */
export function seesCluster(visible: VisibleScopes, cluster: string): boolean {
  return (
    visible.all || visible.clusters.includes(cluster) || visible.namespaces.some((n) => n.cluster === cluster)
  );
}

import type { BindingReach } from '#server/store/iam/iam-store.ts';
import { authorize, visibleScopes } from './authorize.ts';
import type { Caller } from './caller.ts';
import type { Permission } from './permissions.ts';

/**
 * Where the caller may do `action` (bindings:read, workspaces:read), as a filter the store's list
 * queries apply, so a page and its total hold only what the caller may see: undefined for everywhere.
 * It is the per-row `authorize` rule turned into a set of scopes: whole workspaces and clusters,
 * and single namespaces.
 */
export function listReach(caller: Caller | undefined, action: Permission): BindingReach | undefined {
  const visible = visibleScopes(caller, action);
  if (visible.all) return undefined;
  const named = new Set(
    (caller?.grants ?? []).flatMap((grant) => (grant.workspace ? [grant.workspace] : [])),
  );
  return {
    workspaces: [...named].filter((workspace) => authorize(caller, action, { workspace })).sort(),
    clusters: visible.clusters,
    namespaces: visible.namespaces,
  };
}

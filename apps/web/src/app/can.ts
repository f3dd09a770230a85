import { grantCovers, type Permission, roleGrants, type Scope } from '@portolan/api';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/portolan.ts';
import type { Me } from '../api/types.ts';
import { ME_QUERY } from './RequireSession.tsx';

/**
 * Where an action is asked about: a scope as the server checks it, or `somewhere` (may the caller
 * do it anywhere at all, for menu entries), or `inCluster` (the cluster or any of its namespaces).
 */
export type Where = Scope | { somewhere: true } | { inCluster: string };

/** The same decision the server makes, from the caller's own grants; the server still decides. */
export function can(me: Me | undefined, action: Permission, where: Where): boolean {
  if (!me) return false;
  if (action === 'public' || action === 'self') return true;
  return me.permissions.some((grant) => {
    if (!roleGrants(grant.role, grant.level, action)) return false;
    if (typeof where === 'object' && 'somewhere' in where) return true;
    if (typeof where === 'object' && 'inCluster' in where)
      return grant.level === 'platform' || grant.cluster === where.inCluster;
    return grantCovers(grant, where);
  });
}

/**
 * `useCan()('resources:write', { cluster, namespace })`: pages show only the actions the caller may
 * take. A hidden button is a courtesy, not a guard: the server refuses a forced request anyway.
 */
export function useCan(): (action: Permission, where: Where) => boolean {
  const me = useQuery({ queryKey: ME_QUERY, queryFn: api.me, staleTime: 60_000 });
  return (action, where) => can(me.data, action, where);
}

import type { Permission } from '#server/iam/permissions.ts';
import type { RoleName, Subject } from '#server/store/iam/iam-store.ts';
import type { BindingLevel } from './roles.ts';

/** One role binding as it applies to a caller; a workspace binding also yields one per bound namespace. */
export interface Grant {
  role: RoleName;
  level: BindingLevel;
  cluster?: string;
  namespace?: string;
  workspace?: string;
  /** The binding's subject: the user itself, or one of its groups. */
  subject: Subject;
  bindingId: string;
}

export type Credential =
  | { kind: 'session'; sessionIdHash: string }
  | { kind: 'token'; tokenId: string; scopes: 'all' | Permission[] };

/** Who is calling, with everything authorization needs, resolved once per request. */
export interface Caller {
  userId: string;
  username: string;
  /** Local groups and the OpenID provider's (prefixed). */
  groups: string[];
  grants: Grant[];
  credential: Credential;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook; undefined for anonymous requests. */
    caller?: Caller;
  }
}

/** The identity sent to member clusters as Impersonate-User/-Group, and named in their RBAC bindings. */
export const kubeUserName = (username: string) => `portolan:${username}`;
export const kubeGroupName = (group: string) => `portolan:${group}`;

export function impersonationOf(caller: Pick<Caller, 'username' | 'groups'>): {
  user: string;
  groups: string[];
} {
  return { user: kubeUserName(caller.username), groups: caller.groups.map(kubeGroupName) };
}

/**
 * Platform administrators act on member clusters with Portolan's own credentials; everyone else as
 * themselves (clusters/cluster-access.ts applies it).
 */
export const isPlatformAdmin = (caller: Pick<Caller, 'grants'>) =>
  caller.grants.some((grant) => grant.level === 'platform' && grant.role === 'Admin');

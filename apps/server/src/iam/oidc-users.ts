import type { OidcClaimSettings } from '#server/config/oidc-settings.ts';
import type { IamStore, User } from '#server/store/iam/iam-store.ts';
import { IamError } from './iam-errors.ts';
import { checkUsername } from './names.ts';

export const DEFAULT_CLAIM_SETTINGS: OidcClaimSettings = {
  usernameClaim: 'preferred_username',
  groupsClaim: 'groups',
  groupsPrefix: 'oidc:',
};

type Claims = Record<string, unknown>;

export function groupsFromClaims(claims: Claims, settings: OidcClaimSettings): string[] | undefined {
  const value = claims[settings.groupsClaim];
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  return [...new Set(list.filter((g): g is string => typeof g === 'string' && g !== ''))]
    .map((g) => `${settings.groupsPrefix}${g}`)
    .sort();
}

function usernameFromClaims(claims: Claims, settings: OidcClaimSettings): string {
  const candidate = [claims[settings.usernameClaim], claims.email, claims.sub].find(
    (v): v is string => typeof v === 'string' && v !== '',
  );
  return (candidate ?? '').toLowerCase();
}

/**
 * The Portolan user for an OpenID subject: found by issuer and sub, created on first login, its name,
 * email and groups refreshed each time. A local user of the same name is never taken over.
 */
export async function upsertOidcUser(
  store: IamStore,
  input: { issuer: string; claims: Claims; groups: string[]; settings: OidcClaimSettings; at: Date },
): Promise<User> {
  const sub = String(input.claims.sub ?? '');
  if (!sub) throw new IamError('unauthenticated', 'the OpenID provider sent no subject (sub) claim');
  const subject = `${input.issuer}|${sub}`;
  const displayName = typeof input.claims.name === 'string' ? input.claims.name : undefined;
  const email = typeof input.claims.email === 'string' ? input.claims.email : null;
  const existing = await store.users.getBySubject(subject);
  if (existing) {
    if (existing.disabled)
      throw new IamError('unauthenticated', 'this account is disabled in Portolan; ask an administrator');
    return store.users.update(existing.id, {
      externalGroups: input.groups,
      email,
      lastLoginAt: input.at,
      ...(displayName && { displayName }),
    });
  }
  const username = checkUsername(usernameFromClaims(input.claims, input.settings));
  if (await store.users.getByUsername(username))
    throw new IamError(
      'conflict',
      `a Portolan user named "${username}" exists already and is not linked to this OpenID account; ` +
        'an administrator must rename or remove it, or choose another username claim',
    );
  const user = await store.users.create({
    username,
    source: 'oidc',
    oidcSubject: subject,
    externalGroups: input.groups,
    email,
    ...(displayName && { displayName }),
  });
  return store.users.update(user.id, { lastLoginAt: input.at });
}

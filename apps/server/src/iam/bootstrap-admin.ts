import type { IamStore } from '#server/store/iam/iam-store.ts';
import { StoreError } from '#server/store/store.ts';
import { checkUsername } from './names.ts';
import type { Random } from './opaque-secret.ts';
import { checkPasswordStrength, type PasswordHasher } from './password-hash.ts';

export interface BootstrapResult {
  username: string;
  /** Present only when Portolan made the password: print it once, it is stored only hashed. */
  generatedPassword?: string;
}

/**
 * On first start (no users at all) creates the platform administrator, from PORTOLAN_ADMIN_USER and
 * PORTOLAN_ADMIN_PASSWORD or with a generated password. Answers undefined when users exist.
 */
export async function bootstrapAdmin(deps: {
  store: IamStore;
  hasher: PasswordHasher;
  random: Random;
  /** From config (PORTOLAN_ADMIN_USER and PORTOLAN_ADMIN_PASSWORD). */
  admin: { username: string | undefined; password: string | undefined };
}): Promise<BootstrapResult | undefined> {
  if ((await deps.store.users.count()) > 0) return undefined;
  const username = checkUsername(deps.admin.username?.trim() || 'admin');
  const given = deps.admin.password;
  if (given !== undefined) {
    try {
      checkPasswordStrength(given);
    } catch (error) {
      throw new Error(
        `PORTOLAN_ADMIN_PASSWORD: ${(error as Error).message}; set a longer one or unset it to have one made`,
      );
    }
  }
  const password = given ?? deps.random(18).toString('base64url');
  try {
    await deps.store.users.create({
      username,
      displayName: 'Administrator',
      source: 'local',
      passwordHash: await deps.hasher.hash(password),
    });
  } catch (error) {
    // Another replica bootstrapped at the same moment; its administrator stands.
    if (error instanceof StoreError && error.code === 'conflict') return undefined;
    throw error;
  }
  await deps.store.bindings.create({
    subject: { kind: 'user', name: username },
    role: 'Admin',
    scope: { level: 'platform' },
  });
  return given === undefined ? { username, generatedPassword: password } : { username };
}

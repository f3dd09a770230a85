import { createHash, randomBytes } from 'node:crypto';

/** Randomness, injected so tests can make secrets predictable. */
export type Random = (bytes: number) => Buffer;
export const systemRandom: Random = randomBytes;

/** A bearer secret: 256 random bits, URL-safe, with a prefix saying what it is. */
export function newSecret(random: Random, prefix: string): string {
  return `${prefix}${random(32).toString('base64url')}`;
}

/**
 * Secrets are stored as their SHA-256 only. They carry 256 random bits, so a fast hash is enough: a
 * stolen table cannot be turned back into usable secrets, and lookups by hash leak nothing useful.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

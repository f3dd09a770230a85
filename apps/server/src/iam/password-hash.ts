import { argon2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { IamError } from './iam-errors.ts';

const argon2Async = promisify(argon2);

/** Argon2id cost. The default is OWASP's first recommendation: 19 MiB, 2 passes, 1 lane. */
export interface Argon2Cost {
  memoryKiB: number;
  passes: number;
  parallelism: number;
}

export const DEFAULT_COST: Argon2Cost = { memoryKiB: 19_456, passes: 2, parallelism: 1 };
export const MIN_PASSWORD_LENGTH = 12;
/** Long inputs cost nothing extra to Argon2 but bound what a request can make the server hash. */
export const MAX_PASSWORD_LENGTH = 1024;

export interface PasswordHasher {
  /** A PHC string: $argon2id$v=19$m=…,t=…,p=…$salt$hash. */
  hash(password: string): Promise<string>;
  /** Constant-time comparison; false for anything that is not a hash this hasher can read. */
  verify(password: string, encoded: string): Promise<boolean>;
  /** Spends the same time as a verify, for users that do not exist. Always false. */
  verifyDummy(password: string): Promise<false>;
  /** True when the hash was made with a lower cost than today's. */
  needsRehash(encoded: string): boolean;
}

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');
const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function parse(encoded: string) {
  const match = PHC.exec(encoded);
  if (!match) return undefined;
  const [, m, t, p, salt, hash] = match;
  return {
    cost: { memoryKiB: Number(m), passes: Number(t), parallelism: Number(p) },
    salt: Buffer.from(salt ?? '', 'base64'),
    hash: Buffer.from(hash ?? '', 'base64'),
  };
}

export function checkPasswordStrength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new IamError('invalid', `a password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new IamError('invalid', `a password may have at most ${MAX_PASSWORD_LENGTH} characters`);
}

export function createPasswordHasher(
  options: { cost?: Argon2Cost; random?: (bytes: number) => Buffer } = {},
): PasswordHasher {
  const cost = options.cost ?? DEFAULT_COST;
  const random = options.random ?? randomBytes;
  const derive = (password: string, salt: Buffer, c: Argon2Cost, length: number) =>
    argon2Async('argon2id', {
      message: password.slice(0, MAX_PASSWORD_LENGTH),
      nonce: salt,
      memory: c.memoryKiB,
      passes: c.passes,
      parallelism: c.parallelism,
      tagLength: length,
    });
  const encode = (salt: Buffer, hash: Buffer, c: Argon2Cost) =>
    `$argon2id$v=19$m=${c.memoryKiB},t=${c.passes},p=${c.parallelism}$${b64(salt)}$${b64(hash)}`;
  let dummy: Promise<string> | undefined;

  const hasher: PasswordHasher = {
    async hash(password) {
      const salt = random(16);
      return encode(salt, await derive(password, salt, cost, 32), cost);
    },
    async verify(password, encoded) {
      const parsed = parse(encoded);
      if (!parsed || parsed.hash.length < 16) return false;
      const actual = await derive(password, parsed.salt, parsed.cost, parsed.hash.length);
      return timingSafeEqual(actual, parsed.hash);
    },
    async verifyDummy(password) {
      dummy ??= hasher.hash(random(18).toString('base64url'));
      await hasher.verify(password, await dummy);
      return false;
    },
    needsRehash(encoded) {
      const parsed = parse(encoded);
      if (!parsed) return true;
      return (
        parsed.cost.memoryKiB < cost.memoryKiB ||
        parsed.cost.passes < cost.passes ||
        parsed.cost.parallelism < cost.parallelism
      );
    },
  };
  return hasher;
}

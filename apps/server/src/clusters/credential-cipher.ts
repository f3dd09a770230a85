import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** A 32-byte AES-256 key and its id (derived from the key, so the same key always has the same id). */
export interface EncryptionKey {
  id: string;
  key: Buffer;
}

export class CipherError extends Error {
  readonly problem: 'malformed' | 'unknown-key' | 'tampered' | 'invalid-key';

  constructor(problem: CipherError['problem'], message: string) {
    super(message);
    this.name = 'CipherError';
    this.problem = problem;
  }
}

/**
 * Seals credential blobs with AES-256-GCM. A sealed blob is text:
 * `pc1.<key id>.<iv>.<ciphertext>.<tag>` (base64url parts). The header is authenticated with the
 * data, and so is the optional `context` (e.g. the cluster id), so a blob cannot be moved to another row.
 */
export interface CredentialCipher {
  readonly activeKeyId: string;
  encrypt(plaintext: string | Buffer, context?: string): string;
  decrypt(sealed: string, context?: string): Buffer;
  /** True when the blob was sealed with an older key and should be re-encrypted. */
  needsReencryption(sealed: string): boolean;
  /** Decrypts with whichever key sealed it and seals again with the active key. */
  reencrypt(sealed: string, context?: string): string;
}

const VERSION = 'pc1';
const IV_BYTES = 12;

export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

export function toEncryptionKey(key: Buffer): EncryptionKey {
  if (key.length !== 32) {
    throw new CipherError('invalid-key', `an encryption key must be 32 bytes (it is ${key.length})`);
  }
  return { id: keyIdOf(key), key };
}

const additionalData = (keyId: string, context: string | undefined) =>
  Buffer.from(`${VERSION}.${keyId}${context === undefined ? '' : `.${context}`}`, 'utf8');

function parse(sealed: string): { keyId: string; iv: Buffer; data: Buffer; tag: Buffer } {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) {
    throw new CipherError('malformed', `not a sealed credential (expected ${VERSION}.<key id>.…)`);
  }
  const [, keyId, iv, data, tag] = parts as [string, string, string, string, string];
  return {
    keyId,
    iv: Buffer.from(iv, 'base64url'),
    data: Buffer.from(data, 'base64url'),
    tag: Buffer.from(tag, 'base64url'),
  };
}

/** `keys[0]` seals; every key opens what it sealed. `random` is injectable for tests. */
export function createCredentialCipher(
  keys: EncryptionKey[],
  random: (size: number) => Buffer = randomBytes,
): CredentialCipher {
  const active = keys[0];
  if (!active) throw new CipherError('invalid-key', 'no encryption key configured');
  const byId = new Map(keys.map((entry) => [entry.id, entry]));

  const encrypt = (plaintext: string | Buffer, context?: string) => {
    const iv = random(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', active.key, iv);
    cipher.setAAD(additionalData(active.id, context));
    const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [
      VERSION,
      active.id,
      iv.toString('base64url'),
      data.toString('base64url'),
      tag.toString('base64url'),
    ].join('.');
  };

  const decrypt = (sealed: string, context?: string) => {
    const { keyId, iv, data, tag } = parse(sealed);
    const entry = byId.get(keyId);
    if (!entry) {
      throw new CipherError(
        'unknown-key',
        `this credential was sealed with key ${keyId}, which is not configured; add that key back (as an older key) to read it`,
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', entry.key, iv);
      decipher.setAAD(additionalData(keyId, context));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(data), decipher.final()]);
    } catch {
      throw new CipherError(
        'tampered',
        'this sealed credential does not authenticate: it was changed, truncated or belongs to another record',
      );
    }
  };

  return {
    activeKeyId: active.id,
    encrypt,
    decrypt,
    needsReencryption: (sealed) => parse(sealed).keyId !== active.id,
    reencrypt: (sealed, context) => encrypt(decrypt(sealed, context), context),
  };
}

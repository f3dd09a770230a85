import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type EncryptionKey, toEncryptionKey } from './credential-cipher.ts';

export const KEY_ENV = 'PORTOLAN_ENCRYPTION_KEY';

export class EncryptionKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EncryptionKeyError';
  }
}

export interface LoadedKeys {
  /** The first seals; the rest are older keys kept to open what they sealed. */
  keys: EncryptionKey[];
  source: 'environment' | 'file';
  /** True when the key file did not exist and was generated now. */
  created: boolean;
  warnings: string[];
}

export interface KeySourceOptions {
  /** PORTOLAN_ENCRYPTION_KEY as config read it: comma-separated keys, active first. */
  keys: string | undefined;
  /** Used when the environment sets no key; generated (mode 0600) when absent. */
  keyFile: string;
  random?: (size: number) => Buffer;
}

const HINT = 'each key is base64 of 32 random bytes (openssl rand -base64 32)';

function parseKeys(entries: string[], origin: string): EncryptionKey[] {
  if (entries.length === 0) throw new EncryptionKeyError(`${origin} holds no key; ${HINT}`);
  return entries.map((entry, index) => {
    const bytes = Buffer.from(entry, 'base64');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(entry) || bytes.length !== 32) {
      throw new EncryptionKeyError(`${origin}: key ${index + 1} is not base64 of 32 bytes; ${HINT}`);
    }
    return toEncryptionKey(bytes);
  });
}

/** Key file lines: one base64 key each, the active key first; `#` starts a comment. */
function keyFileLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
}

function renderKeyFile(keys: string[]): string {
  return [
    '# Portolan credential encryption keys: the first seals, the others only open older records.',
    '# Keep this file secret (mode 0600) and back it up: without it the stored credentials are lost.',
    ...keys,
    '',
  ].join('\n');
}

/**
 * The keys from PORTOLAN_ENCRYPTION_KEY (comma-separated, active first) or else from the key file,
 * which is generated with mode 0600 on first start.
 */
export async function loadEncryptionKeys(options: KeySourceOptions): Promise<LoadedKeys> {
  const fromEnv = options.keys?.trim();
  if (fromEnv) {
    const entries = fromEnv
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    return { keys: parseKeys(entries, KEY_ENV), source: 'environment', created: false, warnings: [] };
  }
  const warnings: string[] = [];
  let text: string;
  let created = false;
  try {
    text = await readFile(options.keyFile, 'utf8');
    const mode = (await stat(options.keyFile)).mode & 0o777;
    if (mode & 0o077) {
      warnings.push(
        `the key file ${options.keyFile} can be read by other users (mode ${mode.toString(8)}); run chmod 600 on it`,
      );
    }
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') {
      throw new EncryptionKeyError(
        `cannot read the key file ${options.keyFile}: ${(error as Error).message}`,
      );
    }
    const key = (options.random ?? randomBytes)(32).toString('base64');
    text = renderKeyFile([key]);
    await mkdir(path.dirname(options.keyFile), { recursive: true, mode: 0o700 });
    try {
      // 'wx' fails if another process created it meanwhile; then its key is the one to use.
      await writeFile(options.keyFile, text, { mode: 0o600, flag: 'wx' });
      created = true;
    } catch (writeError) {
      if ((writeError as { code?: string }).code !== 'EEXIST') {
        throw new EncryptionKeyError(
          `cannot create the key file ${options.keyFile}: ${(writeError as Error).message}`,
        );
      }
      text = await readFile(options.keyFile, 'utf8');
    }
  }
  return { keys: parseKeys(keyFileLines(text), options.keyFile), source: 'file', created, warnings };
}

/** Puts a new active key at the top of the key file, keeping the older ones; returns its id. */
export async function rotateKeyFile(
  keyFile: string,
  random: (size: number) => Buffer = randomBytes,
): Promise<EncryptionKey> {
  let existing: string[] = [];
  try {
    existing = keyFileLines(await readFile(keyFile, 'utf8'));
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  }
  // Refuse to rotate a damaged file: its keys would be carried over unreadable.
  if (existing.length > 0) parseKeys(existing, keyFile);
  const bytes = random(32);
  const next = [bytes.toString('base64'), ...existing];
  const temporary = `${keyFile}.${process.pid}.tmp`;
  await mkdir(path.dirname(keyFile), { recursive: true, mode: 0o700 });
  await writeFile(temporary, renderKeyFile(next), { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, keyFile);
  return toEncryptionKey(bytes);
}

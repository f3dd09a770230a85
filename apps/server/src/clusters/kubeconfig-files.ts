import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { KubeconfigError } from './kubeconfig-errors.ts';
import type { Kubeconfig, Named } from './kubeconfig-types.ts';

/** How a kubeconfig's file references may be read. */
export interface FileAccess {
  /** False for kubeconfigs from untrusted callers: a path would read the server's own files. */
  allowFiles: boolean;
  /** Directory that relative paths resolve against when the kubeconfig came from no file. */
  baseDir?: string;
}

/** Names a field of a cluster or user entry in messages, with its line when known. */
export function fieldAt(
  config: Kubeconfig,
  section: 'clusters' | 'users',
  entry: Named<unknown>,
  key: string,
): { field: string; line?: number; column?: number } {
  const inner = section === 'clusters' ? 'cluster' : 'user';
  const position = entry.index >= 0 ? config.locate([section, entry.index, inner, key]) : undefined;
  return { field: `${section}[${entry.name}].${inner}.${key}`, ...position };
}

/** Resolves and reads a file a kubeconfig names. */
export async function readReferencedFile(
  config: Kubeconfig,
  access: FileAccess,
  file: string,
  where: { field: string; line?: number; column?: number },
): Promise<Buffer> {
  if (!access.allowFiles) {
    throw new KubeconfigError(
      'files-not-allowed',
      `${where.field} points at the file ${file}, and file references are not allowed here; embed the content in the matching *-data field instead`,
      where,
    );
  }
  const baseDir = config.path ? path.dirname(config.path) : access.baseDir;
  if (!path.isAbsolute(file) && !baseDir) {
    throw new KubeconfigError(
      'relative-path',
      `${where.field} is the relative path ${file}, which cannot be resolved for a pasted kubeconfig; use an absolute path or embed the content`,
      where,
    );
  }
  const resolved = path.resolve(baseDir ?? '/', file);
  try {
    return await readFile(resolved);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason =
      code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' ? 'permission denied' : String(error);
    throw new KubeconfigError(
      'unreadable-file',
      `cannot read ${resolved} named by ${where.field}: ${reason}`,
      where,
    );
  }
}

/** Decodes a kubeconfig `*-data` field, which must be base64 (of PEM, for certificates and keys). */
export function decodeBase64Field(
  value: string,
  where: { field: string; line?: number; column?: number },
): Buffer {
  const compact = value.replace(/\s+/g, '');
  if (compact.startsWith('-----BEGIN')) {
    throw new KubeconfigError(
      'invalid-base64',
      `${where.field} holds PEM text, but *-data fields hold base64 of it; encode the PEM (base64 -w0 file) or use the field without -data for a file path`,
      where,
    );
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) {
    throw new KubeconfigError(
      'invalid-base64',
      `${where.field} is not valid base64; copy the value again without cutting or wrapping it`,
      where,
    );
  }
  return Buffer.from(compact, 'base64');
}

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Checks that PEM text holds certificates that parse; returns the text. */
export function checkCertificatesPem(
  pem: string,
  where: { field: string; line?: number; column?: number },
): string {
  const blocks = pem.match(CERTIFICATE_BLOCK) ?? [];
  if (blocks.length === 0) {
    throw new KubeconfigError(
      'invalid-pem',
      `${where.field} holds no PEM certificate (-----BEGIN CERTIFICATE-----); check that it is the certificate file and not a key`,
      where,
    );
  }
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch (error) {
      throw new KubeconfigError(
        'invalid-pem',
        `${where.field} holds a certificate that does not parse (${(error as Error).message}); it may be truncated`,
        where,
      );
    }
  }
  return pem;
}

/** Checks that PEM text is a private key node can use; returns the text. */
export function checkPrivateKeyPem(
  pem: string,
  where: { field: string; line?: number; column?: number },
): string {
  try {
    createPrivateKey(pem);
  } catch (error) {
    throw new KubeconfigError(
      'invalid-pem',
      `${where.field} is not a usable PEM private key (${(error as Error).message}); it may be truncated or encrypted with a passphrase`,
      where,
    );
  }
  return pem;
}

import { isAbsolute } from 'node:path';
import type { BackupDestination, BackupDestinationInput } from '@portolan/api';
import type { CredentialCipher } from '#server/clusters/credential-cipher.ts';
import type { BackupStore, StoredDestination } from '#server/store/backups/backup-store.ts';
import type { Clock } from '#server/time/clock.ts';
import { type ArchiveStorage, folderStorage, type S3Settings, s3Storage } from './archive-storage.ts';
import { BackupError } from './backup-errors.ts';

export interface Destinations {
  list(): Promise<BackupDestination[]>;
  get(name: string): Promise<BackupDestination>;
  put(name: string, input: BackupDestinationInput): Promise<{ view: BackupDestination; created: boolean }>;
  /** Refuses while a plan uses it. */
  delete(name: string): Promise<void>;
  test(name: string): Promise<{ ok: boolean; message: string }>;
  storage(name: string): Promise<ArchiveStorage>;
}

/** The secret is sealed to its destination's name: a blob moved to another row does not open. */
const context = (name: string) => `backup-destination:${name}`;

function view(stored: StoredDestination): BackupDestination {
  const base = { name: stored.name, type: stored.type, createdAt: stored.createdAt.toISOString() };
  if (stored.type === 'folder') return { ...base, folder: { path: String(stored.settings.path) } };
  const s3 = stored.settings as unknown as S3Settings;
  return {
    ...base,
    s3: {
      endpoint: s3.endpoint,
      bucket: s3.bucket,
      region: s3.region,
      prefix: s3.prefix,
      forcePathStyle: s3.forcePathStyle,
      accessKeyId: s3.accessKeyId,
      secretSet: stored.sealedSecret !== null,
    },
  };
}

export function createDestinations(deps: {
  store: BackupStore;
  cipher: CredentialCipher;
  clock: Clock;
}): Destinations {
  const { store, cipher } = deps;
  async function load(name: string): Promise<StoredDestination> {
    const stored = await store.getDestination(name);
    if (!stored)
      throw new BackupError(
        'not-found',
        `no backup destination is named "${name}"; GET /api/v1/backups/destinations lists them`,
        'destination',
      );
    return stored;
  }
  function storageOf(stored: StoredDestination): ArchiveStorage {
    if (stored.type === 'folder') return folderStorage({ path: String(stored.settings.path) });
    const secret = stored.sealedSecret
      ? cipher.decrypt(stored.sealedSecret, context(stored.name)).toString('utf8')
      : '';
    return s3Storage(stored.settings as unknown as S3Settings, secret);
  }
  return {
    async list() {
      return (await store.listDestinations()).map(view);
    },
    async get(name) {
      return view(await load(name));
    },
    async put(name, input) {
      const existing = await store.getDestination(name);
      let settings: Record<string, unknown>;
      let sealedSecret: string | null = null;
      if (input.type === 'folder') {
        if (!input.folder)
          throw new BackupError(
            'invalid',
            'a folder destination needs folder.path, an absolute path on the Portolan host',
            'folder.path',
          );
        if (!isAbsolute(input.folder.path))
          throw new BackupError(
            'invalid',
            `folder.path must be absolute (it is "${input.folder.path}")`,
            'folder.path',
          );
        settings = { path: input.folder.path };
      } else {
        const s3 = input.s3;
        if (!s3)
          throw new BackupError(
            'invalid',
            'an s3 destination needs s3.endpoint, s3.bucket and s3.accessKeyId',
            's3',
          );
        if (!/^https?:\/\//.test(s3.endpoint))
          throw new BackupError(
            'invalid',
            `s3.endpoint must be an http(s) URL (it is "${s3.endpoint}")`,
            's3.endpoint',
          );
        settings = {
          endpoint: s3.endpoint,
          bucket: s3.bucket,
          region: s3.region ?? 'us-east-1',
          prefix: (s3.prefix ?? '').replace(/^\/+|\/+$/g, ''),
          forcePathStyle: s3.forcePathStyle ?? true,
          accessKeyId: s3.accessKeyId,
        };
        if (s3.secretAccessKey) sealedSecret = cipher.encrypt(s3.secretAccessKey, context(name));
        else if (existing?.type === 's3') sealedSecret = existing.sealedSecret;
        else
          throw new BackupError(
            'invalid',
            'a new s3 destination needs s3.secretAccessKey',
            's3.secretAccessKey',
          );
      }
      const stored: StoredDestination = {
        name,
        type: input.type,
        settings,
        sealedSecret,
        createdAt: existing?.createdAt ?? deps.clock(),
      };
      const created = await store.putDestination(stored);
      return { view: view(stored), created };
    },
    async delete(name) {
      await load(name);
      const users = (await store.listPlans()).filter((plan) => plan.destination === name);
      if (users.length > 0)
        throw new BackupError(
          'conflict',
          `destination ${name} is used by plan${users.length > 1 ? 's' : ''} ${users.map((p) => p.name).join(', ')}; move or delete them first`,
        );
      await store.deleteDestination(name);
    },
    async test(name) {
      return storageOf(await load(name)).test();
    },
    async storage(name) {
      return storageOf(await load(name));
    },
  };
}

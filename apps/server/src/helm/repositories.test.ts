/** The scheduled refresh: a repository is read again once its interval has passed, and not before. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Kysely } from 'kysely';
import { createCredentialCipher, toEncryptionKey } from '#server/clusters/credential-cipher.ts';
import { createSqlHelmStore, type HelmDatabase } from '#server/store/helm/helm-sql-store.ts';
import { sqliteTestDatabase, type TestDatabase } from '#server/store/testing/database-fixtures.ts';
import { createRepositories, repositoryRefreshJob } from './repositories.ts';
import { buildRepository, helmOf, type RepoServer, serveRepository } from './testing/repo-fixtures.ts';

let database: TestDatabase;
let repo: RepoServer;
let work: string;
let helmHome: string;
let now = new Date('2026-12-01T00:00:00Z');

before(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'portolan-repositories-test-'));
  const { helm, home } = await helmOf();
  helmHome = home;
  await buildRepository(helm, work, [{ name: 'tick', version: '1.0.0' }]);
  repo = await serveRepository(work);
  database = await sqliteTestDatabase();
});
after(async () => {
  await repo?.close();
  await database?.destroy();
  await rm(work, { recursive: true, force: true });
  await rm(helmHome, { recursive: true, force: true });
});

test('repositories are refreshed when their interval has passed (0: on demand only), and reseal their password after a key rotation', async () => {
  const repositories = createRepositories({
    store: createSqlHelmStore(database.db as unknown as Kysely<HelmDatabase>),
    cipher: createCredentialCipher([toEncryptionKey(randomBytes(32))]),
    clock: () => now,
  });
  await repositories.add({ name: 'hourly', url: repo.url, intervalSeconds: 3600 });
  await repositories.add({ name: 'manual', url: repo.url, intervalSeconds: 0 });
  now = new Date(now.getTime() + 3599_000);
  assert.deepEqual(await repositories.refreshDue(), []);
  now = new Date(now.getTime() + 1000);
  assert.deepEqual(await repositories.refreshDue(), ['hourly']);
  assert.equal((await repositories.get('hourly')).lastRefreshAt, now.toISOString());
  assert.deepEqual(await repositories.refreshDue(), []);

  // After a key rotation a refresh seals the password again with the new key (the old one still opens it).
  const oldKey = toEncryptionKey(randomBytes(32));
  const newKey = toEncryptionKey(randomBytes(32));
  const helm = createSqlHelmStore(database.db as unknown as Kysely<HelmDatabase>);
  const before = createRepositories({
    store: helm,
    cipher: createCredentialCipher([oldKey]),
    clock: () => now,
  });
  const secured = await serveRepository(work, { basicAuth: { username: 'u', password: 'p4ss' } });
  try {
    await before.add({
      name: 'secured',
      url: secured.url,
      username: 'u',
      password: 'p4ss',
      intervalSeconds: 0,
    });
    const rotated = createCredentialCipher([newKey, oldKey]);
    const after = createRepositories({ store: helm, cipher: rotated, clock: () => now });
    assert.equal((await after.refresh('secured')).status, 'ready');
    const sealed = (await helm.getRepository('secured'))?.sealedPassword ?? '';
    assert.equal(rotated.needsReencryption(sealed), false);
    assert.equal(
      createCredentialCipher([newKey]).decrypt(sealed, 'chart-repository:secured').toString(),
      'p4ss',
    );
  } finally {
    await secured.close();
  }

  // The job runs a round at once when its lease is taken, then on its timer.
  let rounds = 0;
  const job = repositoryRefreshJob(
    {
      refreshDue: async () => {
        rounds++;
        return [];
      },
    },
    10,
  );
  job.start();
  await new Promise((resolve) => setTimeout(resolve, 35));
  job.stop();
  const seen = rounds;
  assert.ok(seen >= 2, `ran ${seen} rounds`);
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.equal(rounds, seen, 'stopped with its lease');
});

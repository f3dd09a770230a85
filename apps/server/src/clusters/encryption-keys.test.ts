import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createCredentialCipher } from './credential-cipher.ts';
import { loadEncryptionKeys, rotateKeyFile } from './encryption-keys.ts';

let dir = '';
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'encryption-keys-'));
});
after(() => rm(dir, { recursive: true, force: true }));

test('the key file is generated with mode 0600 on first start and reused after', async () => {
  const keyFile = path.join(dir, 'secrets', 'encryption.key');
  const first = await loadEncryptionKeys({
    keys: undefined,
    keyFile,
    random: (size) => Buffer.alloc(size, 7),
  });
  assert.equal(first.created, true);
  assert.equal(first.source, 'file');
  assert.equal((await stat(keyFile)).mode & 0o777, 0o600);
  assert.equal((await stat(path.dirname(keyFile))).mode & 0o777, 0o700);
  const second = await loadEncryptionKeys({ keys: undefined, keyFile });
  assert.equal(second.created, false);
  assert.deepEqual(second.keys, first.keys);
  assert.deepEqual(second.warnings, []);
  await chmod(keyFile, 0o644);
  assert.match(
    (await loadEncryptionKeys({ keys: undefined, keyFile })).warnings.join(),
    /can be read by other users .*chmod 600/,
  );
});

test('the environment wins over the file; old keys follow the active one', async () => {
  const active = Buffer.alloc(32, 1).toString('base64');
  const old = Buffer.alloc(32, 2).toString('base64');
  const loaded = await loadEncryptionKeys({
    keys: `${active}, ${old}`,
    keyFile: path.join(dir, 'unused'),
  });
  assert.equal(loaded.source, 'environment');
  assert.equal(loaded.keys.length, 2);
  await assert.rejects(stat(path.join(dir, 'unused')), 'no file is created when the environment has the key');
  await assert.rejects(
    loadEncryptionKeys({ keys: 'c2hvcnQ=', keyFile: path.join(dir, 'unused') }),
    /PORTOLAN_ENCRYPTION_KEY: key 1 is not base64 of 32 bytes; .*openssl rand -base64 32/,
  );
});

test('rotating the key file keeps the old keys, so old blobs still open and can be re-encrypted', async () => {
  const keyFile = path.join(dir, 'rotate.key');
  const before = createCredentialCipher((await loadEncryptionKeys({ keys: undefined, keyFile })).keys);
  const sealed = before.encrypt('kubeconfig', 'c');
  const added = await rotateKeyFile(keyFile);
  assert.equal((await stat(keyFile)).mode & 0o777, 0o600);
  const loaded = await loadEncryptionKeys({ keys: undefined, keyFile });
  assert.equal(loaded.keys[0]?.id, added.id);
  assert.equal(loaded.keys[1]?.id, before.activeKeyId);
  const after = createCredentialCipher(loaded.keys);
  assert.equal(after.decrypt(after.reencrypt(sealed, 'c'), 'c').toString(), 'kubeconfig');
  assert.match(await readFile(keyFile, 'utf8'), /^# Portolan credential encryption keys/);

  const damaged = path.join(dir, 'damaged.key');
  await writeFile(damaged, 'not-a-key\n', { mode: 0o600 });
  await assert.rejects(rotateKeyFile(damaged), /damaged\.key: key 1 is not base64 of 32 bytes/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CipherError, createCredentialCipher, toEncryptionKey } from './credential-cipher.ts';

const key = (byte: number) => toEncryptionKey(Buffer.alloc(32, byte));
const counter = () => {
  let n = 0;
  return (size: number) => Buffer.alloc(size, ++n);
};

test('sealed blobs open again, name their key and differ each time', () => {
  const cipher = createCredentialCipher([key(1)]);
  const sealed = cipher.encrypt('apiVersion: v1\nkind: Config\n', 'cluster-1');
  assert.match(sealed, new RegExp(`^pc1\\.${key(1).id}\\.`));
  assert.doesNotMatch(sealed, /kind: Config/);
  assert.equal(cipher.decrypt(sealed, 'cluster-1').toString(), 'apiVersion: v1\nkind: Config\n');
  assert.notEqual(cipher.encrypt('same', 'c'), cipher.encrypt('same', 'c'));
});

test('injected randomness makes the output reproducible', () => {
  const a = createCredentialCipher([key(1)], counter()).encrypt('secret');
  const b = createCredentialCipher([key(1)], counter()).encrypt('secret');
  assert.equal(a, b);
});

test('a blob moved to another record, changed or cut does not open', () => {
  const cipher = createCredentialCipher([key(1)]);
  const sealed = cipher.encrypt('token', 'cluster-1');
  const tampered = (error: unknown) => error instanceof CipherError && error.problem === 'tampered';
  assert.throws(() => cipher.decrypt(sealed, 'cluster-2'), tampered);
  assert.throws(() => cipher.decrypt(sealed), tampered);
  const parts = sealed.split('.');
  parts[3] = Buffer.from('tokeN').toString('base64url');
  assert.throws(() => cipher.decrypt(parts.join('.'), 'cluster-1'), tampered);
  assert.throws(
    () => cipher.decrypt('plain text'),
    (error: unknown) => error instanceof CipherError && error.problem === 'malformed',
  );
});

test('rotation: old keys still open, re-encryption moves blobs to the new key', () => {
  const before = createCredentialCipher([key(1)]);
  const old = before.encrypt('kubeconfig', 'c');
  const rotated = createCredentialCipher([key(2), key(1)]);
  assert.equal(rotated.activeKeyId, key(2).id);
  assert.equal(rotated.decrypt(old, 'c').toString(), 'kubeconfig');
  assert.equal(rotated.needsReencryption(old), true);
  const renewed = rotated.reencrypt(old, 'c');
  assert.equal(rotated.needsReencryption(renewed), false);
  assert.equal(
    createCredentialCipher([key(2)])
      .decrypt(renewed, 'c')
      .toString(),
    'kubeconfig',
  );
  assert.throws(
    () => createCredentialCipher([key(3)]).decrypt(renewed, 'c'),
    (error: unknown) =>
      error instanceof CipherError && error.problem === 'unknown-key' && error.message.includes(key(2).id),
  );
  assert.throws(() => toEncryptionKey(Buffer.alloc(16)), /must be 32 bytes/);
});

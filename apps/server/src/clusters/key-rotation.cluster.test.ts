import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { sharedSandboxes } from '@portolan/sandbox/testing';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';
import { keyIdOf } from './credential-cipher.ts';
import { rotateKeyFile } from './encryption-keys.ts';

const { clusters } = sharedSandboxes();
const cluster = clusters[0];
if (!cluster) throw new Error('no shared sandbox');

async function storedCredentials(harness: Harness): Promise<string> {
  const row = await harness.portolan.store.clusters.getByName('rotated');
  return Buffer.from(row?.credentials ?? []).toString('utf8');
}

test('after a key rotation the server reseals every credential with the new key and still connects', async () => {
  let harness = await startHarness();
  try {
    await harness.register('rotated', cluster.kubeconfig);
    const before = await storedCredentials(harness);
    assert.match(before, /^pc1\./);
    await harness.stop();

    const newKey = await rotateKeyFile(path.join(harness.dataDir, 'encryption.key'));
    const keyFile = await readFile(path.join(harness.dataDir, 'encryption.key'), 'utf8');
    const keys = keyFile.split('\n').filter((line) => line.trim() && !line.startsWith('#'));
    assert.equal(keys.length, 2, 'the old key is kept to open what it sealed');

    harness = await startHarness({ dataDir: harness.dataDir });
    const after = await storedCredentials(harness);
    assert.notEqual(after, before);
    assert.ok(after.startsWith(`pc1.${newKey.id}.`), 'sealed with the new key');
    assert.equal(keyIdOf(Buffer.from(newKey.key)), newKey.id);
    const probed = await harness.call<{ status: string }>('POST', '/api/v1/clusters/rotated/probe');
    assert.equal(probed.body.status, 'Ready');
  } finally {
    await harness.stop({ removeData: true });
  }
});

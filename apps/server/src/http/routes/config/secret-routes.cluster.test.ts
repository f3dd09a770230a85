import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { makeCa } from '#server/clusters/testing/certificates.ts';
import { type RouteTest, setUpRouteTest } from '../../testing/route-server.ts';

let t: RouteTest;
before(async () => {
  t = await setUpRouteTest('secrets');
});
after(async () => {
  await t?.cleanup();
});

test('secrets are masked on every route unless revealed, and masked values cannot be written back', async () => {
  const created = await t.send('POST', `${t.base}/secrets/${t.namespace}`, {
    name: 'db',
    type: 'opaque',
    data: { password: 's3cret', user: 'app' },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.secret.data.password, '<masked>');

  const masked = await t.send('GET', `${t.base}/secrets/${t.namespace}/db`);
  assert.equal(masked.status, 200);
  assert.deepEqual(masked.body.secret.data, { password: '<masked>', user: '<masked>' });
  assert.deepEqual(masked.body.keys, [
    { key: 'password', bytes: 6 },
    { key: 'user', bytes: 3 },
  ]);
  assert.equal(masked.body.decoded, undefined);
  const generic = await t.send('GET', `${t.base}/resources/secrets/db?namespace=${t.namespace}`);
  assert.equal(generic.body.data.password, '<masked>');
  assert.doesNotMatch(JSON.stringify(generic.body), /czNjcmV0/, 'the base64 value appears nowhere');

  const revealed = await t.send('GET', `${t.base}/secrets/${t.namespace}/db?reveal=true`);
  assert.equal(revealed.status, 200);
  assert.equal(revealed.body.decoded.password, 's3cret');
  assert.equal(revealed.body.secret.data.password, Buffer.from('s3cret').toString('base64'));

  const writeBack = await t.send(
    'PUT',
    `${t.base}/resources/secrets/db?namespace=${t.namespace}`,
    generic.body,
  );
  assert.equal(writeBack.status, 422);
  assert.match(writeBack.body.error.fields[0].field, /^data\./);

  const registry = await t.send('POST', `${t.base}/secrets/${t.namespace}`, {
    name: 'pull',
    type: 'docker-registry',
    dockerRegistry: { server: 'registry.example.com', username: 'bot', password: 'pw' },
  });
  assert.equal(registry.status, 201, JSON.stringify(registry.body));
  assert.equal(registry.body.type, 'kubernetes.io/dockerconfigjson');

  const dir = await mkdtemp(path.join(os.tmpdir(), 'portolan-tls-'));
  try {
    const pair = await makeCa(dir, 'web.example.com');
    const tls = await t.send('POST', `${t.base}/secrets/${t.namespace}`, {
      name: 'web-tls',
      type: 'tls',
      tls: { certificate: pair.cert, key: pair.key },
    });
    assert.equal(tls.status, 201, JSON.stringify(tls.body));
    assert.deepEqual(tls.body.keys.map((entry: { key: string }) => entry.key).sort(), ['tls.crt', 'tls.key']);
    const other = await makeCa(dir, 'other');
    const mismatch = await t.send('POST', `${t.base}/secrets/${t.namespace}`, {
      name: 'bad-tls',
      type: 'tls',
      tls: { certificate: pair.cert, key: other.key },
    });
    assert.equal(mismatch.status, 422);
    assert.equal(mismatch.body.error.fields[0].field, 'tls.key');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { credentialExpiry, jwtExpiry } from './credential-expiry.ts';
import { issueClientCertificate, makeCa } from './testing/certificates.ts';

const jwt = (claims: object) =>
  `${[{ alg: 'RS256' }, claims]
    .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
    .join('.')}.sig`;

test('the exp of a JWT, and nothing for tokens that are not JWTs', () => {
  assert.deepEqual(jwtExpiry(jwt({ exp: 1_900_000_000 })), new Date(1_900_000_000_000));
  assert.equal(jwtExpiry(jwt({ sub: 'x' })), undefined);
  assert.equal(jwtExpiry('abcdef.0123456789abcdef'), undefined);
  assert.equal(jwtExpiry('a.%%%.c'), undefined);
});

test('certificate notAfter, token exp and exec expiry, with warnings ahead of time', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'expiry-'));
  try {
    const ca = await makeCa(dir, 'ca');
    const notAfter = new Date('2031-03-10T00:00:00Z');
    const cert = await issueClientCertificate({
      dir,
      ca,
      name: 'alice',
      subject: '/O=dev/CN=alice',
      notBefore: new Date('2030-01-01T00:00:00Z'),
      notAfter,
    });
    const expiry = credentialExpiry([
      {
        kind: 'client-certificate',
        field: 'users[a].user.client-certificate-data',
        certificatePem: cert.cert,
      },
      {
        kind: 'id-token',
        field: 'users[a].user.auth-provider',
        token: jwt({ exp: Date.parse('2031-03-01T00:00:00Z') / 1000 }),
      },
      { kind: 'token', field: 'users[a].user.token', token: 'opaque' },
      {
        kind: 'exec',
        field: 'users[a].user.exec',
        expiresAt: new Date('2031-02-01T00:00:00Z'),
        renewable: true,
      },
    ]);
    assert.deepEqual(
      expiry.items.map((item) => [item.kind, item.expiresAt?.toISOString(), item.subject]),
      [
        ['client-certificate', '2031-03-10T00:00:00.000Z', 'CN=alice, O=dev'],
        ['id-token', '2031-03-01T00:00:00.000Z', undefined],
        ['token', undefined, undefined],
        ['exec', '2031-02-01T00:00:00.000Z', undefined],
      ],
    );
    assert.deepEqual(expiry.earliest, new Date('2031-02-01T00:00:00Z'));

    assert.deepEqual(expiry.warnings(new Date('2031-01-01T00:00:00Z'), 30), [], 'nothing within 30 days');
    const soon = expiry.warnings(new Date('2031-02-20T00:00:00Z'), 30);
    assert.deepEqual(
      soon.map((warning) => [warning.kind, warning.expired]),
      [
        ['client-certificate', false],
        ['id-token', false],
      ],
      'renewable exec credentials never warn',
    );
    assert.match(
      soon[0]?.message ?? '',
      /client certificate \(CN=alice, O=dev\) from users\[a\].* expires at 2031-03-10T00:00:00.000Z \(in 18 days\)/,
    );
    const late = expiry.warnings(new Date('2031-03-05T00:00:00Z'), 30);
    assert.deepEqual(
      late.map((warning) => [warning.kind, warning.expired]),
      [
        ['client-certificate', false],
        ['id-token', true],
      ],
    );
    assert.match(late[1]?.message ?? '', /OIDC id-token .* expired at 2031-03-01T00:00:00.000Z/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

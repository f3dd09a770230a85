import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startupLines } from './startup-facts.ts';

test('a wildcard host is shown as an address a browser opens, and a database password is never printed', () => {
  const { info, password } = startupLines({
    host: '0.0.0.0',
    port: 8080,
    proxyUrl: 'https://127.0.0.1:8443',
    dataDir: '/var/lib/portolan',
    databaseUrl: 'postgresql://portolan:s3cret@db.internal:5432/portolan',
    admin: { username: 'admin' },
  });
  assert.equal(info[0], 'Portolan is running. Sign in at http://127.0.0.1:8080/');
  const text = info.join('\n');
  assert.doesNotMatch(text, /s3cret/);
  assert.match(text, /PostgreSQL at postgresql:\/\/portolan:\*\*\*@db\.internal:5432\/portolan/);
  assert.match(text, /Administrator "admin" created with the password from PORTOLAN_ADMIN_PASSWORD/);
  assert.equal(password, undefined, 'a password the operator chose is not printed');
});

test('a generated password is given once, on its own line; later starts print none', () => {
  const first = startupLines({
    host: '127.0.0.1',
    port: 8080,
    proxyUrl: 'https://127.0.0.1:8443',
    dataDir: '/data',
    databaseUrl: undefined,
    admin: { username: 'admin', generatedPassword: 'pw-123' },
  });
  assert.match(first.password ?? '', /user "admin", password pw-123 \(shown only this once/);
  assert.ok(
    first.info.some((line) => line === 'Data: SQLite in /data/portolan.db; keys and certificates in /data'),
  );
  const later = startupLines({
    host: '127.0.0.1',
    port: 8080,
    proxyUrl: 'https://127.0.0.1:8443',
    dataDir: '/data',
    databaseUrl: undefined,
  });
  assert.equal(later.password, undefined);
  assert.doesNotMatch(later.info.join('\n'), /Administrator/);
});

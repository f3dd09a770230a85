import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

test('flags win over environment, which wins over defaults', () => {
  const config = loadConfig(['--port', '9000'], {
    PORTOLAN_PORT: '7000',
    PORTOLAN_DATA_DIR: '/srv/portolan',
  });
  assert.equal(config.port, 9000);
  assert.equal(config.dataDir, '/srv/portolan');
  assert.equal(config.host, '127.0.0.1');
  assert.equal(loadConfig([], {}).dataDir, path.resolve('data'));
});

test('bad settings are refused naming the flag and the variable', () => {
  assert.throws(
    () => loadConfig(['--port', 'http'], {}),
    (e: unknown) => e instanceof ConfigError && /PORTOLAN_PORT/.test(e.message),
  );
  assert.throws(() => loadConfig([], { PORTOLAN_LOG_LEVEL: 'loud' }), /must be one of/);
  assert.throws(() => loadConfig([], { PORTOLAN_RECOVER_SANDBOXES: 'yes' }), /true or false/);
  assert.throws(
    () => loadConfig([], { PORTOLAN_AUDIT_RETENTION_DAYS: '0' }),
    /--audit-retention-days or PORTOLAN_AUDIT_RETENTION_DAYS/,
  );
  assert.equal(loadConfig(['--audit-retention-days', '30'], {}).auditRetentionDays, 30);
  assert.equal(loadConfig([], {}).auditRetentionDays, 365);
});

test('allowed origins for session WebSockets, and how often open streams check access', () => {
  assert.deepEqual(loadConfig([], {}).allowedOrigins, []);
  assert.deepEqual(
    loadConfig(['--allowed-origins', 'https://console.example/, http://10.0.0.1:3000'], {}).allowedOrigins,
    ['https://console.example', 'http://10.0.0.1:3000'],
  );
  assert.deepEqual(loadConfig([], { PORTOLAN_ALLOWED_ORIGINS: 'https://a.example:443' }).allowedOrigins, [
    'https://a.example',
  ]);
  assert.throws(
    () => loadConfig(['--allowed-origins', 'https://console.example/app'], {}),
    (e: unknown) =>
      e instanceof ConfigError && /PORTOLAN_ALLOWED_ORIGINS/.test(e.message) && /no path/.test(e.message),
  );
  assert.throws(() => loadConfig([], { PORTOLAN_ALLOWED_ORIGINS: 'console.example' }), /--allowed-origins/);
  assert.equal(loadConfig([], {}).accessRecheckMs, 5000);
  assert.equal(loadConfig(['--access-recheck-seconds', '0.5'], {}).accessRecheckMs, 500);
  assert.throws(
    () => loadConfig([], { PORTOLAN_ACCESS_RECHECK_SECONDS: '600' }),
    /--access-recheck-seconds or PORTOLAN_ACCESS_RECHECK_SECONDS/,
  );
});

test('time limits of probes, registration checks and exec plugins are settings in seconds', () => {
  const defaults = loadConfig([], {});
  assert.deepEqual(
    [defaults.probeTimeoutMs, defaults.connectTimeoutMs, defaults.execTimeoutMs],
    [5_000, 10_000, 10_000],
  );
  const set = loadConfig(['--probe-timeout', '2', '--exec-timeout', '0.5'], {
    PORTOLAN_CONNECT_TIMEOUT_SECONDS: '30',
  });
  assert.deepEqual([set.probeTimeoutMs, set.connectTimeoutMs, set.execTimeoutMs], [2_000, 30_000, 500]);
  assert.throws(
    () => loadConfig([], { PORTOLAN_EXEC_TIMEOUT_SECONDS: 'forever' }),
    /exec-timeout "forever" \(--exec-timeout or PORTOLAN_EXEC_TIMEOUT_SECONDS\) must be 0\.1 to 600 seconds/,
  );
});

test('the first administrator and the encryption keys are read here, once, from the environment', () => {
  const config = loadConfig([], {
    PORTOLAN_ADMIN_USER: ' ops ',
    PORTOLAN_ADMIN_PASSWORD: 'from-the-environment',
    PORTOLAN_ENCRYPTION_KEY: ' a2V5, b2xk ',
  });
  assert.deepEqual(config.admin, { username: 'ops', password: 'from-the-environment' });
  assert.equal(config.encryptionKeys, 'a2V5, b2xk');
  const unset = loadConfig([], {});
  assert.deepEqual(unset.admin, { username: undefined, password: undefined });
  assert.equal(unset.encryptionKeys, undefined);
});

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

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '#server/config/config.ts';

test('terminal settings: defaults, then environment, then flags', () => {
  assert.deepEqual(loadConfig([], {}).terminals, {
    idleTimeoutMs: 900_000,
    detachGraceMs: 300_000,
    maxPerUser: 5,
    maxPerReplica: 50,
    transcripts: false,
  });
  const env = {
    PORTOLAN_TERMINAL_IDLE_TIMEOUT_SECONDS: '60',
    PORTOLAN_TERMINAL_DETACH_GRACE_SECONDS: '30',
    PORTOLAN_TERMINAL_MAX_PER_USER: '2',
    PORTOLAN_TERMINAL_MAX_PER_REPLICA: '10',
    PORTOLAN_TERMINAL_TRANSCRIPTS: 'true',
  };
  assert.deepEqual(loadConfig([], env).terminals, {
    idleTimeoutMs: 60_000,
    detachGraceMs: 30_000,
    maxPerUser: 2,
    maxPerReplica: 10,
    transcripts: true,
  });
  const flags = loadConfig(['--terminal-idle-timeout', '5', '--terminal-max-per-user', '1'], env).terminals;
  assert.equal(flags.idleTimeoutMs, 5000);
  assert.equal(flags.maxPerUser, 1);
});

test('terminal settings out of range are refused, naming the flag, the variable and the range', () => {
  assert.throws(
    () => loadConfig(['--terminal-idle-timeout', '0'], {}),
    (error: unknown) =>
      error instanceof ConfigError &&
      /terminal-idle-timeout "0" \(--terminal-idle-timeout or PORTOLAN_TERMINAL_IDLE_TIMEOUT_SECONDS\) must be a whole number of seconds from 1 to 86400/.test(
        error.message,
      ),
  );
  assert.throws(
    () => loadConfig([], { PORTOLAN_TERMINAL_MAX_PER_USER: 'many' }),
    /PORTOLAN_TERMINAL_MAX_PER_USER/,
  );
  assert.throws(() => loadConfig(['--terminal-transcripts', 'yes'], {}), /must be true or false/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

test('lease duration, renew interval and registry refresh are settings in seconds, from flags or environment', () => {
  const defaults = loadConfig([], {});
  assert.deepEqual(
    [defaults.leaseDurationMs, defaults.leaseRenewMs, defaults.registryRefreshMs],
    [20_000, 5_000, 3_000],
  );
  const flags = loadConfig(
    ['--lease-duration', '8', '--lease-renew-interval', '2', '--registry-refresh-interval', '0.5'],
    {},
  );
  assert.deepEqual([flags.leaseDurationMs, flags.leaseRenewMs, flags.registryRefreshMs], [8_000, 2_000, 500]);
  const env = loadConfig([], {
    PORTOLAN_LEASE_DURATION_SECONDS: '60',
    PORTOLAN_LEASE_RENEW_SECONDS: '10',
    PORTOLAN_REGISTRY_REFRESH_SECONDS: '30',
  });
  assert.deepEqual([env.leaseDurationMs, env.leaseRenewMs, env.registryRefreshMs], [60_000, 10_000, 30_000]);
  // A flag wins over the environment.
  assert.equal(
    loadConfig(['--lease-duration', '30'], { PORTOLAN_LEASE_DURATION_SECONDS: '60' }).leaseDurationMs,
    30_000,
  );
});

test('lease timings that cannot work are refused, naming the flag, the variable and the rule', () => {
  assert.throws(
    () => loadConfig(['--lease-duration', 'soon'], {}),
    (e: unknown) =>
      e instanceof ConfigError &&
      /lease-duration "soon" \(--lease-duration or PORTOLAN_LEASE_DURATION_SECONDS\) must be 0\.1 to 600 seconds/.test(
        e.message,
      ),
  );
  assert.throws(
    () => loadConfig([], { PORTOLAN_REGISTRY_REFRESH_SECONDS: '0' }),
    /--registry-refresh-interval or PORTOLAN_REGISTRY_REFRESH_SECONDS/,
  );
  // Renewing less often than twice per lease would let one slow renewal move a cluster.
  assert.throws(
    () => loadConfig(['--lease-duration', '10', '--lease-renew-interval', '6'], {}),
    (e: unknown) =>
      e instanceof ConfigError &&
      /lease renew interval 6 s .* must be at most half the lease duration 10 s/.test(e.message),
  );
  assert.throws(
    () => loadConfig([], { PORTOLAN_LEASE_DURATION_SECONDS: '4' }),
    /at most half the lease duration 4 s/,
  );
});

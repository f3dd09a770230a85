import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

test('the metrics engine runs with 30 s scrapes, 15 days and 4 GiB of retention and 200,000 samples a scrape unless told otherwise', () => {
  const { metrics } = loadConfig([], { PORTOLAN_PROMETHEUS_BIN: '/opt/prometheus' });
  assert.deepEqual(metrics, {
    prometheusBin: '/opt/prometheus',
    enabled: true,
    scrapeIntervalSeconds: 30,
    retention: '15d',
    retentionBytes: 4096 * 1024 * 1024,
    sampleLimit: 200_000,
    listenHost: '127.0.0.1',
    queryTimeoutMs: 10_000,
  });
  const set = loadConfig([], {
    PORTOLAN_METRICS_ENGINE: 'off',
    PORTOLAN_METRICS_SCRAPE_INTERVAL_SECONDS: '5',
    PORTOLAN_METRICS_RETENTION: '48h',
    PORTOLAN_METRICS_RETENTION_MIB: '512',
    PORTOLAN_METRICS_SAMPLE_LIMIT: '50000',
  }).metrics;
  assert.equal(set.enabled, false);
  assert.equal(set.prometheusBin, undefined);
  assert.equal(set.scrapeIntervalSeconds, 5);
  assert.equal(set.retention, '48h');
  assert.equal(set.retentionBytes, 512 * 1024 * 1024);
  assert.equal(set.sampleLimit, 50_000);
});

test('a metrics setting out of range is refused, naming the variable and what it accepts', () => {
  for (const [name, value, words] of [
    ['PORTOLAN_METRICS_ENGINE', 'prometheus', /managed or off/],
    ['PORTOLAN_METRICS_RETENTION', 'forever', /duration such as 15d/],
    ['PORTOLAN_METRICS_SCRAPE_INTERVAL_SECONDS', '0', /whole number from 1 to 3600/],
    ['PORTOLAN_METRICS_SAMPLE_LIMIT', '10', /from 1000/],
  ] as const)
    assert.throws(
      () => loadConfig([], { [name]: value }),
      (error: unknown) =>
        error instanceof ConfigError && error.message.includes(name) && words.test(error.message),
    );
});

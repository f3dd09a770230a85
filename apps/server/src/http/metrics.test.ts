import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMetrics } from './metrics.ts';

test('counters are rendered as Prometheus counters, one series per label set', async () => {
  const metrics = createMetrics();
  const errors = metrics.addCounter({ name: 'portolan_sync_errors_total', help: 'Failed attempts.' });
  errors.inc({ cluster: 'prod', resource: 'configmaps', reason: 'unreachable' });
  errors.inc({ cluster: 'prod', resource: 'configmaps', reason: 'unreachable' });
  errors.inc({ cluster: 'dev', resource: 'pods', reason: 'Forbidden' }, 3);
  const text = await metrics.render();
  assert.match(text, /^# TYPE portolan_sync_errors_total counter$/m);
  assert.match(
    text,
    /^portolan_sync_errors_total\{cluster="prod",resource="configmaps",reason="unreachable"\} 2$/m,
  );
  assert.match(text, /^portolan_sync_errors_total\{cluster="dev",resource="pods",reason="Forbidden"\} 3$/m);
});

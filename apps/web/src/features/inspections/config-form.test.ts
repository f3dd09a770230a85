import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InspectionConfigView } from '@portolan/api';
import { configField, configFormOf, configSpecOf, itemSettingsOf } from './config-form.ts';

const catalogue = [
  {
    id: 'pod-restarts',
    level: 'workload' as const,
    severity: 'warning' as const,
    params: { max: 5 } as Record<string, number>,
  },
  {
    id: 'image-latest',
    level: 'workload' as const,
    severity: 'info' as const,
    params: {} as Record<string, number>,
  },
  {
    id: 'node-heartbeat',
    level: 'node' as const,
    severity: 'critical' as const,
    params: { seconds: 60 } as Record<string, number>,
  },
];

test('only items that differ from the catalogue are saved', () => {
  const items = itemSettingsOf(catalogue);
  items['pod-restarts'] = { enabled: true, severity: 'warning', params: { max: 3 } };
  items['image-latest'] = { enabled: false, severity: 'info', params: {} };
  const spec = configSpecOf(
    {
      name: 'daily',
      cluster: 'a',
      items,
      namespaces: [],
      exemptions: [{ item: 'image-latest', namespace: ' tools ', name: '' }, { item: '' }],
      schedule: ' 0 2 * * * ',
    },
    catalogue,
  );
  assert.deepEqual(spec, {
    cluster: 'a',
    items: [
      { id: 'pod-restarts', params: { max: 3 } },
      { id: 'image-latest', enabled: false },
    ],
    exemptions: [{ item: 'image-latest', namespace: 'tools' }],
    schedule: '0 2 * * *',
  });
  const saved = { ...spec, keepRuns: 30 };
  const form = configFormOf(
    { name: 'daily', spec: saved as InspectionConfigView['spec'], updatedAt: '' },
    catalogue,
  );
  assert.equal(form.items['image-latest']?.enabled, false);
  assert.equal(form.items['pod-restarts']?.params.max, 3);
  assert.equal(form.items['node-heartbeat']?.severity, 'critical');
  assert.deepEqual(configSpecOf(form, catalogue), saved);
});

test('a refused item is found by its id, not the place it had in the document', () => {
  const spec = { cluster: 'a', items: [{ id: 'pod-restarts' }, { id: 'image-latest' }] };
  assert.equal(configField('/items/1/severity', spec), 'items/image-latest/severity');
  assert.equal(configField('/schedule', spec), '/schedule');
});

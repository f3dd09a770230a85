import assert from 'node:assert/strict';
import { test } from 'node:test';
import { printerCell, printerColumnsOf } from './printer-columns.ts';

const crd = {
  spec: {
    versions: [
      {
        name: 'v1alpha1',
        storage: false,
        additionalPrinterColumns: [{ name: 'Old', type: 'string', jsonPath: '.spec.old' }],
      },
      {
        name: 'v1',
        storage: true,
        additionalPrinterColumns: [
          { name: 'Engine', type: 'string', jsonPath: '.spec.engine' },
          { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
          { name: 'Wide', type: 'string', jsonPath: '.spec.wide', priority: 1 },
          { name: 'Since', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
      },
    ],
  },
};

test("a CRD's printer columns come from the version its objects are served in, wide ones left out", () => {
  assert.deepEqual(
    printerColumnsOf(crd, []).map((column) => column.name),
    ['Engine', 'Replicas', 'Since'],
  );
  assert.deepEqual(
    printerColumnsOf(crd, [{ apiVersion: 'example.com/v1alpha1' }]).map((column) => column.name),
    ['Old'],
  );
  assert.deepEqual(printerColumnsOf(undefined, []), []);
});

test('cells read the column path; dates are instants, missing fields are empty', () => {
  const [engine, replicas, since] = printerColumnsOf(crd, []);
  const object = {
    metadata: { creationTimestamp: '2026-01-02T03:04:05Z' },
    spec: { engine: 'pg', replicas: 2 },
  };
  assert.deepEqual(engine && printerCell(engine, object), { text: 'pg' });
  assert.deepEqual(replicas && printerCell(replicas, object), { text: '2' });
  assert.deepEqual(since && printerCell(since, object), {
    text: '2026-01-02T03:04:05Z',
    date: '2026-01-02T03:04:05Z',
  });
  assert.deepEqual(engine && printerCell(engine, {}), { text: '' });
});

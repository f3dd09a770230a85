import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withKinds } from '@portolan/kinds';
import { VOLUME_ATTRIBUTES_CLASS } from '@portolan/kinds/testing';
import { columnsFor } from './kind-columns.ts';
import { resolveKind, searchKindOf } from './kinds.ts';

const titles = (columns: readonly { title: string }[]) => columns.map((column) => column.title);

test('the CLI takes its columns from the kind registry: one new descriptor gives a kind its table', () => {
  const kinds = withKinds(VOLUME_ATTRIBUTES_CLASS);
  assert.deepEqual(titles(columnsFor('volumeattributesclasses', false)), ['AGE'], 'unknown before');
  assert.deepEqual(titles(columnsFor('volumeattributesclasses', false, kinds)), ['DRIVERNAME', 'AGE']);
  const columns = columnsFor('volumeattributesclasses', false, kinds);
  assert.equal(columns[0]?.value({ driverName: 'csi.example.com' }, new Date()), 'csi.example.com');
  const ref = resolveKind('vac', kinds);
  assert.equal(ref.known?.namespaced, false);
  assert.equal(searchKindOf(ref), 'storage.k8s.io/volumeattributesclasses');
});

test('built-in kinds keep kubectl’s columns, wide ones only with -o wide', () => {
  assert.deepEqual(titles(columnsFor('deployments', false)), ['READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
  assert.deepEqual(titles(columnsFor('deployments', true)).slice(4), ['CONTAINERS', 'IMAGES', 'SELECTOR']);
  assert.deepEqual(titles(columnsFor('pods', false)), ['READY', 'STATUS', 'RESTARTS', 'AGE']);
  assert.deepEqual(titles(columnsFor('widgets', false)), ['AGE']);
});

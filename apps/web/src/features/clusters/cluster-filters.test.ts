import assert from 'node:assert/strict';
import test from 'node:test';
import type { Cluster } from '../../api/types.ts';
import { filterClusters, parseLabels } from './cluster-filters.ts';

const cluster = (name: string, status: Cluster['status'], labels: Record<string, string>): Cluster => ({
  id: name,
  name,
  displayName: name.toUpperCase(),
  description: '',
  labels,
  serverUrl: '',
  status,
  reason: null,
  lastSeenAt: null,
  probeLatencyMs: null,
  version: null,
  platform: null,
  nodeCount: null,
  createdAt: '',
  updatedAt: '',
  credentialExpiry: [],
  warnings: [],
});

const all = [
  cluster('prod-east', 'Ready', { env: 'prod', region: 'east' }),
  cluster('prod-west', 'Offline', { env: 'prod' }),
  cluster('dev', 'Ready', { env: 'dev' }),
];
const names = (list: Cluster[]) => list.map((c) => c.name);

test('label filters: key=value must match, a bare key must be present, all terms hold', () => {
  assert.deepEqual(names(filterClusters(all, { search: '', labels: 'env=prod', status: '' })), [
    'prod-east',
    'prod-west',
  ]);
  assert.deepEqual(names(filterClusters(all, { search: '', labels: 'env=prod, region', status: '' })), [
    'prod-east',
  ]);
});

test('status and name search narrow the list; no filter keeps every cluster', () => {
  assert.deepEqual(names(filterClusters(all, { search: '', labels: '', status: 'Offline' })), ['prod-west']);
  assert.deepEqual(names(filterClusters(all, { search: 'DEV', labels: '', status: '' })), ['dev']);
  assert.equal(filterClusters(all, { search: '', labels: '', status: '' }).length, 3);
});

test('labels typed one a line become an object; a line without = is refused', () => {
  assert.deepEqual(parseLabels('env=prod\n team = payments \n'), { env: 'prod', team: 'payments' });
  assert.equal(parseLabels('env'), undefined);
});

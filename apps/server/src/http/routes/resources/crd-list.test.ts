import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CrdSummary } from '@portolan/api';
import { pageOfCrds } from './crd-list.ts';

const crd = (name: string, kind: string, scope: CrdSummary['scope'], count: number | null): CrdSummary => {
  const [plural = '', ...group] = name.split('.');
  return {
    name,
    group: group.join('.'),
    kind,
    plural,
    shortNames: [],
    scope,
    versions: [{ name: 'v1', served: true, storage: true }],
    established: true,
    count,
  };
};

const all = [
  crd('widgets.shop.example.com', 'Widget', 'Namespaced', 3),
  crd('certificates.cert-manager.io', 'Certificate', 'Namespaced', 40),
  crd('clusterissuers.cert-manager.io', 'ClusterIssuer', 'Cluster', null),
  crd('issuers.cert-manager.io', 'Issuer', 'Namespaced', 40),
];
const names = (page: { items: CrdSummary[] }) => page.items.map((one) => one.name);

test('a page of definitions by name, with the total over all pages', () => {
  const page = pageOfCrds(all, {}, { limit: 2, offset: 2 });
  assert.deepEqual(names(page), ['issuers.cert-manager.io', 'widgets.shop.example.com']);
  assert.equal(page.total, 4);
});

test('the text filter matches name, kind or group in any case; scope and name narrow', () => {
  assert.deepEqual(names(pageOfCrds(all, { q: 'CERT-MANAGER' }, { limit: 10, offset: 0 })).length, 3);
  assert.deepEqual(names(pageOfCrds(all, { q: 'widget' }, { limit: 10, offset: 0 })), [
    'widgets.shop.example.com',
  ]);
  assert.deepEqual(names(pageOfCrds(all, { scope: 'Cluster' }, { limit: 10, offset: 0 })), [
    'clusterissuers.cert-manager.io',
  ]);
  const one = pageOfCrds(all, { name: 'issuers.cert-manager.io' }, { limit: 1, offset: 0 });
  assert.deepEqual(names(one), ['issuers.cert-manager.io'], 'the exact name, not clusterissuers');
});

test('sorted by objects, ties broken by name, the not synced last when descending', () => {
  assert.deepEqual(names(pageOfCrds(all, { sort: 'objects', order: 'desc' }, { limit: 10, offset: 0 })), [
    'issuers.cert-manager.io',
    'certificates.cert-manager.io',
    'widgets.shop.example.com',
    'clusterissuers.cert-manager.io',
  ]);
  assert.deepEqual(names(pageOfCrds(all, { sort: 'kind' }, { limit: 1, offset: 0 })), [
    'certificates.cert-manager.io',
  ]);
});

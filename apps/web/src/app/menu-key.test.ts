import assert from 'node:assert/strict';
import { test } from 'node:test';
import { menuKeyOf } from './menu-key.ts';

test('a page selects the menu item of its list: a pod or workload page its own, other cluster pages Clusters', () => {
  assert.equal(menuKeyOf('/'), 'overview');
  assert.equal(menuKeyOf('/clusters'), 'clusters');
  assert.equal(menuKeyOf('/clusters/eu/nodes'), 'clusters');
  assert.equal(menuKeyOf('/clusters/eu/pods'), 'clusters');
  assert.equal(menuKeyOf('/clusters/eu/pods/shop/web-1'), 'pods');
  assert.equal(menuKeyOf('/clusters/eu/workloads/deployments/shop/web'), 'workloads');
  assert.equal(menuKeyOf('/clusters/eu/releases/shop/cache'), 'releases');
  assert.equal(menuKeyOf('/people'), 'people');
});

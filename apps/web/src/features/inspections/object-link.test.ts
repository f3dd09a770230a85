import assert from 'node:assert/strict';
import { test } from 'node:test';
import { objectLink } from './object-link.ts';

test("a finding's object links to its page in the console", () => {
  assert.equal(objectLink('a', { kind: 'Pod', namespace: 'ns', name: 'p' }), '/clusters/a/pods/ns/p');
  assert.equal(
    objectLink('a', { kind: 'Deployment', namespace: 'ns', name: 'web' }),
    '/clusters/a/workloads/deployments/ns/web',
  );
  assert.equal(objectLink('a', { kind: 'Node', name: 'n1' }), '/clusters/a/nodes');
  assert.equal(objectLink('a', { kind: 'Widget', name: 'x' }), undefined);
  assert.equal(objectLink('a', undefined), undefined);
});

import assert from 'node:assert/strict';
import test from 'node:test';
import { ClusterError } from './cluster-errors.ts';
import { type ClusterListParams, type ListedCluster, queryClusters } from './cluster-list-query.ts';

const cluster = (
  name: string,
  status: ListedCluster['status'],
  labels: Record<string, string>,
  more: Partial<ListedCluster> = {},
): ListedCluster => ({
  name,
  displayName: name.toUpperCase(),
  labels,
  status,
  version: null,
  nodeCount: null,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  ...more,
});

const all = [
  cluster('prod-east', 'Ready', { env: 'prod', region: 'east' }, { version: 'v1.10.0', nodeCount: 5 }),
  cluster('prod-west', 'Offline', { env: 'prod' }, { version: 'v1.9.2', nodeCount: 3 }),
  cluster('dev', 'Ready', { env: 'dev' }, { version: 'v1.34.1' }),
  cluster('edge', 'Unknown', {}, { nodeCount: 1, createdAt: new Date('2025-06-01T00:00:00Z') }),
];
const names = (params: ClusterListParams) => queryClusters(all, params).items.map((c) => c.name);
const refusal = (params: ClusterListParams) => {
  try {
    queryClusters(all, params);
  } catch (error) {
    assert.ok(error instanceof ClusterError);
    return { field: error.field, message: error.message, code: error.code };
  }
  assert.fail('expected a refusal');
};

test('labelSelector takes equality and set-based requirements, as Kubernetes does', () => {
  assert.deepEqual(names({ labelSelector: 'env=prod' }), ['prod-east', 'prod-west']);
  assert.deepEqual(names({ labelSelector: 'env in (prod,dev),region notin (east)' }), ['dev', 'prod-west']);
  assert.deepEqual(names({ labelSelector: '!env' }), ['edge']);
  assert.deepEqual(names({ labelSelector: 'env!=prod' }), ['dev', 'edge']);
});

test('status takes several, in any case; q matches name or display name', () => {
  assert.deepEqual(names({ status: 'offline,Unknown' }), ['edge', 'prod-west']);
  assert.deepEqual(names({ q: 'WEST' }), ['prod-west']);
  assert.deepEqual(names({ q: 'prod', status: 'Ready' }), ['prod-east']);
});

test('sort by status puts problems first; versions by their numbers; nulls last either way', () => {
  assert.deepEqual(names({ sort: 'status' }), ['prod-west', 'edge', 'dev', 'prod-east']);
  assert.deepEqual(names({ sort: 'version' }), ['prod-west', 'prod-east', 'dev', 'edge']);
  assert.deepEqual(names({ sort: 'version', order: 'desc' }), ['dev', 'prod-east', 'prod-west', 'edge']);
  assert.deepEqual(names({ sort: 'nodes', order: 'desc' }), ['prod-east', 'prod-west', 'edge', 'dev']);
  assert.deepEqual(names({ sort: 'created' }), ['edge', 'dev', 'prod-east', 'prod-west']);
});

test('pages follow their continue token to the end, with the total on each', () => {
  const seen: string[] = [];
  let token: string | undefined;
  for (let pages = 0; pages < 10; pages++) {
    const page = queryClusters(all, { sort: 'nodes', limit: 3, ...(token ? { continue: token } : {}) });
    assert.equal(page.total, 4);
    seen.push(...page.items.map((c) => c.name));
    if (!page.continue) break;
    token = page.continue;
  }
  assert.deepEqual(seen, names({ sort: 'nodes' }));
  // A cluster added before the cursor does not shift the next page.
  const first = queryClusters(all, { limit: 2 });
  const more = [...all, cluster('aaa', 'Ready', {})];
  assert.deepEqual(
    queryClusters(more, { limit: 2, continue: first.continue ?? '' }).items.map((c) => c.name),
    ['prod-east', 'prod-west'],
  );
});

test('a bad selector, status or token is refused naming its parameter and what it takes', () => {
  const selector = refusal({ labelSelector: 'env in prod' });
  assert.equal(selector.field, 'labelSelector');
  assert.match(selector.message, /expected forms: key=value/);
  const status = refusal({ status: 'Ready,online' });
  assert.equal(status.field, 'status');
  assert.match(status.message, /"online".*Ready, Offline, Unknown/);
  assert.equal(refusal({ continue: 'not-a-token' }).field, 'continue');
  const other = queryClusters(all, { limit: 1 }).continue ?? '';
  assert.match(refusal({ limit: 1, status: 'Ready', continue: other }).message, /other filters or sort/);
});

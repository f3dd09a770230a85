import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError, describeApiError } from './api-client.ts';
import { runApiCommand } from './api-commands.ts';
import { fakeContext } from './testing/fake-api-context.ts';

const item = (cluster: string, name: string) => ({
  cluster,
  group: 'apps',
  version: 'v1',
  resource: 'deployments',
  kind: 'Deployment',
  namespace: 'default',
  name,
  labels: {},
  phase: null,
  nodeName: null,
  createdAt: '2026-01-10T11:59:00Z',
  object: {
    metadata: { name, creationTimestamp: '2026-01-10T11:59:00Z' },
    spec: { replicas: 1 },
    status: {},
  },
});

const fresh = (name: string) => ({ name, status: 'fresh', error: null, lastSeenAt: null, syncedAt: null });

test('get follows continue across pages, shows a CLUSTER column and warns of stale clusters', async () => {
  const { calls, output, context } = fakeContext((_path, query) =>
    query.continue === undefined
      ? {
          items: [item('east', 'a')],
          continue: 'page-2',
          remaining: 1,
          clusters: [
            fresh('east'),
            {
              name: 'west',
              status: 'stale',
              error: 'cluster is Offline: timeout',
              lastSeenAt: null,
              syncedAt: null,
            },
          ],
        }
      : { items: [item('west', 'b')], remaining: 0, clusters: [] },
  );
  const code = await runApiCommand('get', ['deploy', '-l', 'app=web'], context);
  assert.equal(code, 0, output.stderr);
  assert.deepEqual(
    calls.map((call) => call.query),
    [
      {
        kinds: 'apps/deployments',
        namespaces: 'default',
        labelSelector: 'app=web',
        limit: 500,
        continue: undefined,
      },
      {
        kinds: 'apps/deployments',
        namespaces: 'default',
        labelSelector: 'app=web',
        limit: 500,
        continue: 'page-2',
      },
    ],
  );
  assert.equal(
    output.stdout,
    'CLUSTER   NAME   READY   UP-TO-DATE   AVAILABLE   AGE\neast      a      0/1     0            0           60s\nwest      b      0/1     0            0           60s\n',
  );
  assert.equal(output.stderr, 'warning: cluster "west" is stale: cluster is Offline: timeout\n');
});

test('get of a name in one cluster reads it live; a missing one is an error with exit code 1', async () => {
  const { calls, output, context } = fakeContext((path) => {
    if (path.endsWith('/web'))
      return { kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'web' } };
    return new ApiError(404, 'not-found', 'deployments.apps "gone" in namespace "shop" does not exist');
  });
  const code = await runApiCommand(
    'get',
    ['deploy', 'web', 'gone', '--cluster', 'east', '-n', 'shop', '-o', 'name'],
    context,
  );
  assert.equal(code, 1);
  assert.deepEqual(calls, [
    { path: '/api/v1/clusters/east/resources/deployments/web', query: { namespace: 'shop' } },
    { path: '/api/v1/clusters/east/resources/deployments/gone', query: { namespace: 'shop' } },
  ]);
  assert.equal(output.stdout, 'deployment.apps/web\n');
  assert.equal(output.stderr, 'error: deployments.apps "gone" in namespace "shop" does not exist\n');
});

test('cluster-scoped kinds are not filtered by namespace; an empty list says so', async () => {
  const { calls, output, context } = fakeContext(() => ({
    items: [],
    remaining: 0,
    clusters: [fresh('east')],
  }));
  assert.equal(await runApiCommand('get', ['nodes', '--cluster', 'east'], context), 0);
  assert.deepEqual(calls[0]?.query, { kinds: 'nodes', clusters: 'east', limit: 500, continue: undefined });
  assert.equal(output.stderr, 'No resources found\n');
});

test('bad flags print the usage with exit code 2; --help prints it with 0', async () => {
  const bad = fakeContext(() => ({}));
  assert.equal(await runApiCommand('get', ['pods', '--bogus'], bad.context), 2);
  assert.match(bad.output.stderr, /^error: Unknown option '--bogus'\n\nUsage: portolan get/);
  const help = fakeContext(() => ({}));
  assert.equal(await runApiCommand('scale', ['--help'], help.context), 0);
  assert.match(help.output.stdout, /^Usage: portolan scale KIND\/NAME --replicas N/);
  const noCount = fakeContext(() => ({}));
  assert.equal(await runApiCommand('scale', ['deploy/web'], noCount.context), 2);
  assert.match(noCount.output.stderr, /--replicas N/);
});

test('server errors print their message and where the fault is, with exit code 1', async () => {
  const { output, context } = fakeContext(
    () => new ApiError(400, 'invalid-query', 'no cluster named "nope"', { field: 'clusters' }),
  );
  assert.equal(await runApiCommand('get', ['pods', '--cluster', 'a,nope'], context), 1);
  assert.equal(output.stderr, 'error: no cluster named "nope" (field clusters)\n');
  const invalid = new ApiError(
    422,
    'invalid',
    'Deployment "web" is invalid:\n- spec.replicas: must be >= 0',
    {
      fields: [
        { field: 'spec.replicas', message: 'must be >= 0' },
        { field: 'spec.template', message: 'required' },
      ],
    },
  );
  assert.deepEqual(describeApiError(invalid), [
    'error: Deployment "web" is invalid:\n- spec.replicas: must be >= 0',
    '  - spec.template: required',
  ]);
  const yaml = new ApiError(
    400,
    'malformed-manifest',
    'document 2 is not valid YAML at line 6, column 1: bad',
    {
      document: 2,
      line: 6,
      column: 1,
    },
  );
  assert.deepEqual(describeApiError(yaml), ['error: document 2 is not valid YAML at line 6, column 1: bad']);
});

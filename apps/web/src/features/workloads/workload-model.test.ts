import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SearchItem } from '@portolan/api';
import {
  imagesOf,
  replicasOf,
  searchParams,
  workloadKind,
  workloadPath,
  workloadRow,
} from './workload-model.ts';

const item = (kind: string, object: unknown): SearchItem => ({
  cluster: 'east',
  group: 'apps',
  version: 'v1',
  resource: `${kind.toLowerCase()}s`,
  kind,
  namespace: 'shop',
  name: 'web',
  uid: 'u',
  resourceVersion: '1',
  labels: {},
  ownerUid: null,
  nodeName: null,
  phase: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  object,
});

test('a stored Deployment becomes a row with health in words, ready of desired and its images', () => {
  const row = workloadRow(
    item('Deployment', {
      metadata: { generation: 2 },
      spec: {
        replicas: 3,
        template: { spec: { containers: [{ image: 'nginx:1.27' }, { image: 'envoy:1' }] } },
      },
      status: {
        observedGeneration: 2,
        replicas: 3,
        updatedReplicas: 1,
        readyReplicas: 2,
        availableReplicas: 2,
      },
    }),
  );
  assert.equal(row.health.state, 'Progressing');
  assert.equal(row.health.message, '1 of 3 new replicas have been updated');
  assert.deepEqual(row.replicas, { type: 'pods', ready: 2, desired: 3 });
  assert.deepEqual(row.images, ['nginx:1.27', 'envoy:1']);
  assert.equal(row.key, 'east/Deployment/shop/web');
});

test('Jobs count completions, CronJobs their active jobs, DaemonSets their scheduled pods', () => {
  assert.deepEqual(replicasOf({ spec: { completions: 4 }, status: { succeeded: 1 } }, 'Job'), {
    type: 'completions',
    succeeded: 1,
    completions: 4,
  });
  assert.deepEqual(replicasOf({ status: { active: [{}, {}] } }, 'CronJob'), { type: 'active', active: 2 });
  assert.deepEqual(replicasOf({ status: { numberReady: 2, desiredNumberScheduled: 3 } }, 'DaemonSet'), {
    type: 'pods',
    ready: 2,
    desired: 3,
  });
  const cron = {
    spec: { jobTemplate: { spec: { template: { spec: { containers: [{ image: 'report:2' }] } } } } },
  };
  assert.deepEqual(imagesOf(cron, 'CronJob'), ['report:2']);
  assert.equal(workloadRow(item('CronJob', { spec: { suspend: true } })).health.state, 'Suspended');
});

test('the search query carries every filter; health is the stored status word, the word the table shows', () => {
  const all = searchParams({ limit: 50 });
  assert.equal(
    all.get('kinds'),
    'deployments.apps,statefulsets.apps,daemonsets.apps,jobs.batch,cronjobs.batch',
  );
  const some = searchParams({
    clusters: ['east'],
    namespace: 'shop',
    kind: 'deployments',
    health: 'Degraded',
    nameContains: 'we',
    sort: 'created',
    order: 'desc',
    limit: 20,
    continue: 'abc',
  });
  assert.equal(
    some.toString(),
    'kinds=deployments.apps&limit=20&clusters=east&namespaces=shop&phase=Degraded&nameContains=we&sort=created&order=desc&continue=abc',
  );
});

test('addresses name the kind by its plural and escape each step', () => {
  assert.equal(workloadKind('Deployment')?.plural, 'deployments');
  assert.equal(workloadKind('statefulsets')?.kind, 'StatefulSet');
  assert.equal(workloadKind('Pod'), undefined);
  assert.equal(
    workloadPath({ cluster: 'east', kind: 'CronJob', namespace: 'a b', name: 'x' }),
    '/clusters/east/workloads/cronjobs/a%20b/x',
  );
});

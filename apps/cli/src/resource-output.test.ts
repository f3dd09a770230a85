import assert from 'node:assert/strict';
import { test } from 'node:test';
import { humanDuration, podStatus } from '@portolan/kinds';
import { parse } from 'yaml';
import { clusterTable } from './cluster-commands.ts';
import { type ListedObject, type ShowOptions, showObjects } from './resource-output.ts';
import { historyTable } from './rollout-history.ts';

const now = new Date('2026-01-10T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

function pod(
  name: string,
  status: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): ListedObject {
  return {
    cluster: 'east',
    resource: 'pods',
    kind: 'Pod',
    group: '',
    namespace: 'shop',
    name,
    object: {
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { name, namespace: 'shop', creationTimestamp: ago(300), ...extra },
      spec: { nodeName: 'node-1', containers: [{ name: 'app' }, { name: 'sidecar' }] },
      status,
    },
  };
}

const running = pod('web-1', {
  phase: 'Running',
  podIP: '10.0.0.7',
  containerStatuses: [
    { name: 'app', ready: true, restartCount: 2, state: { running: {} } },
    { name: 'sidecar', ready: true, restartCount: 1, state: { running: {} } },
  ],
});
const crashing = pod('web-2', {
  phase: 'Running',
  containerStatuses: [
    { name: 'app', ready: false, restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } } },
    { name: 'sidecar', ready: true, restartCount: 0, state: { running: {} } },
  ],
});

function render(items: ListedObject[], options: Partial<ShowOptions> = {}): string {
  let text = '';
  const all: ShowOptions = {
    format: 'table',
    showCluster: false,
    showNamespace: false,
    kindPrefix: false,
    now,
  };
  showObjects(items, { ...all, ...options }, (chunk) => {
    text += chunk;
  });
  return text;
}

test('ages read like kubectl', () => {
  const cases: [number, string][] = [
    [0, '0s'],
    [45, '45s'],
    [119, '119s'],
    [200, '3m20s'],
    [600, '10m'],
    [3 * 3600 + 120, '3h2m'],
    [36 * 3600, '36h'],
    [3 * 86_400 + 3600, '3d1h'],
    [40 * 86_400, '40d'],
    [3 * 365 * 86_400 + 86_400, '3y1d'],
  ];
  for (const [seconds, expected] of cases)
    assert.equal(humanDuration(seconds * 1000), expected, String(seconds));
});

test('pod status: waiting and ended containers, init containers, deletion', () => {
  assert.equal(podStatus(running.object), 'Running');
  assert.equal(podStatus(crashing.object), 'CrashLoopBackOff');
  assert.equal(podStatus({ status: { phase: 'Pending' } }), 'Pending');
  const init = (state: unknown) => ({
    spec: { initContainers: [{ name: 'a' }, { name: 'b' }] },
    status: {
      phase: 'Pending',
      initContainerStatuses: [{ state: { terminated: { exitCode: 0 } } }, { state }],
    },
  });
  assert.equal(podStatus(init({ running: {} })), 'Init:1/2');
  assert.equal(podStatus(init({ waiting: { reason: 'ImagePullBackOff' } })), 'Init:ImagePullBackOff');
  assert.equal(podStatus(init({ terminated: { exitCode: 3 } })), 'Init:ExitCode:3');
  assert.equal(
    podStatus({
      status: { phase: 'Succeeded', containerStatuses: [{ state: { terminated: { reason: 'Completed' } } }] },
    }),
    'Completed',
  );
  assert.equal(
    podStatus({ metadata: { deletionTimestamp: ago(1) }, status: { phase: 'Running' } }),
    'Terminating',
  );
});

test('pods: READY, STATUS, RESTARTS, AGE; wide adds IP and NODE', () => {
  assert.equal(
    render([running, crashing]),
    [
      'NAME    READY   STATUS             RESTARTS   AGE',
      'web-1   2/2     Running            3          5m',
      'web-2   1/2     CrashLoopBackOff   5          5m',
      '',
    ].join('\n'),
  );
  const wide = render([running], { format: 'wide', showNamespace: true, showCluster: true }).split('\n');
  assert.deepEqual(wide[0]?.split(/\s{2,}/), [
    'CLUSTER',
    'NAMESPACE',
    'NAME',
    'READY',
    'STATUS',
    'RESTARTS',
    'AGE',
    'IP',
    'NODE',
  ]);
  assert.deepEqual(wide[1]?.split(/\s{2,}/), [
    'east',
    'shop',
    'web-1',
    '2/2',
    'Running',
    '3',
    '5m',
    '10.0.0.7',
    'node-1',
  ]);
});

test('deployments, nodes and kinds without columns of their own', () => {
  const deployment: ListedObject = {
    ...running,
    resource: 'deployments',
    kind: 'Deployment',
    group: 'apps',
    name: 'web',
    object: {
      metadata: { creationTimestamp: ago(90) },
      spec: { replicas: 3 },
      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    },
  };
  assert.equal(
    render([deployment], { kindPrefix: true }),
    'NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\ndeployment.apps/web   2/3     3            2           90s\n',
  );
  const node: ListedObject = {
    ...running,
    resource: 'nodes',
    kind: 'Node',
    namespace: '',
    name: 'node-1',
    object: {
      metadata: { creationTimestamp: ago(7200), labels: { 'node-role.kubernetes.io/control-plane': '' } },
      spec: { unschedulable: true },
      status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { kubeletVersion: 'v1.37.2' } },
    },
  };
  assert.match(
    render([node]),
    /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\nnode-1\s+Ready,SchedulingDisabled\s+control-plane\s+120m\s+v1\.37\.2\n$/,
  );
  const widget = { ...running, resource: 'widgets', kind: 'Widget', group: 'example.com', name: 'w' };
  assert.equal(render([widget]), 'NAME   AGE\nw      5m\n');
});

test('-o name, and JSON or YAML lists that say which cluster each object came from', () => {
  assert.equal(render([running], { format: 'name' }), 'pod/web-1\n');
  assert.equal(render([running], { format: 'name', showCluster: true }), 'east/pod/web-1\n');
  const list = JSON.parse(render([running, crashing], { format: 'json', showCluster: true }));
  assert.equal(list.kind, 'List');
  assert.deepEqual(
    list.items.map(
      (item: { metadata: { annotations: Record<string, string> } }) => item.metadata.annotations,
    ),
    [{ 'portolan.io/cluster': 'east' }, { 'portolan.io/cluster': 'east' }],
  );
  const single = parse(render([running], { format: 'yaml', single: true } as Partial<ShowOptions>));
  assert.equal(single.kind, 'Pod');
  assert.equal(single.metadata.annotations, undefined, 'one cluster: the object as the cluster has it');
});

test('clusters and revision history tables', () => {
  const cluster = {
    name: 'east',
    status: 'Ready' as const,
    reason: null,
    version: 'v1.37.2',
    platform: 'kwok',
    nodeCount: 3,
    serverUrl: 'https://127.0.0.1:6443',
    labels: { env: 'prod' },
    lastSeenAt: ago(4),
    createdAt: ago(3600),
  };
  assert.deepEqual(clusterTable([cluster], false, now).rows, [
    ['east', 'Ready', 'v1.37.2', '3', 'env=prod', '60m'],
  ]);
  assert.deepEqual(clusterTable([cluster], true, now).rows[0]?.slice(6), [
    'https://127.0.0.1:6443',
    'kwok',
    '4s ago',
    '',
  ]);
  const history = historyTable(
    [
      { revision: 1, source: 'web-a', images: ['nginx:1.27'], current: false, createdAt: ago(60) },
      { revision: 2, source: 'web-b', images: ['nginx:1.28'], current: true, changeCause: 'bump' },
    ],
    now,
  );
  assert.deepEqual(history.rows, [
    ['1', '', '60s', 'nginx:1.27', '<none>'],
    ['2', '*', '<unknown>', 'nginx:1.28', 'bump'],
  ]);
});

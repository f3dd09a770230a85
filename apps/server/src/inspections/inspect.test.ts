import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INSPECTION_FINDING_CODES, type InspectionFinding } from '@portolan/api';
import { deprecatedApiRequests, parseHealthChecks } from './checks-cluster.ts';
import { floatingImage } from './checks-workload.ts';
import { inspect } from './inspect.ts';
import {
  INSPECTED_TYPES,
  type InspectedKind,
  type InspectionInput,
  type KubeObject,
  type LiveReads,
  type StoredObjects,
} from './inspection-input.ts';
import { said } from './said.ts';

const NOW = new Date('2026-12-05T12:00:00Z');

const object = (
  kind: string,
  name: string,
  namespace: string | undefined,
  rest: Partial<KubeObject> = {},
): KubeObject => ({
  kind,
  ...rest,
  metadata: {
    name,
    ...(namespace ? { namespace } : {}),
    creationTimestamp: '2026-12-01T00:00:00Z',
    ...(rest.metadata ?? {}),
  },
});

function objects(given: Partial<Record<InspectedKind, KubeObject[]>>): StoredObjects {
  return Object.fromEntries(
    (Object.keys(INSPECTED_TYPES) as InspectedKind[]).map((kind) => [
      kind,
      { ok: true, value: given[kind] ?? [] },
    ]),
  ) as StoredObjects;
}

const none = { ok: false, reason: said('skip.read-not-served', { path: '/not-asked' }) } as const;
const noLive: LiveReads = {
  readyz: none,
  livez: none,
  metrics: none,
  systemLeases: none,
  nodeLeases: none,
  nodeMetrics: none,
};
const cluster = { name: 'c1', status: 'Ready', reason: null, version: 'v1.34.1', credentials: [] };

function run(given: Partial<Record<InspectedKind, KubeObject[]>>, live: Partial<LiveReads> = {}, spec = {}) {
  const input: InspectionInput = { cluster, now: NOW, objects: objects(given), live: { ...noLive, ...live } };
  return inspect(input, spec);
}

const failed = (findings: InspectionFinding[], item: string) =>
  findings.filter((f) => f.item === item && f.status === 'failed').map((f) => f.object?.name);

test('unused: every way a pod spec, a ServiceAccount or an Ingress refers to a ConfigMap or Secret counts', () => {
  const pod = object('Pod', 'p', 'a', {
    spec: {
      volumes: [
        { name: 'v1', configMap: { name: 'cm-volume' } },
        {
          name: 'v2',
          projected: {
            sources: [{ configMap: { name: 'cm-projected' } }, { secret: { name: 's-projected' } }],
          },
        },
        { name: 'v3', csi: { driver: 'x', nodePublishSecretRef: { name: 's-csi' } } },
      ],
      initContainers: [{ name: 'i', envFrom: [{ secretRef: { name: 's-init-envfrom' } }] }],
      containers: [
        { name: 'c', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cm-env', key: 'k' } } }] },
      ],
      ephemeralContainers: [
        { name: 'e', env: [{ name: 'Y', valueFrom: { secretKeyRef: { name: 's-ephemeral', key: 'k' } } }] },
      ],
      imagePullSecrets: [{ name: 's-pull' }],
    },
  });
  // A CronJob's template refers too, though no pod runs now.
  const cron = object('CronJob', 'nightly', 'a', {
    spec: {
      jobTemplate: {
        spec: {
          template: {
            spec: { containers: [{ name: 'c', envFrom: [{ configMapRef: { name: 'cm-cron' } }] }] },
          },
        },
      },
    },
  });
  const account = {
    ...object('ServiceAccount', 'sa', 'a'),
    imagePullSecrets: [{ name: 's-sa-pull' }],
    secrets: [{ name: 's-sa-token' }],
  };
  const ingress = object('Ingress', 'web', 'a', { spec: { tls: [{ secretName: 's-tls' }] } });
  const used = ['cm-volume', 'cm-projected', 'cm-env', 'cm-cron'];
  const usedSecrets = [
    's-projected',
    's-csi',
    's-init-envfrom',
    's-ephemeral',
    's-pull',
    's-sa-pull',
    's-sa-token',
    's-tls',
  ];
  const result = run({
    pods: [pod],
    cronjobs: [cron],
    serviceaccounts: [account],
    ingresses: [ingress],
    configmaps: [...used, 'cm-orphan', 'kube-root-ca.crt'].map((name) => object('ConfigMap', name, 'a')),
    secrets: [
      ...[...usedSecrets, 's-orphan'].map((name) => object('Secret', name, 'a')),
      // Made and read by Helm and by Kubernetes itself, and the same name in another namespace.
      { ...object('Secret', 'sh.helm.release.v1.web.v1', 'a'), type: 'helm.sh/release.v1' },
      { ...object('Secret', 'token', 'a'), type: 'kubernetes.io/service-account-token' },
      object('Secret', 'anything', 'kube-system'),
      object('Secret', 's-pull', 'b'),
    ],
  });
  assert.deepEqual(failed(result.findings, 'unused-configmaps'), ['cm-orphan']);
  assert.deepEqual(failed(result.findings, 'unused-secrets').sort(), ['s-orphan', 's-pull']);
  assert.equal(result.findings.find((f) => f.object?.name === 's-pull')?.object?.namespace, 'b');
});

test('unused is skipped, not failed, when a kind that may refer is not synced', () => {
  const input: InspectionInput = {
    cluster,
    now: NOW,
    objects: {
      ...objects({ configmaps: [object('ConfigMap', 'x', 'a')] }),
      ingresses: { ok: false, reason: said('skip.not-synced', { kind: 'ingresses' }) },
    },
    live: noLive,
  };
  const result = inspect(input, {});
  const finding = result.findings.find((f) => f.item === 'unused-configmaps');
  assert.equal(finding?.status, 'skipped');
  assert.match(finding?.message ?? '', /references cannot all be seen: Portolan does not sync ingresses/);
  // The reason inside the reason keeps its code and values, so the console can word both.
  assert.equal(finding?.code, 'skip.references-unseen');
  assert.equal(finding?.params?.detailCode, 'skip.not-synced');
  assert.equal(finding?.params?.['detail.kind'], 'ingresses');
});

test('exemptions: on the object, on its namespace, and in the configuration', () => {
  const latest = (name: string, namespace: string, annotations?: Record<string, string>) =>
    object('Pod', name, namespace, {
      metadata: { name, annotations },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    } as Partial<KubeObject>);
  const result = run(
    {
      namespaces: [
        object('Namespace', 'quiet', undefined, {
          metadata: { name: 'quiet', annotations: { 'portolan.dev/inspection-exempt': '*' } },
        }),
      ],
      pods: [
        latest('flagged', 'a'),
        latest('annotated', 'a', { 'portolan.dev/inspection-exempt': 'pod-restarts, image-latest' }),
        latest('other-item', 'a', { 'portolan.dev/inspection-exempt': 'pod-restarts' }),
        latest('in-quiet', 'quiet'),
        latest('by-config', 'a'),
      ],
    },
    {},
    { exemptions: [{ item: 'image-latest', kind: 'Pod', name: 'by-config' }] },
  );
  const status = (name: string) =>
    result.findings.find((f) => f.item === 'image-latest' && f.object?.name === name)?.status;
  assert.equal(status('flagged'), 'failed');
  assert.equal(status('other-item'), 'failed');
  assert.equal(status('annotated'), 'exempt');
  assert.equal(status('in-quiet'), 'exempt');
  assert.equal(status('by-config'), 'exempt');
  // Exempt objects count neither way: the score's failures are the failed findings, no more.
  const workloadFailures = result.findings.filter((f) => f.level === 'workload' && f.status === 'failed');
  assert.equal(result.scores.workload?.failed, workloadFailures.length);
});

test('items switched off give no findings; parameters and severities come from the configuration', () => {
  const restarting = object('Pod', 'p', 'a', {
    spec: { containers: [{ name: 'c', image: 'x:1' }] },
    status: {
      phase: 'Running',
      containerStatuses: [{ name: 'c', restartCount: 3, lastState: { terminated: { reason: 'OOMKilled' } } }],
    },
  });
  assert.deepEqual(failed(run({ pods: [restarting] }).findings, 'pod-restarts'), []);
  const strict = run(
    { pods: [restarting] },
    {},
    {
      items: [
        { id: 'pod-restarts', params: { threshold: 2 }, severity: 'critical' },
        { id: 'root-containers', enabled: false },
      ],
    },
  );
  const finding = strict.findings.find((f) => f.item === 'pod-restarts');
  assert.equal(finding?.severity, 'critical');
  assert.match(finding?.message ?? '', /3 times.*OOMKilled/);
  assert.equal(finding?.code, 'pod-restarts.restarts-exit');
  assert.deepEqual(finding?.params, { restarts: 3, threshold: 2, exit: 'OOMKilled' });
  assert.equal(strict.findings.filter((f) => f.item === 'root-containers').length, 0);
});

test('an Offline cluster: every check is skipped with the reason, none failed, scores untouched', () => {
  const reason = said('skip.cluster-offline.reason', {
    cluster: 'c1',
    status: 'Offline',
    detail: 'connection refused',
  });
  const input: InspectionInput = {
    cluster: { ...cluster, status: 'Offline' },
    now: NOW,
    objects: Object.fromEntries(
      (Object.keys(INSPECTED_TYPES) as InspectedKind[]).map((k) => [k, { ok: false, reason }]),
    ) as StoredObjects,
    live: Object.fromEntries(
      Object.keys(noLive).map((k) => [k, { ok: false, reason }]),
    ) as unknown as LiveReads,
  };
  const result = inspect(input, {});
  assert.equal(result.findings.filter((f) => f.status === 'failed').length, 0);
  assert.ok(result.findings.length > 10);
  assert.ok(
    result.findings.every(
      (f) =>
        f.status === 'skipped' &&
        f.message.endsWith('cluster c1 is Offline (connection refused): its objects cannot be judged') &&
        (f.code === 'skip.cluster-offline.reason' || f.params?.detailCode === 'skip.cluster-offline.reason'),
    ),
  );
  assert.equal(result.scores.overall?.score, 100);
  assert.ok((result.scores.overall?.skipped ?? 0) > 10);
});

test('nodes: not Ready, pressure, an old heartbeat, pods against capacity, and usage from metrics.k8s.io', () => {
  const node = (name: string, conditions: object[]) =>
    object('Node', name, undefined, {
      status: { conditions, allocatable: { cpu: '2', memory: '4Gi', pods: '2' } },
    });
  const ready = { type: 'Ready', status: 'True' };
  const nodes = [
    node('ok', [ready]),
    node('down', [{ type: 'Ready', status: 'False', reason: 'KubeletNotReady' }]),
    node('full', [ready, { type: 'DiskPressure', status: 'True' }]),
  ];
  const pods = [1, 2].map((i) =>
    object('Pod', `p${i}`, 'a', { spec: { nodeName: 'full', containers: [] }, status: { phase: 'Running' } }),
  );
  const lease = (name: string, renewTime: string) =>
    object('Lease', name, 'kube-node-lease', { spec: { renewTime } });
  const result = run(
    { nodes, pods },
    {
      nodeLeases: {
        ok: true,
        value: [
          lease('ok', '2026-12-05T11:59:50Z'),
          lease('down', '2026-12-05T11:00:00Z'),
          lease('full', '2026-12-05T11:59:59Z'),
        ],
      },
      nodeMetrics: {
        ok: true,
        value: [{ ...object('NodeMetrics', 'ok', undefined), usage: { cpu: '1900m', memory: '1Gi' } }],
      },
    },
  );
  assert.deepEqual(failed(result.findings, 'node-conditions'), ['down']);
  assert.deepEqual(failed(result.findings, 'node-heartbeat'), ['down']);
  assert.deepEqual(failed(result.findings, 'node-pressure'), ['full']);
  assert.deepEqual(failed(result.findings, 'node-pod-capacity'), ['full']);
  assert.deepEqual(failed(result.findings, 'node-usage'), ['ok']);
  // Without metrics.k8s.io the usage check says why it did not run.
  const skipped = run(
    { nodes },
    {
      nodeMetrics: {
        ok: false,
        reason: said('skip.read-not-served', { path: '/apis/metrics.k8s.io/v1beta1/nodes' }),
      },
    },
  );
  assert.equal(
    skipped.findings.find((f) => f.item === 'node-usage')?.message,
    '/apis/metrics.k8s.io/v1beta1/nodes is not served by this cluster',
  );
  const down = result.findings.find((f) => f.item === 'node-conditions');
  assert.equal(down?.code, 'node-conditions.not-ready');
  assert.deepEqual(down?.params, { status: 'False', detail: 'KubeletNotReady' });
});

test('pending pods carry the scheduler reason; failing Jobs and lost claims are found', () => {
  const pending = object('Pod', 'waiting', 'a', {
    spec: { containers: [] },
    status: {
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message: '0/3 nodes are available: 3 Insufficient cpu.',
        },
      ],
    },
  });
  const job = object('Job', 'migrate', 'a', {
    spec: { backoffLimit: 1 },
    status: { conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }] },
  });
  const claim = object('PersistentVolumeClaim', 'data', 'a', {
    status: { phase: 'Lost' },
    spec: { volumeName: 'pv-1' },
  });
  const result = run({ pods: [pending], jobs: [job], persistentvolumeclaims: [claim] });
  const pendingFinding = result.findings.find((f) => f.item === 'pod-pending');
  assert.match(pendingFinding?.message ?? '', /Insufficient cpu/);
  // The scheduler's words stay as Kubernetes wrote them, a value beside the code.
  assert.equal(pendingFinding?.code, 'pod-pending.unschedulable');
  assert.equal(pendingFinding?.params?.detail, 'Unschedulable: 0/3 nodes are available: 3 Insufficient cpu.');
  assert.match(result.findings.find((f) => f.item === 'job-failing')?.message ?? '', /BackoffLimitExceeded/);
  assert.match(result.findings.find((f) => f.item === 'pvc-pending-lost')?.message ?? '', /Lost/);
});

test('readyz lines, deprecated API series and floating image tags are read as Kubernetes writes them', () => {
  assert.deepEqual(parseHealthChecks('[+]ping ok\n[-]etcd failed: reason withheld\nreadyz check failed'), [
    { name: 'ping', ok: true, detail: 'ok' },
    { name: 'etcd', ok: false, detail: 'failed: reason withheld' },
  ]);
  const metrics = [
    '# TYPE apiserver_requested_deprecated_apis gauge',
    'apiserver_requested_deprecated_apis{group="",removed_release="",resource="endpoints",subresource="",version="v1"} 1',
    'apiserver_requested_deprecated_apis{group="flowcontrol.apiserver.k8s.io",removed_release="1.32",resource="flowschemas",subresource="",version="v1beta3"} 1',
  ].join('\n');
  assert.deepEqual(
    deprecatedApiRequests(metrics).map((l) => `${l.group}/${l.version}/${l.resource}`),
    ['flowcontrol.apiserver.k8s.io/v1beta3/flowschemas'],
  );
  assert.equal(floatingImage('nginx'), true);
  assert.equal(floatingImage('nginx:latest'), true);
  assert.equal(floatingImage('registry:5000/team/app'), true);
  assert.equal(floatingImage('registry:5000/team/app:1.2'), false);
  assert.equal(floatingImage('app@sha256:0123'), false);
});

test('every finding carries a known code, and its English is the code filled in with no value missing', () => {
  const everything = run({
    pods: [
      object('Pod', 'bare', 'a', {
        spec: { containers: [{ name: 'c', image: 'nginx', securityContext: { privileged: true } }] },
        status: { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' },
      }),
    ],
    services: [object('Service', 's', 'a', { spec: { selector: { app: 'x' } } })],
    deployments: [
      object('Deployment', 'd', 'a', { spec: { replicas: 1, template: { spec: { containers: [] } } } }),
    ],
  });
  assert.ok(everything.findings.length > 8);
  for (const finding of everything.findings) {
    assert.ok(INSPECTION_FINDING_CODES.includes(finding.code as never), `${finding.item}: ${finding.code}`);
    assert.doesNotMatch(finding.message, /\{\w+\}/, finding.message);
  }
  const evicted = everything.findings.find((f) => f.item === 'pod-not-running');
  assert.equal(evicted?.message, 'the pod is Failed: Evicted: The node was low on resource: memory.');
  assert.deepEqual(evicted?.params, {
    phase: 'Failed',
    detail: 'Evicted: The node was low on resource: memory.',
  });
  const images = everything.findings.find((f) => f.item === 'image-latest');
  assert.deepEqual([images?.code, images?.params], ['image-latest.floating', { images: 'c (nginx)' }]);
});

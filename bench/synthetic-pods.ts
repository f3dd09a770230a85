import { randomBytes } from 'node:crypto';
import { recordFromObject } from '../apps/server/src/store/resources/resource-record.ts';
import type { ResourceRecord } from '../apps/server/src/store/store.ts';
import { PODS } from '../apps/server/src/store/testing/store-fixtures.ts';

/**
 * Synthetic pods for the store and search benchmarks, as large and varied as real ones: full specs
 * and statuses (one to three containers, some with init containers or sidecars, env with values and
 * references, volume mounts, probes, the service account token volume, tolerations, conditions,
 * container statuses), 4–7 KB of JSON each, made into records by the sync's own recordFromObject
 * (managedFields dropped). The labels queried keep their shares: `app=…` is narrow (rows/APPS pods),
 * `tier` and `team` broad.
 */
export const NAMESPACES = 100; // per cluster
export const APPS = 10_000; // so `app=…` is narrow (~rows/APPS pods)

let seed = 1;
export const resetSeed = () => {
  seed = 1;
};
const random = (n: number) => {
  seed = (seed * 48271) % 2147483647;
  return seed % n;
};
const pick = <T>(list: readonly T[]): T => list[random(list.length)] as T;
const PHASES = [
  'Running',
  'Running',
  'Running',
  'Running',
  'Running',
  'Running',
  'Running',
  'Pending',
  'Succeeded',
  'Failed',
];
const IMAGES = [
  'nginx',
  'envoy',
  'redis',
  'postgres',
  'java-service',
  'node-api',
  'python-worker',
  'go-gateway',
];
const SIDECARS = ['istio-proxy', 'fluent-bit', 'oauth2-proxy', 'cloud-sql-proxy'];
const ENV_NAMES = [
  'LOG_LEVEL',
  'LOG_FORMAT',
  'HTTP_PORT',
  'GRPC_PORT',
  'DATABASE_HOST',
  'DATABASE_PORT',
  'DATABASE_NAME',
  'CACHE_URL',
  'FEATURE_FLAGS',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_SERVICE_NAME',
  'JAVA_OPTS',
  'GOMAXPROCS',
  'REGION',
  'TZ',
];

const time = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

function env(app: string, namespace: string, count: number): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const name = ENV_NAMES[(i + random(3)) % ENV_NAMES.length] as string;
    const kind = random(10);
    if (kind < 6)
      out.push({ name: `${name}_${i}`, value: `${app}.${namespace}.svc.cluster.local:${8000 + i}` });
    else if (kind < 8)
      out.push({
        name: `${name}_${i}`,
        valueFrom: { secretKeyRef: { name: `${app}-secrets`, key: name.toLowerCase() } },
      });
    else if (kind < 9)
      out.push({
        name: `${name}_${i}`,
        valueFrom: { configMapKeyRef: { name: `${app}-config`, key: name.toLowerCase() } },
      });
    else
      out.push({
        name: `${name}_${i}`,
        valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } },
      });
  }
  return out;
}

function probe(port: number, path: string): unknown {
  return {
    httpGet: { path, port, scheme: 'HTTP' },
    initialDelaySeconds: 5 + random(30),
    timeoutSeconds: 1 + random(5),
    periodSeconds: 10,
    successThreshold: 1,
    failureThreshold: 3,
  };
}

function container(name: string, image: string, app: string, namespace: string, mounts: unknown[]): unknown {
  const port = 8000 + random(1000);
  return {
    name,
    image,
    imagePullPolicy: 'IfNotPresent',
    ports: [
      { name: 'http', containerPort: port, protocol: 'TCP' },
      ...(random(2) ? [{ name: 'metrics', containerPort: 9090, protocol: 'TCP' }] : []),
    ],
    env: env(app, namespace, 3 + random(10)),
    resources: {
      requests: { cpu: `${50 * (1 + random(8))}m`, memory: `${64 * (1 + random(16))}Mi` },
      limits: { memory: `${128 * (1 + random(16))}Mi` },
    },
    volumeMounts: mounts,
    livenessProbe: probe(port, '/healthz'),
    readinessProbe: probe(port, '/ready'),
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: 1000 + random(1000),
    },
  };
}

function containerStatus(name: string, image: string, phase: string, started: number): unknown {
  const running = phase === 'Running';
  const restarts = random(20) === 0 ? random(50) : 0;
  return {
    name,
    image,
    imageID: `${image.split(':')[0]}@sha256:${hex(32)}`,
    containerID: `containerd://${hex(32)}`,
    ready: running,
    started: running,
    restartCount: restarts,
    state: running
      ? { running: { startedAt: time(started + 4000) } }
      : phase === 'Pending'
        ? { waiting: { reason: 'ContainerCreating' } }
        : {
            terminated: {
              exitCode: phase === 'Failed' ? 1 : 0,
              reason: phase === 'Failed' ? 'Error' : 'Completed',
              startedAt: time(started + 4000),
              finishedAt: time(started + 60_000),
              containerID: `containerd://${hex(32)}`,
            },
          },
    ...(restarts > 0 && {
      lastState: {
        terminated: {
          exitCode: 137,
          reason: 'OOMKilled',
          startedAt: time(started),
          finishedAt: time(started + 2000),
        },
      },
    }),
  };
}

/**
 * Small pods keep the same names, namespaces, labels, owners, nodes and phases as full ones (so every
 * search shape finds the same shares) but only one container and a short status, about 1 KB of JSON:
 * for a run at ten million objects, which would not fit this machine's disk as full pods.
 */
let small = false;
export const useSmallPods = (on: boolean) => {
  small = on;
};

export function pod(i: number): ResourceRecord {
  const app = `app-${random(APPS)}`;
  const hash = (i >> 3).toString(36).padStart(6, '0');
  const generateName = `${app}-${hash}-`;
  const name = `${generateName}${randomBytes(3).toString('hex')}`;
  const namespace = `ns-${random(NAMESPACES)}`;
  const labels: Record<string, string> = {
    app,
    tier: ['front', 'back', 'cache'][random(3)] as string,
    team: `team-${random(50)}`,
    'pod-template-hash': hash,
  };
  if (random(2)) labels['app.kubernetes.io/version'] = `1.${random(20)}.${random(10)}`;
  if (random(3) === 0) labels['security.istio.io/tlsMode'] = 'istio';
  const createdMs = Date.UTC(2025, 0, 1) + random(90 * 86_400) * 1000;
  const node = `node-${random(1000)}`;
  const phase = PHASES[random(PHASES.length)] as string;
  const uid = `${hex(4)}-${hex(2)}-${hex(2)}-${hex(2)}-${hex(6)}`;
  const image = `registry.example.com/${pick(IMAGES)}/${app}:1.${random(20)}.${random(10)}`;
  const token = {
    name: `kube-api-access-${hex(3).slice(0, 5)}`,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        {
          downwardAPI: {
            items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
          },
        },
      ],
    },
  };
  const volumes: unknown[] = [
    { name: 'config', configMap: { name: `${app}-config`, defaultMode: 420 } },
    { name: 'tmp', emptyDir: {} },
    token,
  ];
  if (random(2)) volumes.push({ name: 'tls', secret: { secretName: `${app}-tls`, defaultMode: 420 } });
  if (random(4) === 0) volumes.push({ name: 'data', persistentVolumeClaim: { claimName: `${app}-data` } });
  const mounts = [
    { name: 'config', mountPath: '/etc/app', readOnly: true },
    { name: 'tmp', mountPath: '/tmp' },
    { name: token.name, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
  ];
  const containers = [container('main', image, app, namespace, mounts)];
  const statuses = [containerStatus('main', image, phase, createdMs)];
  for (let s = random(3); s > 0; s--) {
    const sidecar = SIDECARS[(s + random(SIDECARS.length)) % SIDECARS.length] as string;
    const sidecarImage = `registry.example.com/infra/${sidecar}:1.${random(30)}`;
    containers.push(container(sidecar, sidecarImage, app, namespace, mounts.slice(1)));
    statuses.push(containerStatus(sidecar, sidecarImage, phase, createdMs));
  }
  const init = random(3) === 0;
  const podIP = `10.${random(255)}.${random(255)}.${random(255)}`;
  const hostIP = `172.16.${random(255)}.${random(255)}`;
  const ready = phase === 'Running' ? 'True' : 'False';
  const condition = (type: string, status: string, offset: number) => ({
    type,
    status,
    lastProbeTime: null,
    lastTransitionTime: time(createdMs + offset),
  });
  const object = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName,
      namespace,
      uid,
      resourceVersion: String(1_000_000 + i),
      creationTimestamp: time(createdMs),
      labels,
      annotations: {
        'kubectl.kubernetes.io/restartedAt': time(createdMs - 86_400_000),
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': '9090',
        ...(random(2) && { 'checksum/config': hex(32) }),
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: `${app}-${hash}`,
          uid: `rs-${hash}`,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
      // The sync drops these; real pods carry a few KB of them.
      managedFields: [
        { manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'v1', time: time(createdMs) },
        { manager: 'kubelet', operation: 'Update', apiVersion: 'v1', subresource: 'status' },
      ],
    },
    spec: {
      volumes,
      ...(init && {
        initContainers: [
          {
            name: 'migrate',
            image,
            command: ['/bin/migrate', '--wait', '--timeout=120s'],
            resources: { requests: { cpu: '50m', memory: '64Mi' } },
            volumeMounts: mounts.slice(0, 1),
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
            imagePullPolicy: 'IfNotPresent',
          },
        ],
      }),
      containers,
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: random(2) ? app : 'default',
      serviceAccount: 'default',
      nodeName: node,
      securityContext: { fsGroup: 2000, seccompProfile: { type: 'RuntimeDefault' } },
      schedulerName: 'default-scheduler',
      tolerations: [
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ],
      ...(random(3) === 0 && {
        affinity: {
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 100,
                podAffinityTerm: {
                  labelSelector: { matchLabels: { app } },
                  topologyKey: 'kubernetes.io/hostname',
                },
              },
            ],
          },
        },
      }),
      priority: 0,
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
    },
    status: {
      phase,
      conditions: [
        condition('PodReadyToStartContainers', phase === 'Pending' ? 'False' : 'True', 3000),
        condition('Initialized', 'True', 1000),
        condition('Ready', ready, 9000),
        condition('ContainersReady', ready, 9000),
        condition('PodScheduled', 'True', 0),
      ],
      hostIP,
      hostIPs: [{ ip: hostIP }],
      ...(phase !== 'Pending' && { podIP, podIPs: [{ ip: podIP }] }),
      startTime: time(createdMs + 500),
      ...(init && { initContainerStatuses: [containerStatus('migrate', image, 'Succeeded', createdMs)] }),
      containerStatuses: statuses,
      qosClass: 'Burstable',
    },
  };
  if (small) {
    const { annotations: _annotations, ...metadata } = object.metadata;
    const spec = { containers: [{ name: 'main', image }], nodeName: node, serviceAccountName: 'default' };
    const status = { phase, hostIP, ...(phase !== 'Pending' && { podIP }), startTime: time(createdMs + 500) };
    return recordFromObject(PODS, { apiVersion: 'v1', kind: 'Pod', metadata, spec, status });
  }
  return recordFromObject(PODS, object);
}

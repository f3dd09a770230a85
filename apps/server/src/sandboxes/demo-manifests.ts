import type { KubeObject } from '#server/resources/kube-object.ts';

/**
 * What a demo sandbox is filled with, so every page of the console has something real to show:
 * three namespaces, a workload of each kind, ClusterIP and NodePort Services, an Ingress,
 * ConfigMaps, Secrets, and storage (a StorageClass, a PersistentVolume and a claim that binds to it).
 * Images are never pulled: the sandbox's nodes are simulated (kwok).
 */
export function demoManifests(): KubeObject[] {
  const shop = 'demo-shop';
  const data = 'demo-data';
  const batch = 'demo-batch';
  const labels = (app: string) => ({ app, 'portolan.dev/demo': 'true' });
  const container = (name: string, image: string, port?: number) => ({
    name,
    image,
    ...(port ? { ports: [{ containerPort: port }] } : {}),
    resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '250m', memory: '128Mi' } },
  });
  const template = (app: string, containers: unknown[], extra: Record<string, unknown> = {}) => ({
    metadata: { labels: labels(app) },
    spec: { containers, ...extra },
  });
  return [
    ...[shop, data, batch].map((name) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'portolan.dev/demo': 'true' } },
    })),
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'web-settings', namespace: shop, labels: labels('web') },
      data: { GREETING: 'Welcome to the demo shop', LOG_LEVEL: 'info' },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'web-credentials', namespace: shop, labels: labels('web') },
      type: 'Opaque',
      stringData: { API_KEY: 'demo-not-a-real-key' },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: shop, labels: labels('web') },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: template('web', [
          {
            ...container('web', 'nginx:1.27', 80),
            envFrom: [{ configMapRef: { name: 'web-settings' } }, { secretRef: { name: 'web-credentials' } }],
          },
        ]),
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: shop, labels: labels('web') },
      spec: {
        type: 'ClusterIP',
        selector: { app: 'web' },
        ports: [{ name: 'http', port: 80, targetPort: 80 }],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web-nodeport', namespace: shop, labels: labels('web') },
      spec: {
        type: 'NodePort',
        selector: { app: 'web' },
        ports: [{ name: 'http', port: 80, targetPort: 80 }],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web', namespace: shop, labels: labels('web') },
      spec: {
        rules: [
          {
            host: 'shop.demo.local',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'web', port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
    },
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'demo-manual', labels: { 'portolan.dev/demo': 'true' } },
      provisioner: 'kubernetes.io/no-provisioner',
      volumeBindingMode: 'Immediate',
    },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'demo-data-volume', labels: { 'portolan.dev/demo': 'true' } },
      spec: {
        storageClassName: 'demo-manual',
        capacity: { storage: '1Gi' },
        accessModes: ['ReadWriteOnce'],
        hostPath: { path: '/tmp/portolan-demo' },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'db-backups', namespace: data, labels: labels('db') },
      spec: {
        storageClassName: 'demo-manual',
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '1Gi' } },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'db-settings', namespace: data, labels: labels('db') },
      data: { 'postgresql.conf': 'max_connections = 100\nshared_buffers = 128MB\n' },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db-password', namespace: data, labels: labels('db') },
      type: 'Opaque',
      stringData: { POSTGRES_PASSWORD: 'demo-password' },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      // Headless: the StatefulSet's pods get stable names through it.
      metadata: { name: 'db', namespace: data, labels: labels('db') },
      spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ name: 'postgres', port: 5432 }] },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: data, labels: labels('db') },
      spec: {
        serviceName: 'db',
        replicas: 2,
        selector: { matchLabels: { app: 'db' } },
        template: template('db', [
          {
            ...container('postgres', 'postgres:17', 5432),
            env: [
              {
                name: 'POSTGRES_PASSWORD',
                valueFrom: { secretKeyRef: { name: 'db-password', key: 'POSTGRES_PASSWORD' } },
              },
            ],
          },
        ]),
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'log-agent', namespace: data, labels: labels('log-agent') },
      spec: {
        selector: { matchLabels: { app: 'log-agent' } },
        template: template('log-agent', [container('agent', 'fluent/fluent-bit:3.2')], {
          tolerations: [{ operator: 'Exists' }],
        }),
      },
    },
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'import-catalogue', namespace: batch, labels: labels('import') },
      spec: {
        completions: 1,
        backoffLimit: 2,
        template: template('import', [container('import', 'busybox:1.37')], { restartPolicy: 'Never' }),
      },
    },
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly-report', namespace: batch, labels: labels('report') },
      spec: {
        schedule: '0 2 * * *',
        jobTemplate: {
          spec: {
            template: template('report', [container('report', 'busybox:1.37')], {
              restartPolicy: 'OnFailure',
            }),
          },
        },
      },
    },
  ] as KubeObject[];
}

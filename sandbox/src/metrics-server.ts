import { readFile } from 'node:fs/promises';
import { SandboxError } from './errors.ts';
import { httpOk } from './http-probe.ts';
import { type KubeEndpoint, kubeApply, kubeRequest } from './kube-http.ts';
import type { SandboxPki } from './pki.ts';

/**
 * metrics-server on a sandbox: it scrapes every node's kubelet resource metrics (kwok's, see
 * kwok-metrics.ts) and serves the metrics.k8s.io API that `kubectl top` and HorizontalPodAutoscalers
 * read, through the API server's aggregation layer.
 *
 * The API server reaches an aggregated API through a Service. A sandbox has no kube-proxy, so a
 * ClusterIP Service routes nowhere; an ExternalName Service is resolved by the aggregator itself to
 * `<externalName>:<port>`, so `localhost` and metrics-server's port reach it. The aggregator checks
 * metrics-server's certificate against the name metrics-server.kube-system.svc and the APIService's
 * caBundle (the sandbox's CA signs it).
 */

export const METRICS_SERVER_NAMESPACE = 'kube-system';
export const METRICS_SERVER_SERVICE = 'metrics-server';
export const METRICS_SERVER_USER = 'system:metrics-server';
/** How often metrics-server scrapes the nodes: short, so tests and HPAs see a change within seconds. */
export const METRIC_RESOLUTION = '15s';

const METRICS_API_SERVICE_PATH = '/apis/apiregistration.k8s.io/v1/apiservices/v1beta1.metrics.k8s.io';

export interface MetricsServerContext {
  binary: string;
  port: number;
  kubeconfig: string;
  logPath: string;
  pki: SandboxPki;
  admin: KubeEndpoint;
}

/** metrics-server's command line. */
export function metricsServerArgs(ctx: MetricsServerContext): string[] {
  const { pki } = ctx;
  return [
    `--kubeconfig=${ctx.kubeconfig}`,
    `--authentication-kubeconfig=${ctx.kubeconfig}`,
    `--authorization-kubeconfig=${ctx.kubeconfig}`,
    '--bind-address=127.0.0.1',
    `--secure-port=${ctx.port}`,
    `--tls-cert-file=${pki.metricsServerCert}`,
    `--tls-private-key-file=${pki.metricsServerKey}`,
    // kwok answers as every node's kubelet on 127.0.0.1 (the nodes' InternalIP) at the port in the
    // node's status, with a certificate from the sandbox's CA; so it is verified, not skipped.
    '--kubelet-preferred-address-types=InternalIP',
    '--kubelet-use-node-status-port',
    `--kubelet-certificate-authority=${pki.caCert}`,
    `--metric-resolution=${METRIC_RESOLUTION}`,
    '--profiling=false',
  ];
}

/** The RBAC metrics-server needs, its ExternalName Service and the APIService, as upstream ships them. */
export function metricsServerObjects(port: number, caPem: string): { path: string; object: unknown }[] {
  const rbac = 'rbac.authorization.k8s.io';
  const user = { apiGroup: rbac, kind: 'User', name: METRICS_SERVER_USER };
  const clusterRole = (name: string, rules: unknown[], labels?: Record<string, string>) => ({
    path: `/apis/${rbac}/v1/clusterroles/${encodeURIComponent(name)}`,
    object: { apiVersion: `${rbac}/v1`, kind: 'ClusterRole', metadata: { name, labels }, rules },
  });
  const clusterRoleBinding = (name: string, role: string) => ({
    path: `/apis/${rbac}/v1/clusterrolebindings/${encodeURIComponent(name)}`,
    object: {
      apiVersion: `${rbac}/v1`,
      kind: 'ClusterRoleBinding',
      metadata: { name },
      roleRef: { apiGroup: rbac, kind: 'ClusterRole', name: role },
      subjects: [user],
    },
  });
  const ns = METRICS_SERVER_NAMESPACE;
  return [
    clusterRole('system:metrics-server', [
      { apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] },
      { apiGroups: [''], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] },
    ]),
    // Who may view, edit or administer a namespace may also read its pods' usage (`kubectl top`).
    clusterRole(
      'system:aggregated-metrics-reader',
      [{ apiGroups: ['metrics.k8s.io'], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] }],
      {
        'rbac.authorization.k8s.io/aggregate-to-view': 'true',
        'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
        'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
      },
    ),
    clusterRoleBinding('system:metrics-server', 'system:metrics-server'),
    clusterRoleBinding('metrics-server:system:auth-delegator', 'system:auth-delegator'),
    {
      path: `/apis/${rbac}/v1/namespaces/${ns}/rolebindings/metrics-server-auth-reader`,
      object: {
        apiVersion: `${rbac}/v1`,
        kind: 'RoleBinding',
        metadata: { name: 'metrics-server-auth-reader', namespace: ns },
        roleRef: { apiGroup: rbac, kind: 'Role', name: 'extension-apiserver-authentication-reader' },
        subjects: [user],
      },
    },
    {
      path: `/api/v1/namespaces/${ns}/services/${METRICS_SERVER_SERVICE}`,
      object: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: METRICS_SERVER_SERVICE, namespace: ns, labels: { 'k8s-app': 'metrics-server' } },
        spec: {
          type: 'ExternalName',
          externalName: 'localhost',
          ports: [{ name: 'https', port, protocol: 'TCP' }],
        },
      },
    },
    {
      path: METRICS_API_SERVICE_PATH,
      object: {
        apiVersion: 'apiregistration.k8s.io/v1',
        kind: 'APIService',
        metadata: { name: 'v1beta1.metrics.k8s.io', labels: { 'k8s-app': 'metrics-server' } },
        spec: {
          group: 'metrics.k8s.io',
          version: 'v1beta1',
          service: { namespace: ns, name: METRICS_SERVER_SERVICE, port },
          caBundle: Buffer.from(caPem).toString('base64'),
          groupPriorityMinimum: 100,
          versionPriority: 100,
        },
      },
    },
  ];
}

/**
 * Applies the objects metrics-server needs before it starts: without its RBAC it cannot read the
 * front-proxy CA from kube-system and exits. The Service and APIService carry this start's port.
 */
export async function applyMetricsServerObjects(ctx: MetricsServerContext): Promise<void> {
  const caPem = await readFile(ctx.pki.caCert, 'utf8');
  for (const { path, object } of metricsServerObjects(ctx.port, caPem)) {
    try {
      await kubeApply(ctx.admin, path, object);
    } catch (error) {
      throw new SandboxError(
        'component-failed',
        `registering metrics-server with the API server failed: ${error instanceof Error ? error.message : String(error)}`,
        { component: 'metrics-server', logPath: ctx.logPath },
      );
    }
  }
}

/**
 * Unregisters the metrics API of a sandbox that no longer runs metrics-server (turned off, or its
 * binary gone): an APIService with nothing behind it fails discovery of metrics.k8s.io for every
 * client, where no APIService is a plain "the server could not find the requested resource".
 */
export async function removeMetricsApi(admin: KubeEndpoint): Promise<void> {
  const response = await kubeRequest(admin, 'DELETE', METRICS_API_SERVICE_PATH);
  if (response.status >= 300 && response.status !== 404) {
    throw new SandboxError(
      'component-failed',
      `removing the metrics.k8s.io APIService failed (${response.status}): ${response.body.slice(0, 300)}`,
      { component: 'kube-apiserver' },
    );
  }
}

/** Ready when it serves (/livez); its first scrape of the nodes follows within METRIC_RESOLUTION. */
export const metricsServerLive = (port: number) => httpOk(`https://127.0.0.1:${port}/livez`);

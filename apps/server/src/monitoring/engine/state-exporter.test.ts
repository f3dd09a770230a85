import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SearchQuery, StoredResource } from '#server/store/store.ts';
import { rewriteQuery } from './prometheus-source.ts';
import { exportClusterState } from './state-exporter.ts';

/** A store holding these objects, answering searches by type as the SQL store does. */
function storeOf(objects: Array<{ group: string; resource: string; object: Record<string, unknown> }>) {
  const searches: SearchQuery[] = [];
  return {
    searches,
    resources: {
      async search(query: SearchQuery) {
        searches.push(query);
        const type = query.types?.[0];
        const items = objects
          .filter((row) => row.group === type?.group && row.resource === type?.resource)
          .map(
            (row) => ({ object: null, objectJson: JSON.stringify(row.object) }) as unknown as StoredResource,
          );
        return { items, remaining: 0, estimated: false };
      },
    },
  };
}

const pod = (
  name: string,
  owner: { kind: string; name: string; uid: string } | undefined,
  extra: object = {},
) => ({
  group: '',
  resource: 'pods',
  object: {
    metadata: {
      name,
      namespace: 'shop',
      uid: `uid-${name}`,
      ...(owner ? { ownerReferences: [{ ...owner, controller: true }] } : {}),
    },
    spec: {
      nodeName: 'node-1',
      containers: [
        { name: 'app', resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { memory: '1Gi' } } },
      ],
    },
    status: { phase: 'Running', containerStatuses: [{ name: 'app', restartCount: 3 }] },
    ...extra,
  },
});

test('the state exporter writes kube-state-metrics names with the values a user sees in the objects', async () => {
  const store = storeOf([
    pod('web-1', { kind: 'ReplicaSet', name: 'web-6f', uid: 'rs-1' }),
    pod(
      'nightly-1',
      { kind: 'Job', name: 'nightly-28', uid: 'job-1' },
      {
        status: {
          phase: 'Pending',
          containerStatuses: [
            { name: 'app', restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } },
          ],
        },
      },
    ),
    pod('bare', undefined),
    {
      group: 'apps',
      resource: 'replicasets',
      object: {
        metadata: {
          name: 'web-6f',
          uid: 'rs-1',
          ownerReferences: [{ kind: 'Deployment', name: 'web', controller: true }],
        },
      },
    },
    {
      group: 'batch',
      resource: 'jobs',
      object: {
        metadata: {
          name: 'nightly-28',
          uid: 'job-1',
          ownerReferences: [{ kind: 'CronJob', name: 'nightly', controller: true }],
        },
      },
    },
    {
      group: 'apps',
      resource: 'deployments',
      object: {
        metadata: { name: 'web', namespace: 'shop' },
        spec: { replicas: 3 },
        status: { availableReplicas: 2 },
      },
    },
    {
      group: '',
      resource: 'nodes',
      object: {
        metadata: { name: 'node-1' },
        status: {
          allocatable: { cpu: '3500m', memory: '8Gi', pods: '110' },
          capacity: { cpu: '4', memory: '8Gi', pods: '110' },
          conditions: [{ type: 'Ready', status: 'True' }],
        },
      },
    },
    {
      group: '',
      resource: 'persistentvolumeclaims',
      object: { metadata: { name: 'data', namespace: 'shop' }, status: { phase: 'Bound' } },
    },
    {
      group: '',
      resource: 'namespaces',
      object: { metadata: { name: 'shop' }, status: { phase: 'Active' } },
    },
  ]);
  const { text, samples } = await exportClusterState(store, { id: 'c1', status: 'Ready' });
  const has = (line: string) => assert.ok(text.includes(`${line}\n`), `missing: ${line}`);
  has('portolan_cluster_up 1');
  has('portolan_pod_workload{namespace="shop",pod="web-1",workload_kind="Deployment",workload="web"} 1');
  has('portolan_pod_workload{namespace="shop",pod="nightly-1",workload_kind="CronJob",workload="nightly"} 1');
  has('portolan_pod_workload{namespace="shop",pod="bare",workload_kind="Pod",workload="bare"} 1');
  has('kube_pod_status_phase{namespace="shop",pod="web-1",uid="uid-web-1",phase="Running"} 1');
  has('kube_pod_status_phase{namespace="shop",pod="web-1",uid="uid-web-1",phase="Pending"} 0');
  has(
    'kube_pod_container_status_restarts_total{namespace="shop",pod="web-1",uid="uid-web-1",container="app"} 3',
  );
  has(
    'kube_pod_container_status_waiting_reason{namespace="shop",pod="nightly-1",uid="uid-nightly-1",container="app",reason="ImagePullBackOff"} 1',
  );
  has(
    'kube_pod_container_resource_requests{namespace="shop",pod="web-1",uid="uid-web-1",container="app",node="node-1",resource="cpu",unit="core"} 0.25',
  );
  has(
    'kube_pod_container_resource_requests{namespace="shop",pod="web-1",uid="uid-web-1",container="app",node="node-1",resource="memory",unit="byte"} 67108864',
  );
  has(
    'kube_pod_container_resource_limits{namespace="shop",pod="web-1",uid="uid-web-1",container="app",node="node-1",resource="memory",unit="byte"} 1073741824',
  );
  has('kube_node_status_allocatable{node="node-1",resource="cpu",unit="core"} 3.5');
  has('kube_node_status_capacity{node="node-1",resource="pods",unit="integer"} 110');
  has('kube_node_status_condition{node="node-1",condition="Ready",status="true"} 1');
  has('kube_node_status_condition{node="node-1",condition="Ready",status="false"} 0');
  has('kube_deployment_spec_replicas{namespace="shop",deployment="web"} 3');
  has('kube_deployment_status_replicas_available{namespace="shop",deployment="web"} 2');
  has(
    'kube_persistentvolumeclaim_status_phase{namespace="shop",persistentvolumeclaim="data",phase="Bound"} 1',
  );
  has('kube_namespace_status_phase{namespace="shop",phase="Active"} 1');
  // One block per metric name, each with its HELP and TYPE once.
  assert.equal(text.match(/# TYPE kube_pod_info gauge/g)?.length, 1);
  assert.equal(text.split('\n').filter((line) => line && !line.startsWith('#')).length, samples);
  // Each type is read once (pages of 1,000), never per object.
  assert.equal(store.searches.length, 9);
});

test('an Offline cluster is down; label values are escaped', async () => {
  const store = storeOf([
    {
      group: '',
      resource: 'namespaces',
      object: { metadata: { name: 'a"b\\c\nd' }, status: { phase: 'Active' } },
    },
  ]);
  const { text } = await exportClusterState(store, { id: 'c1', status: 'Offline' });
  assert.ok(text.includes('portolan_cluster_up 0\n'));
  assert.ok(text.includes('kube_namespace_status_phase{namespace="a\\"b\\\\c\\nd",phase="Active"} 1\n'));
});

test('queries for an external engine name the cluster its way', () => {
  const named = { cluster: 'eu', label: 'k8s_cluster', value: 'prod-eu' };
  assert.equal(
    rewriteQuery('sum by (cluster, namespace) (rate(x{cluster="eu",namespace="a"}[5m]))', named),
    'sum by (k8s_cluster, namespace) (rate(x{k8s_cluster="prod-eu",namespace="a"}[5m]))',
  );
  // An engine that holds this cluster only: the matcher goes, with its comma.
  const only = { cluster: 'eu', label: 'cluster', value: null };
  assert.equal(rewriteQuery('x{cluster="eu",namespace="a"}', only), 'x{namespace="a"}');
  assert.equal(rewriteQuery('x{namespace="a", cluster="eu"}', only), 'x{namespace="a"}');
  assert.equal(rewriteQuery('x{cluster="eu"}', only), 'x{}');
  // Another cluster's matcher, or the same naming, is left alone.
  assert.equal(rewriteQuery('x{cluster="eu-2"}', only), 'x{cluster="eu-2"}');
  assert.equal(
    rewriteQuery('x{cluster="eu"}', { cluster: 'eu', label: 'cluster', value: 'eu' }),
    'x{cluster="eu"}',
  );
});

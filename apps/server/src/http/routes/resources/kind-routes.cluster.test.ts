import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually } from '@portolan/sandbox/testing';
import { type RouteTest, setUpRouteTest } from '../../testing/route-server.ts';

let t: RouteTest;
before(async () => {
  t = await setUpRouteTest('kinds');
});
after(async () => {
  await t?.cleanup();
});

const apply = async (objects: unknown[]) => {
  const answer = await t.send('POST', `${t.base}/apply`, { manifests: objects, namespace: t.namespace });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.equal(
    answer.body.failed,
    0,
    JSON.stringify(answer.body.results.map((r: { error?: unknown }) => r.error)),
  );
  return answer.body;
};

test('a Service comes with its endpoints, an Ingress with its rules and TLS', async () => {
  const labels = { app: 'shop' };
  await apply([
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'shop' },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'shop' },
      spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 80 }] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'shop' },
      spec: {
        tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
        rules: [
          {
            host: 'shop.example.com',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'shop', port: { number: 80 } } },
                },
                {
                  path: '/old',
                  pathType: 'Prefix',
                  backend: { service: { name: 'gone', port: { name: 'http' } } },
                },
              ],
            },
          },
        ],
      },
    },
  ]);
  const service = await eventually('two ready endpoints', async () => {
    const answer = await t.send('GET', `${t.base}/services/${t.namespace}/shop`);
    const ready = answer.body.endpoints?.filter((endpoint: { ready: boolean }) => endpoint.ready) ?? [];
    return ready.length === 2 ? answer.body : undefined;
  });
  assert.equal(service.type, 'ClusterIP');
  assert.ok(service.endpoints.every((endpoint: { pod?: string }) => endpoint.pod?.startsWith('shop-')));
  assert.equal(service.ports[0].port, 80);

  const ingress = await t.send('GET', `${t.base}/ingresses/${t.namespace}/shop`);
  assert.equal(ingress.status, 200, JSON.stringify(ingress.body));
  const [rule] = ingress.body.rules;
  assert.equal(rule.host, 'shop.example.com');
  assert.deepEqual(
    rule.paths.map((entry: { path: string; backend: { serviceFound: boolean } }) => [
      entry.path,
      entry.backend.serviceFound,
    ]),
    [
      ['/', true],
      ['/old', false],
    ],
  );
  assert.deepEqual(ingress.body.tls, [
    { hosts: ['shop.example.com'], secretName: 'shop-tls', secretFound: false },
  ]);
});

test('a namespace shows its quota and limits, set from forms', async () => {
  const quota = await t.send('PUT', `${t.base}/namespaces/${t.namespace}/quota`, {
    hard: { pods: '10', 'requests.cpu': '4' },
  });
  assert.equal(quota.status, 200, JSON.stringify(quota.body));
  const bad = await t.send('PUT', `${t.base}/namespaces/${t.namespace}/quota`, { hard: { pods: 'lots' } });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.error.fields[0].field, 'hard.pods');
  const limits = await t.send('PUT', `${t.base}/namespaces/${t.namespace}/limits`, {
    limits: [{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '100m' } }],
  });
  assert.equal(limits.status, 200, JSON.stringify(limits.body));
  const view = await eventually('the quota counted', async () => {
    const answer = await t.send('GET', `${t.base}/namespaces/${t.namespace}`);
    return answer.body.quotas?.[0]?.used?.pods !== undefined ? answer.body : undefined;
  });
  assert.equal(view.phase, 'Active');
  assert.equal(view.quotas[0].hard.pods, '10');
  assert.equal(view.limitRanges[0].limits[0].default.cpu, '500m');
});

test('a claim shows its bound volume; CRDs are listed with their custom resources', async () => {
  const volume = `pv-${t.namespace}`;
  await apply([
    {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: volume },
      spec: {
        capacity: { storage: '1Gi' },
        accessModes: ['ReadWriteOnce'],
        storageClassName: '',
        hostPath: { path: '/tmp/portolan-pv' },
        claimRef: { namespace: t.namespace, name: 'data' },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data' },
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: '',
        resources: { requests: { storage: '1Gi' } },
      },
    },
  ]);
  try {
    const claim = await eventually('the claim bound', async () => {
      const answer = await t.send('GET', `${t.base}/persistentvolumeclaims/${t.namespace}/data`);
      return answer.body.phase === 'Bound' ? answer.body : undefined;
    });
    assert.equal(claim.volume.metadata.name, volume);
  } finally {
    await t.k('delete', 'pv', volume, '--wait=false');
  }

  const group = `${t.namespace}.example.com`;
  const definition = (plural: string, kind: string, scope: 'Namespaced' | 'Cluster') => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      scope,
      names: { plural, singular: kind.toLowerCase(), kind },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
    },
  });
  await apply([definition('gadgets', 'Gadget', 'Namespaced'), definition('gizmos', 'Gizmo', 'Cluster')]);
  await apply([
    { apiVersion: `${group}/v1`, kind: 'Gadget', metadata: { name: 'widget' }, spec: { size: 3 } },
  ]);
  try {
    // The list is filtered, sorted and paged by the server, with the total over every page.
    const first = await t.send('GET', `${t.base}/crds?q=${group}&limit=1`);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.total, 2);
    assert.deepEqual(
      first.body.items.map((crd: { name: string }) => crd.name),
      [`gadgets.${group}`],
    );
    const listed = first.body.items[0];
    assert.equal(listed.kind, 'Gadget');
    assert.equal(listed.established, true);
    assert.ok(first.body.continue, 'a next page while definitions remain');
    const second = await t.send('GET', `${t.base}/crds?q=${group}&limit=1&continue=${first.body.continue}`);
    assert.deepEqual(
      second.body.items.map((crd: { name: string }) => crd.name),
      [`gizmos.${group}`],
    );
    assert.equal(second.body.continue, null, 'the last page has no continue');
    const byKind = await t.send('GET', `${t.base}/crds?q=${group}&sort=kind&order=desc`);
    assert.deepEqual(
      byKind.body.items.map((crd: { kind: string }) => crd.kind),
      ['Gizmo', 'Gadget'],
    );
    const clusterScoped = await t.send('GET', `${t.base}/crds?q=${group}&scope=Cluster`);
    assert.deepEqual(
      clusterScoped.body.items.map((crd: { name: string }) => crd.name),
      [`gizmos.${group}`],
    );
    const one = await t.send('GET', `${t.base}/crds?name=gadgets.${group}`);
    assert.equal(one.body.total, 1);
    const everything = await t.send('GET', `${t.base}/crds?limit=500`);
    assert.ok(everything.body.total >= 2, 'without a filter, every definition counts');
    const badSort = await t.send('GET', `${t.base}/crds?sort=colour`);
    assert.equal(badSort.status, 400);
    assert.match(badSort.body.error.message, /"sort" must be one of: name, kind, group, objects/);
    const resources = await t.send('GET', `${t.base}/crds/gadgets.${group}/resources`);
    assert.deepEqual(
      resources.body.items.map((item: { metadata: { name: string } }) => item.metadata.name),
      ['widget'],
    );
  } finally {
    await t.k('delete', 'crd', `gadgets.${group}`, `gizmos.${group}`, '--wait=false');
  }
});

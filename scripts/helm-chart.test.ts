/**
 * The Helm chart in deploy/helm/portolan (issue 17, deployment): `helm lint --strict` passes, and
 * what `helm template` renders is what an operator relies on, checked with the sandbox build's
 * real helm.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { findSandboxBinaries } from '@portolan/sandbox';
import { parseAllDocuments } from 'yaml';

const run = promisify(execFile);
const chart = path.resolve(import.meta.dirname, '..', 'deploy', 'helm', 'portolan');

interface Manifest {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  stringData?: Record<string, string>;
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}
interface Container {
  image: string;
  env: EnvVar[];
  securityContext: Record<string, unknown>;
  livenessProbe: { httpGet: { path: string; port: string } };
  readinessProbe: { httpGet: { path: string; port: string } };
  volumeMounts: { name: string; mountPath: string }[];
}
interface PodSpec {
  securityContext: Record<string, unknown>;
  automountServiceAccountToken: boolean;
  containers: Container[];
  volumes: { name: string; emptyDir?: unknown }[];
}

async function helm(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const bin = path.join(await findSandboxBinaries(), 'helm');
  try {
    const { stdout, stderr } = await run(bin, args, { maxBuffer: 16 << 20 });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

/** The chart rendered with `--set` values, as manifests. */
async function render(set: string[] = []): Promise<Manifest[]> {
  const result = await helm([
    'template',
    'prod',
    chart,
    '--namespace',
    'ops',
    ...set.flatMap((s) => ['--set', s]),
  ]);
  assert.equal(result.code, 0, result.stderr);
  return parseAllDocuments(result.stdout)
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((doc): doc is Manifest => doc !== null);
}

function find(manifests: Manifest[], kind: string, name?: string): Manifest | undefined {
  return manifests.find((m) => m.kind === kind && (name === undefined || m.metadata.name === name));
}

function server(manifests: Manifest[]): { replicas: number; pod: PodSpec; container: Container } {
  const deployment = find(manifests, 'Deployment');
  assert.ok(deployment, 'the chart renders a Deployment');
  const spec = deployment.spec as { replicas: number; template: { spec: PodSpec } };
  const container = spec.template.spec.containers[0];
  assert.ok(container);
  return { replicas: spec.replicas, pod: spec.template.spec, container };
}

function env(container: Container, name: string): EnvVar | undefined {
  return container.env.find((e) => e.name === name);
}

test('helm lint --strict passes with the defaults and with PostgreSQL, Ingress and RBAC on', async () => {
  const plain = await helm(['lint', '--strict', chart]);
  assert.equal(plain.code, 0, plain.stdout + plain.stderr);
  const full = await helm([
    'lint',
    '--strict',
    chart,
    ...['replicaCount=3', 'database.existingSecret=pg', 'ingress.enabled=true', 'ingress.tls.enabled=true']
      .concat(['ingress.tls.secretName=portolan-tls', 'rbac.manageOwnCluster=true'])
      .flatMap((s) => ['--set', s]),
  ]);
  assert.equal(full.code, 0, full.stdout + full.stderr);
});

test('the defaults: one replica, secrets made by the chart, probes, a locked-down pod, no Ingress or RBAC', async () => {
  const manifests = await render();
  const { replicas, pod, container } = server(manifests);
  assert.equal(replicas, 1);
  assert.equal(container.image, 'portolan:0.1.0');
  assert.deepEqual(container.livenessProbe.httpGet, { path: '/healthz', port: 'http' });
  assert.deepEqual(container.readinessProbe.httpGet, { path: '/readyz', port: 'http' });
  assert.equal(env(container, 'PORTOLAN_HOST')?.value, '0.0.0.0', 'the server listens beyond loopback');
  assert.equal(env(container, 'PORTOLAN_DATA_DIR')?.value, '/data');
  assert.equal(env(container, 'PORTOLAN_DATABASE_URL'), undefined, 'no database configured: SQLite');
  assert.deepEqual(env(container, 'PORTOLAN_ENCRYPTION_KEY')?.valueFrom?.secretKeyRef, {
    name: 'prod-portolan-encryption',
    key: 'keys',
  });
  assert.deepEqual(env(container, 'PORTOLAN_ADMIN_PASSWORD')?.valueFrom?.secretKeyRef, {
    name: 'prod-portolan-admin',
    key: 'password',
  });
  const key = find(manifests, 'Secret', 'prod-portolan-encryption');
  assert.equal(Buffer.from(key?.stringData?.keys ?? '', 'base64').length, 32, 'a 32-byte key is generated');
  assert.equal(key?.metadata.annotations?.['helm.sh/resource-policy'], 'keep', 'uninstall keeps the key');
  assert.match(find(manifests, 'Secret', 'prod-portolan-admin')?.stringData?.password ?? '', /^\w{24}$/);

  assert.deepEqual(pod.securityContext, {
    runAsNonRoot: true,
    runAsUser: 10001,
    runAsGroup: 10001,
    fsGroup: 10001,
    seccompProfile: { type: 'RuntimeDefault' },
  });
  assert.deepEqual(container.securityContext, {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
  });
  assert.deepEqual(
    container.volumeMounts.map((m) => m.mountPath),
    ['/data', '/tmp'],
    'the writable paths are emptyDirs on a read-only root',
  );
  assert.ok(pod.volumes.every((v) => v.emptyDir !== undefined));
  assert.equal(
    pod.automountServiceAccountToken,
    false,
    'no token: Portolan needs no access to its own cluster',
  );
  assert.equal(find(manifests, 'Ingress'), undefined);
  assert.equal(find(manifests, 'ClusterRoleBinding'), undefined);
  assert.equal(find(manifests, 'PodDisruptionBudget'), undefined, 'a PDB on one replica would block drains');
  assert.deepEqual(find(manifests, 'Deployment')?.spec?.strategy, { type: 'Recreate' }, 'one SQLite file');
  assert.ok(find(manifests, 'NetworkPolicy', 'prod-portolan'));
  assert.ok(find(manifests, 'Service', 'prod-portolan'));
});

test('replicas on an existing PostgreSQL Secret: the URL comes from that Secret, with a PodDisruptionBudget', async () => {
  const manifests = await render([
    'replicaCount=3',
    'database.existingSecret=portolan-db',
    'encryption.existingSecret=portolan-keys',
    'admin.existingSecret=portolan-admin',
    'image.repository=registry.example.com/portolan',
    'image.tag=1.2.3',
  ]);
  const { replicas, container } = server(manifests);
  assert.equal(replicas, 3);
  assert.equal(container.image, 'registry.example.com/portolan:1.2.3');
  assert.deepEqual(env(container, 'PORTOLAN_DATABASE_URL')?.valueFrom?.secretKeyRef, {
    name: 'portolan-db',
    key: 'url',
  });
  assert.deepEqual(env(container, 'PORTOLAN_ENCRYPTION_KEY')?.valueFrom?.secretKeyRef, {
    name: 'portolan-keys',
    key: 'keys',
  });
  assert.equal(env(container, 'PORTOLAN_ADMIN_USER')?.valueFrom?.secretKeyRef?.name, 'portolan-admin');
  assert.deepEqual(
    manifests.filter((m) => m.kind === 'Secret'),
    [],
    'existing Secrets are referenced, none is made',
  );
  assert.equal(find(manifests, 'PodDisruptionBudget')?.spec?.maxUnavailable, 1);
});

test('the bundled PostgreSQL: a StatefulSet, its password Secret, and the URL built from it', async () => {
  const manifests = await render(['postgresql.enabled=true', 'replicaCount=2']);
  const { container } = server(manifests);
  assert.ok(find(manifests, 'StatefulSet', 'prod-portolan-postgresql'));
  assert.equal(
    env(container, 'POSTGRES_PASSWORD')?.valueFrom?.secretKeyRef?.name,
    'prod-portolan-postgresql',
  );
  assert.equal(
    env(container, 'PORTOLAN_DATABASE_URL')?.value,
    'postgresql://portolan:$(POSTGRES_PASSWORD)@prod-portolan-postgresql:5432/portolan',
  );
  assert.ok(
    find(manifests, 'NetworkPolicy', 'prod-portolan-postgresql'),
    'only Portolan reaches the database',
  );
});

test('Ingress with TLS only when enabled; the opt-in RBAC binds the ServiceAccount and mounts its token', async () => {
  const manifests = await render([
    'ingress.enabled=true',
    'ingress.host=portolan.example.org',
    'ingress.tls.enabled=true',
    'ingress.tls.secretName=portolan-tls',
    'rbac.manageOwnCluster=true',
  ]);
  const ingress = find(manifests, 'Ingress');
  assert.deepEqual(ingress?.spec?.tls, [{ hosts: ['portolan.example.org'], secretName: 'portolan-tls' }]);
  const binding = find(manifests, 'ClusterRoleBinding') as unknown as {
    subjects: { name: string; namespace: string }[];
  };
  assert.deepEqual(binding.subjects, [{ kind: 'ServiceAccount', name: 'prod-portolan', namespace: 'ops' }]);
  assert.equal(server(manifests).pod.automountServiceAccountToken, true);
});

test('values that cannot work are refused, naming the value to change', async () => {
  const refusals: [string[], RegExp][] = [
    [['replicaCount=2'], /replicaCount > 1 needs PostgreSQL: set database.existingSecret/],
    [['replicaCount=0'], /replicaCount.*minimum/],
    [['config.logLevel=loud'], /config\/logLevel.*must be one of/],
    [['config.proxyUrl=http://portolan.example.com:8443'], /config\/proxyUrl/],
    [['database.url=mysql://db/portolan'], /database\/url/],
    [['ingress.enabled=true', 'ingress.tls.enabled=true'], /ingress.tls.secretName/],
    [['replicas=3'], /additional properties 'replicas' not allowed/],
  ];
  for (const [set, message] of refusals) {
    const result = await helm(['template', 'prod', chart, ...set.flatMap((s) => ['--set', s])]);
    assert.notEqual(result.code, 0, `${set.join(' ')} was accepted`);
    assert.match(result.stderr, message, set.join(' '));
  }
});

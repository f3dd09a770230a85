/**
 * Installs the Helm chart on a shared sandbox cluster with the sandbox build's real helm (kwok
 * runs the pods, so they become Ready without pulling the image): the release is deployed, the
 * Deployment becomes Available, an upgrade keeps the generated encryption key and admin password,
 * and uninstall removes the server.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { eventually, kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';

const run = promisify(execFile);
const chart = path.resolve(import.meta.dirname, '..', 'deploy', 'helm', 'portolan');
const shared = sharedSandboxes();
const cluster = shared.clusters[0];
if (!cluster) throw new Error('no shared sandbox cluster');
const { binDir } = shared;
const kubeconfig = cluster.kubeconfig;
const namespace = uniqueNamespace('helm-chart');
const release = 'portolan';

function helm(args: string[]) {
  return run(path.join(binDir, 'helm'), [`--kubeconfig=${kubeconfig}`, '--namespace', namespace, ...args], {
    timeout: 240_000,
    maxBuffer: 16 << 20,
  });
}

async function secretValue(name: string, key: string): Promise<string> {
  const data = await kubectlOk(binDir, kubeconfig, ['get', 'secret', name, '-n', namespace, '-o', 'json']);
  return Buffer.from(
    (JSON.parse(data) as { data: Record<string, string> }).data[key] ?? '',
    'base64',
  ).toString();
}

before(async () => {
  await kubectlOk(binDir, kubeconfig, ['create', 'namespace', namespace]);
});
after(async () => {
  await kubectl(binDir, kubeconfig, ['delete', 'namespace', namespace, '--wait=false']);
});

test('the chart installs with the bundled PostgreSQL and two replicas, upgrades keeping its secrets, and uninstalls', async () => {
  const values = ['replicaCount=2', 'postgresql.enabled=true', 'postgresql.persistence.enabled=false'];
  await helm([
    'install',
    release,
    chart,
    '--wait',
    '--timeout',
    '3m',
    ...values.flatMap((v) => ['--set', v]),
  ]);

  const status = JSON.parse((await helm(['status', release, '-o', 'json'])).stdout) as {
    info: { status: string };
  };
  assert.equal(status.info.status, 'deployed');
  const deployment = JSON.parse(
    await kubectlOk(binDir, kubeconfig, ['get', 'deployment', release, '-n', namespace, '-o', 'json']),
  ) as { status: { readyReplicas?: number; conditions: { type: string; status: string }[] } };
  assert.equal(deployment.status.readyReplicas, 2);
  assert.ok(deployment.status.conditions.some((c) => c.type === 'Available' && c.status === 'True'));
  const statefulSet = await kubectlOk(binDir, kubeconfig, [
    'get',
    'statefulset',
    `${release}-postgresql`,
    '-n',
    namespace,
    '-o',
    'jsonpath={.status.readyReplicas}',
  ]);
  assert.equal(statefulSet, '1');

  const key = await secretValue(`${release}-encryption`, 'keys');
  const password = await secretValue(`${release}-admin`, 'password');
  const databasePassword = await secretValue(`${release}-postgresql`, 'password');
  assert.equal(Buffer.from(key, 'base64').length, 32);
  await helm([
    'upgrade',
    release,
    chart,
    '--wait',
    '--timeout',
    '3m',
    ...values.flatMap((v) => ['--set', v]),
  ]);
  assert.equal(
    await secretValue(`${release}-encryption`, 'keys'),
    key,
    'an upgrade keeps the encryption key',
  );
  assert.equal(await secretValue(`${release}-admin`, 'password'), password, 'and the admin password');
  assert.equal(
    await secretValue(`${release}-postgresql`, 'password'),
    databasePassword,
    'and the database password',
  );

  await helm(['uninstall', release, '--wait', '--timeout', '2m']);
  await eventually('the Deployment to go', async () =>
    (await kubectl(binDir, kubeconfig, ['get', 'deployment', release, '-n', namespace])).code !== 0
      ? true
      : undefined,
  );
  assert.equal(
    await secretValue(`${release}-encryption`, 'keys'),
    key,
    'uninstall leaves the encryption key (helm.sh/resource-policy: keep)',
  );
});

/**
 * End to end through the real catalogue: a chart installed from an HTTP chart repository behind basic
 * auth and from an OCI registry (the distribution registry, scripts/registry.sh), both served on
 * loopback from charts this test packages; Portolan fetches each with the repository's sealed
 * credentials and helm installs it on a sandbox cluster as the caller.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import type { JobRecord } from '#server/jobs/jobs.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';
import {
  buildRepository,
  helmOf,
  makeTestPki,
  packageChart,
  type RepoServer,
  serveRepository,
} from './testing/repo-fixtures.ts';
import { findRegistry, startRegistry, type TestRegistry } from './testing/repo-registry.ts';

const { binDir, clusters } = sharedSandboxes();
const sandbox = clusters[0];
const CLUSTER = 'from-repos';
const ns = uniqueNamespace('from-repos');
const registry = await findRegistry();

let harness: Harness;
let work: string;
let helmHome: string;
let repo: RepoServer;
let oci: TestRegistry | undefined;

before(async () => {
  assert.ok(sandbox, 'a shared sandbox');
  work = await mkdtemp(path.join(os.tmpdir(), 'portolan-install-repos-'));
  const { helm, home } = await helmOf();
  helmHome = home;
  await buildRepository(helm, path.join(work, 'http'), [{ name: 'plain', version: '1.2.0' }]);
  repo = await serveRepository(path.join(work, 'http'), {
    basicAuth: { username: 'reader', password: 'repo-secret' },
  });
  harness = await startHarness({ args: ['--log-level', 'fatal'] });
  await harness.register(CLUSTER, sandbox.kubeconfig);
  const added = await harness.call('POST', '/api/v1/helm/repositories', {
    name: 'private',
    url: repo.url,
    username: 'reader',
    password: 'repo-secret',
  });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  if (registry.bin) {
    const pki = await makeTestPki(path.join(work, 'pki'));
    oci = await startRegistry(registry.bin, path.join(work, 'registry'), pki);
    const file = await packageChart(helm, path.join(work, 'src'), path.join(work, 'out'), {
      name: 'fromoci',
      version: '0.4.0',
    });
    await helm(['push', file, `oci://${oci.host}/charts`, '--ca-file', pki.caFile]);
    const registered = await harness.call('POST', '/api/v1/helm/repositories', {
      name: 'registry',
      url: `oci://${oci.host}/charts`,
      caPem: pki.caPem,
      charts: ['fromoci'],
    });
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
  }
});

after(async () => {
  await harness?.stop({ removeData: true });
  await repo?.close();
  await oci?.close();
  if (sandbox) await kubectl(binDir, sandbox.kubeconfig, ['delete', 'namespace', ns, '--wait=false']);
  for (const dir of [work, helmHome]) if (dir) await rm(dir, { recursive: true, force: true });
});

/** Installs through the API and waits for the job; the ConfigMap the chart renders must be there. */
async function install(chart: { repository: string; chart: string; version?: string }, name: string) {
  const started = await harness.call<JobRecord>('POST', `/api/v1/clusters/${CLUSTER}/helm/releases`, {
    chart,
    name,
    namespace: ns,
    createNamespace: true,
    values: 'replicaCount: 3\n',
    timeoutSeconds: 60,
  });
  assert.equal(started.status, 202, JSON.stringify(started.body));
  const job = await harness.portolan.jobs.finished(started.body.id);
  assert.equal(job.state, 'succeeded', job.error ?? '');
  const steps = await harness.portolan.jobs.steps(job.id);
  assert.deepEqual(steps[0]?.params, { chart: chart.chart, version: chart.version ?? '1.2.0' });
  const replicas = await kubectlOk(binDir, sandbox?.kubeconfig ?? '', [
    'get',
    'configmap',
    `${name}-config`,
    '-n',
    ns,
    '-o',
    'jsonpath={.data.replicas}',
  ]);
  assert.equal(replicas.trim(), '3', 'the values reached the rendered object');
}

test('a chart from an HTTP repository behind basic auth installs, fetched with the sealed password', async () => {
  await install({ repository: 'private', chart: 'plain' }, 'from-http');
  assert.ok(
    repo.requests.includes('GET /plain-1.2.0.tgz 200'),
    `the package came from the repository: ${repo.requests.join(', ')}`,
  );
});

describe(`from an OCI registry${registry.bin ? '' : ` (skipped: the OCI registry is unavailable: ${registry.reason})`}`, {
  skip: !registry.bin,
}, () => {
  test('a chart pushed to an OCI registry installs from it', async () => {
    await install({ repository: 'registry', chart: 'fromoci', version: '0.4.0' }, 'from-oci');
  });
});

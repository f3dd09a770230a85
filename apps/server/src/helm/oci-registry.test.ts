/**
 * OCI registries in the catalogue: the real distribution registry (scripts/registry.sh) over TLS with
 * a test CA, charts pushed by the sandbox build's helm, listed, read and fetched through Portolan; and
 * the same registry behind a token gate, so the Bearer handshake is exercised against it.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ChartDetail, ChartList, ChartRepository } from '@portolan/api';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';
import { helmOf, makeTestPki, packageChart } from './testing/repo-fixtures.ts';
import { findRegistry, startRegistry, startTokenGate, type TestRegistry } from './testing/repo-registry.ts';

const registry = await findRegistry();
const unavailable = registry.bin
  ? undefined
  : `skipped: the OCI registry is unavailable (${registry.reason})`;

let harness: Harness;
let work: string;
let helmHome: string;
let server: TestRegistry;
let gate: Awaited<ReturnType<typeof startTokenGate>>;
let caPem: string;
let pushedDigest: string;

describe(`OCI registries in the catalogue${unavailable ? ` (${unavailable})` : ''}`, {
  skip: unavailable,
}, () => {
  before(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'portolan-oci-test-'));
    const { helm, home } = await helmOf();
    helmHome = home;
    const pki = await makeTestPki(path.join(work, 'pki'));
    caPem = pki.caPem;
    server = await startRegistry(registry.bin as string, path.join(work, 'registry'), pki);
    for (const version of ['0.1.0', '0.2.0', '0.3.0-beta.1']) {
      const file = await packageChart(helm, path.join(work, 'src'), path.join(work, 'out'), {
        name: 'ocidemo',
        version,
        keywords: ['oci'],
        category: 'Networking',
        readme: `# ocidemo ${version}\n`,
        schema: { type: 'object', properties: { replicaCount: { type: 'integer' } } },
      });
      const output = await helm(['push', file, `oci://${server.host}/charts`, '--ca-file', pki.caFile]).catch(
        (error: Error) => error.message,
      );
      if (version === '0.2.0')
        pushedDigest = createHash('sha256')
          .update(await readFile(file))
          .digest('hex');
      assert.doesNotMatch(output, /failed/);
    }
    gate = await startTokenGate(server.host, pki, { username: 'robot', password: 'gate-secret' });
    harness = await startHarness({ args: ['--log-level', 'fatal'] });
  });

  after(async () => {
    await harness?.stop({ removeData: true });
    await gate?.close();
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
    if (helmHome) await rm(helmHome, { recursive: true, force: true });
  });

  test('a registry lists the charts named when adding it, with metadata from each version', async () => {
    const added = await harness.call<ChartRepository>('POST', '/api/v1/helm/repositories', {
      name: 'registry',
      url: `oci://${server.host}/charts`,
      caPem,
      charts: ['ocidemo'],
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.equal(added.body.type, 'oci');
    assert.equal(added.body.versionCount, 3);
    const found = await harness.call<ChartList>('GET', '/api/v1/helm/charts?keyword=oci');
    assert.deepEqual(
      found.body.items.map((c) => `${c.repository}/${c.chart} ${c.version} ${c.category}`),
      ['registry/ocidemo 0.2.0 Networking'],
    );
    assert.equal(found.body.items[0]?.digest, `sha256:${pushedDigest}`);
    const detail = await harness.call<ChartDetail>('GET', '/api/v1/helm/charts/registry/ocidemo/0.2.0');
    assert.equal(detail.status, 200, JSON.stringify(detail.body));
    assert.equal(detail.body.readme, '# ocidemo 0.2.0\n');
    assert.deepEqual(detail.body.valuesSchema, {
      type: 'object',
      properties: { replicaCount: { type: 'integer' } },
    });
  });

  test('the chart source fetches the chart layer and checks its digest', async () => {
    const fetched = await harness.portolan.catalogue.chartSource.fetch({
      repository: 'registry',
      chart: 'ocidemo',
    });
    try {
      assert.equal(fetched.version, '0.2.0');
      assert.equal(
        createHash('sha256')
          .update(await readFile(fetched.file))
          .digest('hex'),
        pushedDigest,
      );
    } finally {
      await fetched.release();
    }
  });

  test('a chart the registry does not have is refused with the reason', async () => {
    const missing = await harness.call<{ error: { code: string; message: string } }>(
      'POST',
      '/api/v1/helm/repositories/check',
      { name: 'x', url: `oci://${server.host}/charts`, caPem, charts: ['nothere'] },
    );
    assert.equal(missing.status, 422);
    assert.equal(missing.body.error.code, 'not-found');
  });

  test('behind a token service: wrong credentials are refused, the right ones get a pull token', async () => {
    const url = `oci://${gate.host}/charts`;
    const wrong = await harness.call<{ error: { code: string; field?: string } }>(
      'POST',
      '/api/v1/helm/repositories',
      {
        name: 'gated',
        url,
        caPem,
        username: 'robot',
        password: 'wrong',
        charts: ['ocidemo'],
      },
    );
    assert.equal(wrong.status, 422);
    assert.equal(wrong.body.error.code, 'bad-credentials');
    const ok = await harness.call<ChartRepository>('POST', '/api/v1/helm/repositories', {
      name: 'gated',
      url,
      caPem,
      username: 'robot',
      password: 'gate-secret',
      charts: ['ocidemo'],
    });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.equal(ok.body.versionCount, 3);
    assert.ok(gate.grants.includes('repository:charts/ocidemo:pull'), gate.grants.join(', '));
    const detail = await harness.call<ChartDetail>('GET', '/api/v1/helm/charts/gated/ocidemo/0.1.0');
    assert.equal(detail.status, 200, JSON.stringify(detail.body));
  });
});

/**
 * Helm release list benchmark (issue 11): 5 sandbox clusters holding 500 releases (about 1,000
 * revisions: helm's release Secrets with real helm-encoded payloads, made straight through each
 * cluster's API), synced by a Portolan server whose catalogue has a chart repository served on
 * loopback; then the release list through HTTP: the default page, one cluster, one status, a name
 * substring, only the outdated, sorted by last update, and as a namespace Viewer.
 *
 *   node bench/helm-releases.bench.ts [--clusters 5] [--releases 500] [--queries 200]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { StoredReleaseList } from '@portolan/api';
import { createSandboxManager, findSandboxBinaries, type SandboxInfo } from '@portolan/sandbox';
import { eventually } from '@portolan/sandbox/testing';
import { encodeReleasePayload } from '../apps/server/src/helm/release-secret.ts';
import { buildRepository, helmOf, serveRepository } from '../apps/server/src/helm/testing/repo-fixtures.ts';
import { addMember } from '../apps/server/src/testing/members.ts';
import { startHarness } from '../apps/server/src/testing/portolan-harness.ts';
import { type Endpoint, endpointOf, send } from './kube-endpoint.ts';
import { createResults, percentile } from './report.ts';

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '5' },
    releases: { type: 'string', default: '500' },
    queries: { type: 'string', default: '200' },
  },
});
const CLUSTERS = Number(values.clusters);
const RELEASES = Number(values.releases);
const QUERIES = Number(values.queries);
const NAMESPACES = 10;
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const results = createResults(log);

/** Charts the releases run, at the version they run; the repository has a newer one of the first three. */
const CHARTS = [
  ['nginx', '15.1.0'],
  ['postgresql', '12.5.6'],
  ['redis', '18.2.0'],
  ['grafana', '7.0.3'],
  ['loki', '5.36.2'],
] as const;
const STATUSES = [
  'deployed',
  'deployed',
  'deployed',
  'deployed',
  'deployed',
  'deployed',
  'failed',
  'pending-upgrade',
];

/** A release as helm writes it: chart with templates and default values, the user's values, the manifest. */
function release(
  name: string,
  namespace: string,
  revision: number,
  status: string,
  chart: readonly [string, string],
) {
  const manifest = Array.from(
    { length: 4 },
    (_, i) =>
      `---\n# Source: ${chart[0]}/templates/object-${i}.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}-${i}\ndata:\n  password: s3cret-${i}\n`,
  ).join('');
  return {
    name,
    namespace,
    version: revision,
    info: {
      first_deployed: '2026-01-01T00:00:00Z',
      last_deployed: new Date(Date.UTC(2026, 0, 1 + revision, 0, 0, revision)).toISOString(),
      description: revision === 1 ? 'Install complete' : 'Upgrade complete',
      status,
      notes: `Thank you for installing ${chart[0]}.\n`.repeat(20),
    },
    chart: {
      metadata: {
        name: chart[0],
        version: chart[1],
        appVersion: '1.0.0',
        apiVersion: 'v2',
        icon: 'https://example.com/icon.png',
      },
      templates: [{ name: 'templates/object.yaml', data: Buffer.from('x'.repeat(4000)).toString('base64') }],
      values: { replicaCount: 1, image: { repository: chart[0], tag: '1.0.0' } },
    },
    config: { password: 'not-for-the-store', replicaCount: 2 },
    manifest,
  };
}

/** Creates the namespaces and this cluster's share of the releases: 1–3 revisions each. */
async function fillCluster(endpoint: Endpoint, cluster: number, count: number): Promise<number> {
  for (let n = 0; n < NAMESPACES; n++)
    await send(endpoint, 'POST', '/api/v1/namespaces', { metadata: { name: `team-${n}` } });
  const secrets: Array<{ namespace: string; body: object }> = [];
  for (let r = 0; r < count; r++) {
    const name = `app-${cluster}-${r}`;
    const namespace = `team-${r % NAMESPACES}`;
    const chart = CHARTS[r % CHARTS.length] as (typeof CHARTS)[number];
    const revisions = 1 + (r % 3);
    for (let revision = 1; revision <= revisions; revision++) {
      const status = revision < revisions ? 'superseded' : (STATUSES[r % STATUSES.length] as string);
      secrets.push({
        namespace,
        body: {
          metadata: {
            name: `sh.helm.release.v1.${name}.v${revision}`,
            labels: { owner: 'helm', name, status, version: String(revision) },
          },
          type: 'helm.sh/release.v1',
          data: { release: encodeReleasePayload(release(name, namespace, revision, status, chart)) },
        },
      });
    }
  }
  let next = 0;
  const worker = async () => {
    while (next < secrets.length) {
      const secret = secrets[next++] as (typeof secrets)[number];
      const status = await send(
        endpoint,
        'POST',
        `/api/v1/namespaces/${secret.namespace}/secrets`,
        secret.body,
      );
      if (status !== 201) throw new Error(`creating a release Secret answered ${status}`);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return secrets.length;
}

const binDir = await findSandboxBinaries();
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-releases-bench-'));
const sandboxes = createSandboxManager({ dataDir, binDir: async () => binDir });
const charts = await helmOf();
const repoDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-releases-repo-'));
let harness: Awaited<ReturnType<typeof startHarness>> | undefined;
let repository: Awaited<ReturnType<typeof serveRepository>> | undefined;

try {
  const infos: SandboxInfo[] = [];
  for (let i = 0; i < CLUSTERS; i++)
    infos.push((await sandboxes.create({ name: `rel-${i}`, nodes: 1 })).sandbox);
  const filled = Date.now();
  const perCluster = Math.ceil(RELEASES / CLUSTERS);
  const revisions = await Promise.all(
    infos.map(async (info, i) => fillCluster(await endpointOf(info.kubeconfigPath), i, perCluster)),
  );
  const secretCount = revisions.reduce((a, b) => a + b, 0);
  log(
    `created ${perCluster * CLUSTERS} releases (${secretCount} revisions) in ${((Date.now() - filled) / 1000).toFixed(1)} s`,
  );

  // Newer versions of three of the charts, in a repository helm packaged and indexed.
  await buildRepository(charts.helm, repoDir, [
    { name: 'nginx', version: '15.2.0' },
    { name: 'postgresql', version: '13.0.0' },
    { name: 'redis', version: '18.2.1' },
    { name: 'grafana', version: '7.0.3' },
    { name: 'redis', version: '19.0.0-rc.1' },
  ]);
  repository = await serveRepository(repoDir);

  harness = await startHarness({ args: ['--log-level', 'fatal'] });
  const added = await harness.call('POST', '/api/v1/helm/repositories', {
    name: 'charts',
    url: repository.url,
  });
  if (added.status !== 201) throw new Error(`adding the repository answered ${added.status}`);
  const started = Date.now();
  for (const [i, info] of infos.entries()) await harness.register(`rel-${i}`, info.kubeconfigPath);
  const h = harness;
  const list = (query: string) => h.call<StoredReleaseList>('GET', `/api/v1/helm/releases?${query}`);
  await eventually(
    'every release in the store',
    async () => ((await list('limit=1')).body.total === perCluster * CLUSTERS ? true : undefined),
    300_000,
    250,
  );
  log(`synced in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const viewer = await addMember(harness, 'team-viewer', 'Viewer', {
    level: 'namespace',
    cluster: 'rel-1',
    namespace: 'team-3',
  });
  const asViewer = async (query: string) => {
    const response = await fetch(`${h.url}/api/v1/helm/releases?${query}`, {
      headers: { cookie: viewer.cookie },
    });
    return { status: response.status, body: (await response.json()) as StoredReleaseList };
  };

  const shapes: Array<[string, string, (body: StoredReleaseList) => boolean, typeof list?]> = [
    [
      'default page (100 of 500, by name)',
      '',
      (b) => b.items.length === 100 && b.total === perCluster * CLUSTERS,
    ],
    ['one cluster', 'clusters=rel-2', (b) => b.total === perCluster],
    [
      'status failed',
      'status=failed',
      (b) => b.total > 0 && b.items.every((item) => item.status === 'failed'),
    ],
    [
      'name substring',
      'q=app-3-1',
      (b) => b.total > 0 && b.items.every((item) => item.name.includes('app-3-1')),
    ],
    ['outdated only', 'outdated=true', (b) => b.total > 0 && b.items.every((item) => item.newerVersion)],
    ['by last update, newest first, 50', 'sort=updated&order=desc&limit=50', (b) => b.items.length === 50],
    [
      'a namespace Viewer (one namespace of one cluster)',
      '',
      (b) => b.total === perCluster / NAMESPACES,
      asViewer,
    ],
  ];
  let firstPageP50 = 0;
  for (const [what, query, check, call = list] of shapes) {
    const first = await call(query);
    if (first.status !== 200 || !check(first.body))
      throw new Error(`${what}: unexpected answer ${first.status} total ${first.body.total}`);
    const times: number[] = [];
    for (let i = 0; i < QUERIES; i++) {
      const t = performance.now();
      await call(query);
      times.push(performance.now() - t);
    }
    if (!firstPageP50) firstPageP50 = percentile(times, 50);
    results.row(
      `${what}: ${first.body.total} rows match`,
      `p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms`,
      'p99 < 100 ms',
    );
  }
  // The baseline, in the same run: `helm list -A` on each cluster in turn, as one would without Portolan.
  const allClusters: number[] = [];
  for (let run = 0; run < 10; run++) {
    const t = performance.now();
    for (const info of infos)
      await charts.helm(['list', '-A', '--kubeconfig', info.kubeconfigPath, '-o', 'json']);
    allClusters.push(performance.now() - t);
  }
  results.row(
    `baseline: \`helm list -A\` on each of the ${CLUSTERS} clusters in turn (10 runs)`,
    `p50 ${percentile(allClusters, 50).toFixed(0)} ms, p99 ${percentile(allClusters, 99).toFixed(0)} ms`,
  );
  results.row(
    'helm p50 / Portolan p50 (every release on every cluster: the default page with its total)',
    `${(percentile(allClusters, 50) / (firstPageP50 || 1)).toFixed(0)}×`,
  );
  await results.publish(
    'Helm releases',
    `node bench/helm-releases.bench.ts --clusters ${CLUSTERS} --releases ${RELEASES} --queries ${QUERIES}`,
    `release list over ${CLUSTERS} clusters, ${perCluster * CLUSTERS} releases, ${secretCount} revisions, through HTTP (${QUERIES} requests each)`,
  );
} finally {
  await harness?.stop({ removeData: true }).catch(() => undefined);
  await repository?.close();
  for (const sandbox of await sandboxes.list()) await sandboxes.delete(sandbox.name).catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
  await rm(repoDir, { recursive: true, force: true });
  await rm(charts.home, { recursive: true, force: true });
}

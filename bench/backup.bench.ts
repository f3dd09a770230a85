/**
 * Backup and restore benchmark (issue #15): one sandbox cluster holding 10,000 ConfigMaps spread over
 * 10 namespaces; a Portolan server backs them up (a plan over the 10 namespaces, to a host folder, or
 * to S3 on a loopback versitygw with --s3), then restores them into 10 new namespaces of the same
 * cluster. Each is timed from the API call to the job's end (target under 60 s each); the baseline is
 * `kubectl get configmaps` of the same namespaces as JSON, and `kubectl create` of the same objects.
 *
 *   node bench/backup.bench.ts [--objects 10000] [--namespaces 10] [--s3]
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { BackupView, RestoreView } from '@portolan/api';
import { createSandboxManager, findSandboxBinaries } from '@portolan/sandbox';
import { eventually, kubectlOk } from '@portolan/sandbox/testing';
import {
  type S3Server,
  startVersitygw,
  versitygwBinary,
} from '../apps/server/src/backups/testing/versitygw.ts';
import { startHarness } from '../apps/server/src/testing/portolan-harness.ts';
import { endpointOf, send } from './kube-endpoint.ts';
import { createResults } from './report.ts';

const { values } = parseArgs({
  options: {
    objects: { type: 'string', default: '10000' },
    namespaces: { type: 'string', default: '10' },
    s3: { type: 'boolean', default: false },
  },
});
const OBJECTS = Number(values.objects);
const NAMESPACES = Number(values.namespaces);
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const results = createResults(log);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const binDir = await findSandboxBinaries();
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-backup-bench-'));
const sandboxes = createSandboxManager({ dataDir, binDir: async () => binDir });
let harness: Awaited<ReturnType<typeof startHarness>> | undefined;
let s3: S3Server | undefined;
const source = Array.from({ length: NAMESPACES }, (_, i) => `bench-src-${i}`);
const target = source.map((ns) => ns.replace('src', 'dst'));

try {
  const sandbox = (await sandboxes.create({ name: 'backup-bench', nodes: 1 })).sandbox;
  const kubeconfig = sandbox.kubeconfigPath;
  const endpoint = await endpointOf(kubeconfig);
  for (const ns of source) await send(endpoint, 'POST', '/api/v1/namespaces', { metadata: { name: ns } });
  let next = 0;
  const filled = performance.now();
  const worker = async () => {
    while (next < OBJECTS) {
      const i = next++;
      const status = await send(endpoint, 'POST', `/api/v1/namespaces/${source[i % NAMESPACES]}/configmaps`, {
        metadata: { name: `cm-${i}`, labels: { app: `app-${i % 50}` } },
        data: { index: String(i), payload: 'x'.repeat(200) },
      });
      if (status !== 201) throw new Error(`creating a ConfigMap answered ${status}`);
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  log(`created ${OBJECTS} ConfigMaps in ${seconds(performance.now() - filled)}`);

  harness = await startHarness({ args: ['--log-level', 'fatal'] });
  await harness.register('bench', kubeconfig);
  if (values.s3) {
    const binary = await versitygwBinary();
    if ('skip' in binary) throw new Error(binary.skip);
    s3 = await startVersitygw(binary.bin);
  }
  const destination = s3
    ? {
        type: 's3',
        s3: {
          endpoint: s3.endpoint,
          bucket: s3.bucket,
          accessKeyId: s3.accessKeyId,
          secretAccessKey: s3.secretAccessKey,
        },
      }
    : { type: 'folder', folder: { path: path.join(dataDir, 'archives') } };
  const put = await harness.call('PUT', '/api/v1/backups/destinations/bench', destination);
  if (put.status !== 201) throw new Error(`destination: ${JSON.stringify(put.body)}`);
  await harness.call('PUT', '/api/v1/backups/plans/bench', {
    cluster: 'bench',
    namespaces: source,
    destination: 'bench',
  });

  const backupStart = performance.now();
  const started = await harness.call<BackupView>('POST', '/api/v1/backups/plans/bench/run');
  const backup = await eventually(
    'the backup ends',
    async () => {
      const view = (await harness?.call<BackupView>('GET', `/api/v1/backups/${started.body.id}`))?.body;
      return view?.state === 'running' ? undefined : view;
    },
    600_000,
    100,
  );
  const backupMs = performance.now() - backupStart;
  if (backup.state !== 'completed') throw new Error(`backup ${backup.state}: ${backup.error}`);
  results.row(
    `backup of ${backup.objects} objects (${OBJECTS} ConfigMaps in ${NAMESPACES} namespaces) to ${s3 ? 'S3 (versitygw)' : 'a host folder'}`,
    `${seconds(backupMs)}, archive ${(backup.sizeBytes / 2 ** 20).toFixed(1)} MiB`,
    '< 60 s',
  );

  const mapping = Object.fromEntries(source.map((ns, i) => [ns, target[i]]));
  const restoreStart = performance.now();
  const restore = await harness.call<RestoreView>('POST', '/api/v1/restores', {
    backup: backup.id,
    cluster: 'bench',
    namespaceMapping: mapping,
  });
  const restored = await eventually(
    'the restore ends',
    async () => {
      const view = (await harness?.call<RestoreView>('GET', `/api/v1/restores/${restore.body.id}`))?.body;
      return view?.state === 'running' ? undefined : view;
    },
    600_000,
    100,
  );
  const restoreMs = performance.now() - restoreStart;
  if (restored.state !== 'completed')
    throw new Error(`restore ${restored.state}: ${JSON.stringify(restored.counts)}`);
  results.row(
    `restore of the backup into ${NAMESPACES} new namespaces of the same cluster`,
    `${seconds(restoreMs)} (${restored.counts.created} created, ${restored.counts.skipped} skipped)`,
    '< 60 s',
  );

  // Baselines: kubectl reading the same objects as JSON, and creating them from one file.
  const readStart = performance.now();
  for (const ns of source)
    await kubectlOk(binDir, kubeconfig, ['get', 'configmaps', '-n', ns, '-o', 'json'], {
      timeoutMs: 300_000,
    });
  const readMs = performance.now() - readStart;
  results.row(
    `baseline: \`kubectl get configmaps -o json\` of the ${NAMESPACES} namespaces`,
    seconds(readMs),
  );
  results.row('backup / kubectl get', `${(backupMs / readMs).toFixed(1)}×`);
  const again = source.map((ns) => ns.replace('src', 'kc'));
  const file = path.join(dataDir, 'objects.json');
  const items = [
    ...again.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })),
    ...Array.from({ length: OBJECTS }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `cm-${i}`, namespace: again[i % NAMESPACES], labels: { app: `app-${i % 50}` } },
      data: { index: String(i), payload: 'x'.repeat(200) },
    })),
  ];
  await writeFile(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  const createStart = performance.now();
  await kubectlOk(binDir, kubeconfig, ['create', '-f', file], { timeoutMs: 600_000 });
  const createMs = performance.now() - createStart;
  results.row(`baseline: \`kubectl create -f\` of the same ${OBJECTS} ConfigMaps`, seconds(createMs));
  results.row('restore / kubectl create', `${(restoreMs / createMs).toFixed(1)}×`);
  await results.publish(
    'Backup and restore',
    `node bench/backup.bench.ts --objects ${OBJECTS} --namespaces ${NAMESPACES}${values.s3 ? ' --s3' : ''}`,
  );
} finally {
  await harness?.stop({ removeData: true }).catch(() => undefined);
  await s3?.stop();
  for (const sandbox of await sandboxes.list()) await sandboxes.delete(sandbox.name).catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
}

import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { list } from 'tar';
import { ARCHIVE_FORMAT_VERSION, type ArchiveManifest, objectPath, placeOf } from './archive-format.ts';
import { type ArchiveEntry, readArchive } from './archive-reader.ts';
import { createArchiveWriter } from './archive-writer.ts';

const dirs: string[] = [];
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const manifestOf = (objects: number): ArchiveManifest => ({
  formatVersion: ARCHIVE_FORMAT_VERSION,
  cluster: 'a',
  kubernetesVersion: 'v1.37.2',
  createdAt: '2026-12-05T00:00:00.000Z',
  plan: 'nightly',
  selection: {
    namespaces: [],
    labelSelector: null,
    includeKinds: [],
    excludeKinds: [],
    clusterScoped: false,
  },
  counts: { objects, failed: 0, skipped: 0 },
  kinds: [
    { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true, count: objects },
  ],
});

test('paths name group, version, plural, scope and name, and read back', () => {
  const namespaced = {
    group: 'apps',
    version: 'v1',
    resource: 'deployments',
    namespace: 'shop',
    name: 'web',
  };
  assert.equal(objectPath(namespaced), 'resources/apps/v1/deployments/namespaces/shop/web.json');
  assert.deepEqual(placeOf(objectPath(namespaced)), namespaced);
  const core = { group: '', version: 'v1', resource: 'namespaces', name: 'shop' };
  assert.equal(objectPath(core), 'resources/core/v1/namespaces/cluster/shop.json');
  assert.deepEqual(placeOf(objectPath(core)), core);
  assert.equal(placeOf('manifest.json'), undefined);
});

test('10,000 objects (one with a 253-character name) are written as a tar.gz that tar and the reader read back whole', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'portolan-archive-'));
  dirs.push(dir);
  const file = join(dir, 'backup.tar.gz');
  const writer = createArchiveWriter(file, new Date('2026-12-05T00:00:00Z'));
  const long = `${'x'.repeat(240)}-long-name`;
  const names = [long, ...Array.from({ length: 9_999 }, (_, i) => `cm-${i}`)];
  for (const [i, name] of names.entries())
    await writer.add(
      { group: '', version: 'v1', resource: 'configmaps', namespace: `ns-${i % 7}`, name },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, namespace: `ns-${i % 7}` },
        data: { i: String(i) },
      },
    );
  const size = await writer.finish(manifestOf(names.length));
  assert.ok(size > 0);

  // Another tar reader agrees on every entry (the long path goes through a PAX header).
  const paths: string[] = [];
  await list({ file, onReadEntry: (entry) => paths.push(entry.path) });
  assert.equal(paths.length, names.length + 1);
  assert.equal(paths.at(-1), 'manifest.json');
  assert.ok(paths.includes(`resources/core/v1/configmaps/namespaces/ns-0/${long}.json`));

  const read: ArchiveEntry[] = [];
  const manifest = await readArchive(createReadStream(file), (entry) => read.push(entry));
  assert.equal(manifest.counts.objects, 10_000);
  assert.equal(read.length, 10_000);
  assert.equal(read[0]?.place.name, long);
  assert.deepEqual(read[5]?.object, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cm-4', namespace: 'ns-5' },
    data: { i: '5' },
  });
  const pathsOnly: ArchiveEntry[] = [];
  await readArchive(createReadStream(file), (entry) => pathsOnly.push(entry), { pathsOnly: true });
  assert.equal(pathsOnly.length, 10_000);
  assert.equal(pathsOnly[0]?.object, undefined);
});

test('an archive cut short is refused, saying why', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'portolan-archive-'));
  dirs.push(dir);
  const whole = join(dir, 'whole.tar.gz');
  const writer = createArchiveWriter(whole, new Date());
  for (let i = 0; i < 200; i++)
    await writer.add(
      { group: '', version: 'v1', resource: 'configmaps', namespace: 'a', name: `b-${i}` },
      { kind: 'ConfigMap', data: { i: String(i) } },
    );
  await writer.finish(manifestOf(200));
  // The same bytes stopped halfway, as a copy broken off or a disk that filled up leaves them.
  const bytes = await readFile(whole);
  const cut = join(dir, 'cut.tar.gz');
  await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
  await assert.rejects(
    readArchive(createReadStream(cut), () => undefined),
    /gzip|manifest/,
  );
});

import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { folderStorage } from './archive-storage.ts';

const dirs: string[] = [];
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

test('a folder destination takes an archive in under its key, reads it back, removes it, and keeps keys inside', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'portolan-folder-'));
  dirs.push(dir);
  const root = join(dir, 'archives');
  const storage = folderStorage({ path: root });
  assert.deepEqual(await storage.test(), { ok: true, message: `Portolan can write to folder ${root}` });
  const file = join(dir, 'work.tar.gz');
  await writeFile(file, 'archive bytes');
  await storage.upload(file, 'prod/nightly/one.tar.gz');
  await assert.rejects(readFile(file), /ENOENT/, 'the work file is moved, not copied');
  let read = '';
  for await (const chunk of await storage.download('prod/nightly/one.tar.gz')) read += chunk;
  assert.equal(read, 'archive bytes');
  await storage.remove('prod/nightly/one.tar.gz');
  assert.deepEqual(await readdir(join(root, 'prod', 'nightly')), []);
  await assert.rejects(storage.download('prod/nightly/one.tar.gz'), /removed outside Portolan/);
  await assert.rejects(storage.download('../escape.tar.gz'), /leaves the folder/);
  await assert.rejects(storage.download('../archives-other/x.tar.gz'), /leaves the folder/);
  const blocked = folderStorage({ path: join(file, 'not-a-dir') });
  await writeFile(file, 'a file where a folder should be');
  assert.equal((await blocked.test()).ok, false);
});

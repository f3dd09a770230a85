import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { testTempDir } from '#server/testing/temp-dir.ts';
import { claimWorkDir, sweepStaleWorkDirs } from './stale-work-dirs.ts';

const exists = (dir: string) =>
  stat(dir).then(
    () => true,
    () => false,
  );

test('a killed replica’s terminals folder is removed by the next one; a live one’s, an unclaimed recent one and others are kept', async () => {
  const parent = await testTempDir('stale-dirs-');
  const folder = async (name: string) => {
    const dir = path.join(parent, name);
    await mkdir(path.join(dir, 'sessions', 's1'), { recursive: true });
    await writeFile(path.join(dir, 'sessions', 's1', 'upload.txt'), 'left behind');
    return dir;
  };
  const own = await folder('portolan-terminals-own');
  await claimWorkDir(own);
  const live = await folder('portolan-terminals-live');
  await claimWorkDir(live);
  const dead = await folder('portolan-terminals-dead');
  // A process that has ended: its pid names nobody now.
  const ended = spawnSync(process.execPath, [
    '-e',
    'process.stdout.write(String(process.pid))',
  ]).stdout.toString();
  await writeFile(path.join(dead, 'owner.pid'), `${ended}\n`);
  const recent = await folder('portolan-terminals-unclaimed-recent');
  const old = await folder('portolan-terminals-unclaimed-old');
  const dayAgo = new Date(Date.now() - 2 * 86_400_000);
  await utimes(old, dayAgo, dayAgo);
  const other = await folder('someone-else-dead');
  await writeFile(path.join(other, 'owner.pid'), `${ended}\n`);

  const removed = await sweepStaleWorkDirs(own, 'portolan-terminals-');
  assert.deepEqual(removed.map((dir) => path.basename(dir)).sort(), [
    'portolan-terminals-dead',
    'portolan-terminals-unclaimed-old',
  ]);
  for (const dir of [own, live, recent, other]) assert.ok(await exists(dir), `${path.basename(dir)} is kept`);
  for (const dir of [dead, old]) assert.equal(await exists(dir), false, `${path.basename(dir)} is gone`);
});

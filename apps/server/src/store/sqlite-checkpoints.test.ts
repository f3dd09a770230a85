import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import { testTempDir } from '#server/testing/temp-dir.ts';
import { SqliteCheckpoints } from './sqlite-checkpoints.ts';

test('the log is copied into the database file by a thread of its own, while the writer goes on, until stopped', async () => {
  const file = path.join(await testTempDir('portolan-checkpoints-'), 'store.db');
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0'); // the writer never copies the log itself
  db.exec('create table t (x text)');
  const insert = db.prepare('insert into t (x) values (?)');
  const write = db.transaction((n: number) => {
    for (let i = 0; i < n; i++) insert.run('x'.repeat(1000));
  });
  write(2000);
  const before = statSync(file).size;
  assert.ok(statSync(`${file}-wal`).size > 2_000_000, 'the rows are in the log, not yet in the file');

  const checkpoints = new SqliteCheckpoints(file, { intervalMs: 20 });
  checkpoints.start();
  assert.equal(checkpoints.running, true);
  const deadline = Date.now() + 10_000;
  while (statSync(file).size < before + 2_000_000 && Date.now() < deadline) {
    write(10); // the writer is never held up
    await sleep(20);
  }
  assert.ok(
    statSync(file).size >= before + 2_000_000,
    `the file grew from ${before} to ${statSync(file).size}`,
  );
  await checkpoints.stop();
  assert.equal(checkpoints.running, false);
  assert.equal((db.prepare('select count(*) as n from t').get() as { n: number }).n >= 2000, true);
  db.close();
});

test('a thread that fails is not started again, and says so for the writer to checkpoint as before', async () => {
  const file = path.join(await testTempDir('portolan-checkpoints-'), 'missing', 'store.db');
  let failures = 0;
  const checkpoints = new SqliteCheckpoints(file, { onFailure: () => failures++ });
  checkpoints.start();
  const deadline = Date.now() + 10_000;
  while (!checkpoints.failed && Date.now() < deadline) await sleep(20);
  assert.equal(checkpoints.failed, true, 'a database in a missing directory cannot be opened');
  assert.equal(checkpoints.running, false);
  assert.equal(failures, 1);
  checkpoints.start();
  assert.equal(checkpoints.running, false);
  await checkpoints.stop();
});

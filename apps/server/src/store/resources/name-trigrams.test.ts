import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { StablePlanSqliteDialect } from '../sqlite-dialect.ts';
import { openSqliteStore } from '../sqlite-store.ts';
import { podRecord, upsert } from '../testing/store-fixtures.ts';
import { NameTrigrams } from './name-trigrams.ts';

/** A store's file with `names`, and a NameTrigrams over it that counts its reads of the ids' bounds and of names. */
async function trigramsOver(names: string[]) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'portolan-trigrams-'));
  const file = path.join(dir, 'portolan.db');
  const store = await openSqliteStore({ file });
  const cluster = await store.clusters.create({
    name: 'c',
    labels: {},
    serverUrl: 'https://c.invalid:6443',
    credentials: new Uint8Array(),
  });
  const add = (more: string[]) =>
    store.resources.applyChanges(
      cluster.id,
      more.map((name) => upsert(podRecord({ namespace: 'ns', name }))),
    );
  await add(names);
  let boundsRead = 0;
  let samplesRead = 0;
  const db = new Kysely<Database>({
    dialect: new StablePlanSqliteDialect({ database: new BetterSqlite3(file) }),
    log: (event) => {
      if (event.query.sql.includes('max("id")')) boundsRead++;
      // The sample's first run of names.
      if (/^select "name" from "resources"/.test(event.query.sql) && event.query.parameters[0] === 1)
        samplesRead++;
    },
  });
  let now = 1_000_000;
  const trigrams = new NameTrigrams(db, () => now);
  return {
    trigrams,
    add,
    boundsRead: () => boundsRead,
    samplesRead: () => samplesRead,
    wait: (ms: number) => {
      now += ms;
    },
    async close() {
      await db.destroy();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

test('name searches read how many rows there are at most every few seconds, and see a first sync after that', async (t) => {
  const names = Array.from({ length: 200 }, (_, i) => `web-${i}-${(i * 7919) % 1000}`);
  const over = await trigramsOver(names);
  t.after(() => over.close());
  assert.ok(await over.trigrams.rarestPart('web-42-'), 'a part of the substring is chosen');
  for (let i = 0; i < 20; i++) await over.trigrams.rarestPart(`web-${i}-`);
  assert.equal(over.boundsRead(), 1, 'twenty searches within a second read the bounds once');
  assert.equal(over.samplesRead(), 1);

  // A first sync writes ten times the rows: a search a few seconds later sees that and samples again.
  await over.add(Array.from({ length: 2_000 }, (_, i) => `db-${i}`));
  await over.trigrams.rarestPart('web-');
  assert.equal(over.boundsRead(), 1, 'not yet');
  over.wait(5_001);
  await over.trigrams.rarestPart('web-');
  assert.equal(over.boundsRead(), 2);
  assert.equal(over.samplesRead(), 2, 'the names are sampled again');
});

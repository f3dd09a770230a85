import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { openSqliteStore } from './sqlite-store.ts';
import { podRecord, remove, upsert } from './testing/store-fixtures.ts';
import { storeSuite } from './testing/store-suite.ts';

async function newBackend() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'portolan-store-'));
  const file = path.join(dir, 'data', 'portolan.db');
  return {
    file,
    open: (options: { now?: () => number } = {}) => openSqliteStore({ file, ...options }),
    exec: async (...statements: string[]) => {
      const db = new BetterSqlite3(file);
      try {
        db.transaction(() => {
          for (const statement of statements) db.exec(statement);
        })();
      } finally {
        db.close();
      }
    },
    destroy: () => rm(dir, { recursive: true, force: true }),
  };
}

storeSuite('SQLite', newBackend);

test('SQLite: WAL mode, and the name index follows the rows', async () => {
  const backend = await newBackend();
  const store = await backend.open();
  try {
    const records = Array.from({ length: 50 }, (_, i) => podRecord({ namespace: 'ns', name: `web-${i}` }));
    await store.resources.applyChanges('c1', records.map(upsert));
    await store.resources.applyChanges('c1', records.slice(0, 20).map(remove));
    await store.resources.applyChanges('c2', records.slice(0, 5).map(upsert));
    await store.resources.purgeCluster('c2');
    const db = new BetterSqlite3(backend.file, { readonly: true });
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      assert.equal(count('select count(*) as n from resources'), 30);
      assert.equal(count(`select count(*) as n from resource_names where resource_names match '"web"'`), 30);
      assert.equal(count('select count(*) as n from resource_labels'), 0);
    } finally {
      db.close();
    }
  } finally {
    await store.close();
    await backend.destroy();
  }
});

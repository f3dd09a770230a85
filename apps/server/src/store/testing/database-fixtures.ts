/** Empty, migrated databases of each dialect for the identity and audit store tests. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from '../migrations/migrate.ts';
import type { Database } from '../schema.ts';

export interface TestDatabase {
  db: Kysely<Database>;
  destroy(): Promise<void>;
}

export async function sqliteTestDatabase(): Promise<TestDatabase> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'portolan-iam-'));
  const connection = new BetterSqlite3(path.join(dir, 'portolan.db'));
  connection.pragma('journal_mode = WAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) });
  await migrateToLatest(db as Kysely<unknown>, 'sqlite');
  return {
    db,
    async destroy() {
      await db.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const INT8 = 20;

/**
 * A schema of its own in the test server, dropped afterwards; bigints read as numbers as the store does.
 * A set-up that fails part way (the server full, a migration refused) closes what it opened: a client
 * left open keeps the test file's process alive after its last test.
 */
export async function postgresTestDatabase(url: string): Promise<TestDatabase> {
  const schema = `portolan_iam_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  let db: Kysely<Database> | undefined;
  try {
    await admin.query(`create schema ${schema}`);
    const pool = new pg.Pool({
      connectionString: url,
      max: 4,
      options: `-c search_path=${schema},public`,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as never,
      },
    });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await migrateToLatest(db as Kysely<unknown>, 'postgres');
  } catch (error) {
    await db?.destroy().catch(() => undefined);
    await admin.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
    await admin.end().catch(() => undefined);
    throw error;
  }
  const opened = db;
  return {
    db: opened,
    async destroy() {
      await opened.destroy();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    },
  };
}

/**
 * Schemas of their own in the test server for one test file: pg_trgm made once in public (shared by
 * all of them), `inSchema` drops its schema after its work, and the admin pool closes with the file.
 */
export function postgresTestSchemas(url: string) {
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  before(async () => {
    // Test files run two at a time: on a new server two can create the extension at once, and the
    // second fails on the catalogue's unique key although the extension is there.
    const create = () => admin.query('create extension if not exists pg_trgm schema public');
    await create().catch(create);
  });
  after(() => admin.end());
  const newSchema = async (): Promise<string> => {
    const schema = `portolan_test_${randomBytes(6).toString('hex')}`;
    await admin.query(`create schema ${schema}`);
    return schema;
  };
  const inSchema = async (work: (schema: string) => Promise<void>): Promise<void> => {
    const schema = await newSchema();
    try {
      await work(schema);
    } finally {
      await admin.query(`drop schema ${schema} cascade`);
    }
  };
  return { admin, newSchema, inSchema };
}

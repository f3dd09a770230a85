/**
 * Which store a test server (portolan-harness.ts) keeps its data in. SQLite by default; PostgreSQL
 * on the test server that scripts/test.sh starts (PORTOLAN_TEST_POSTGRES_URL), one fresh database
 * per data directory, so a restart over the same directory finds the same data.
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

export type HarnessStore = 'sqlite' | 'postgres';

/** Both stores, for the tests that run over each (they take a few seconds per store). */
export const HARNESS_STORES: readonly HarnessStore[] = ['sqlite', 'postgres'];

/**
 * The store of a harness that names none: PORTOLAN_TEST_HARNESS_STORE=postgres moves every harness
 * test to PostgreSQL, for a whole run on it.
 */
export function defaultHarnessStore(env: NodeJS.ProcessEnv): HarnessStore {
  const named = env.PORTOLAN_TEST_HARNESS_STORE ?? 'sqlite';
  if (named !== 'sqlite' && named !== 'postgres')
    throw new Error(`PORTOLAN_TEST_HARNESS_STORE "${named}" must be sqlite or postgres`);
  return named;
}

const URL_FILE = 'harness-database-url';

/**
 * The PostgreSQL database of a data directory: the one made for it before, or a new empty one.
 * `drop` removes it (the server using it must be stopped first).
 */
export async function harnessDatabase(
  dataDir: string,
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = env.PORTOLAN_TEST_POSTGRES_URL;
  if (!serverUrl) {
    throw new Error(
      'PORTOLAN_TEST_POSTGRES_URL is not set, so this test cannot run on PostgreSQL. Run the tests through ' +
        'scripts/test.sh, or start a server first: export PORTOLAN_TEST_POSTGRES_URL="$(bash scripts/postgres.sh start)"',
    );
  }
  const file = path.join(dataDir, URL_FILE);
  let url = await readFile(file, 'utf8').catch(() => undefined);
  const name = url ? new URL(url).pathname.slice(1) : `portolan_harness_${randomBytes(6).toString('hex')}`;
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  if (!url) {
    await admin((client) => client.query(`create database ${name}`));
    const target = new URL(serverUrl);
    target.pathname = `/${name}`;
    url = target.toString();
    await writeFile(file, url, { mode: 0o600 });
  }
  return {
    url,
    drop: () =>
      admin((client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

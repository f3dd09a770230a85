/**
 * A harness on PostgreSQL keeps its data in a database of its own on the test server, finds it again
 * when started over the same data directory (a restart), and drops it with the data.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { defaultHarnessStore } from './harness-database.ts';
import { type Harness, startHarness } from './portolan-harness.ts';

test('on PostgreSQL: a fresh database, the same one after a restart, dropped with the data', async () => {
  // Without PORTOLAN_TEST_POSTGRES_URL the harness refuses first, saying how to start a server.
  let harness: Harness | undefined = await startHarness({ store: 'postgres' });
  const server = new pg.Client({ connectionString: process.env.PORTOLAN_TEST_POSTGRES_URL });
  await server.connect();
  const databases = async () =>
    (
      await server.query<{ datname: string }>(
        "select datname from pg_database where datname like 'portolan_harness_%'",
      )
    ).rows.map((row) => row.datname);
  try {
    const name = new URL(harness.databaseUrl ?? '').pathname.slice(1);
    assert.ok((await databases()).includes(name), `database ${name} made`);
    await harness.portolan.iam.users.createLocal({ username: 'kept', password: 'kept-password-123' });
    await harness.stop();
    harness = await startHarness({ store: 'postgres', dataDir: harness.dataDir });
    assert.equal(harness.store, 'postgres');
    assert.ok(
      await harness.portolan.store.iam.users.getByUsername('kept'),
      'the user made before the restart',
    );
    await harness.stop({ removeData: true });
    harness = undefined;
    assert.ok(!(await databases()).includes(name), `database ${name} dropped`);
  } finally {
    await harness?.stop({ removeData: true });
    await server.end();
  }
});

test('SQLite unless PORTOLAN_TEST_HARNESS_STORE names PostgreSQL; another name is refused', () => {
  assert.equal(defaultHarnessStore({}), 'sqlite');
  assert.equal(defaultHarnessStore({ PORTOLAN_TEST_HARNESS_STORE: 'postgres' }), 'postgres');
  assert.throws(
    () => defaultHarnessStore({ PORTOLAN_TEST_HARNESS_STORE: 'mysql' }),
    /must be sqlite or postgres/,
  );
});

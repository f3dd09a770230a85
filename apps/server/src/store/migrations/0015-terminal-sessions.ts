import { type Kysely, sql } from 'kysely';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Migration 0015: web terminal sessions, open and ended, for the audit of who ran a shell where and
 * for how long. A row names the replica whose sandbox runs the shell, so another replica can say
 * where a session lives and end those of a replica that died. Times are epoch milliseconds; the
 * transcript (what the shell printed, when transcripts are on) is bytes, written once at the end.
 */
export async function addTerminalSessions(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  await db.schema
    .createTable('terminal_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('cluster', 'text', (c) => c.notNull())
    .addColumn('replica', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint')
    .addColumn('end_reason', 'text')
    .addColumn('bytes_in', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_out', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('transcript', dialect === 'postgres' ? 'bytea' : 'blob')
    .execute();
  // Newest first, all and per user or cluster; the open ones by replica (the sweep of dead replicas).
  await sql`create index terminal_sessions_started on terminal_sessions (started_at desc, id desc)`.execute(
    db,
  );
  await sql`create index terminal_sessions_user on terminal_sessions (user_id, started_at desc, id desc)`.execute(
    db,
  );
  await sql`create index terminal_sessions_cluster on terminal_sessions (cluster, started_at desc, id desc)`.execute(
    db,
  );
  await sql`create index terminal_sessions_open on terminal_sessions (ended_at, replica)`.execute(db);
}

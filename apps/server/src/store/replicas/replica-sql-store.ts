import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, LeasesTable } from '../schema.ts';
import type { Lease, ReplicaStore } from './replica-store.ts';

function toLease(row: Selectable<LeasesTable>): Lease {
  return {
    name: row.name,
    owner: row.owner,
    generation: Number(row.generation),
    acquiredAt: new Date(Number(row.acquired_at)),
    renewedAt: new Date(Number(row.renewed_at)),
    expiresAt: new Date(Number(row.expires_at)),
  };
}

/** Replicas and leases in SQL; the same statements on SQLite and PostgreSQL. */
export function createSqlReplicaStore(db: Kysely<Database>): ReplicaStore {
  return {
    async join(replica, now) {
      await db
        .insertInto('replicas')
        .values({
          id: replica.id,
          address: replica.address,
          started_at: replica.startedAt,
          heartbeat_at: now,
        })
        .onConflict((c) => c.column('id').doUpdateSet({ address: replica.address, heartbeat_at: now }))
        .execute();
    },
    async heartbeat(id, now) {
      await db.updateTable('replicas').set({ heartbeat_at: now }).where('id', '=', id).execute();
    },
    async leave(id) {
      await db.deleteFrom('replicas').where('id', '=', id).execute();
    },
    async live(since) {
      await db.deleteFrom('replicas').where('heartbeat_at', '<=', since).execute();
      const rows = await db.selectFrom('replicas').selectAll().orderBy('started_at').orderBy('id').execute();
      return rows.map((row) => ({
        id: row.id,
        address: row.address,
        startedAt: new Date(Number(row.started_at)),
        heartbeatAt: new Date(Number(row.heartbeat_at)),
      }));
    },
    async acquire(name, owner, now, ttlMs) {
      // One statement: the row lock PostgreSQL takes for ON CONFLICT re-checks the WHERE against the
      // latest row, so of two replicas racing for an expired lease exactly one gets a row back.
      const { rows } = await sql<Selectable<LeasesTable>>`
        insert into leases (name, owner, generation, acquired_at, renewed_at, expires_at)
        values (${name}, ${owner}, 1, ${now}, ${now}, ${now + ttlMs})
        on conflict (name) do update set
          generation = case when leases.owner = excluded.owner then leases.generation
                            else leases.generation + 1 end,
          acquired_at = case when leases.owner = excluded.owner then leases.acquired_at
                             else excluded.acquired_at end,
          owner = excluded.owner,
          renewed_at = excluded.renewed_at,
          expires_at = excluded.expires_at
        where leases.owner = excluded.owner or leases.owner = '' or leases.expires_at <= excluded.renewed_at
        returning *`.execute(db);
      return rows[0] ? toLease(rows[0]) : undefined;
    },
    async renew(name, owner, generation, now, ttlMs) {
      // An expired lease nobody took is still ours: its generation has not moved, so no one else wrote.
      const result = await db
        .updateTable('leases')
        .set({ renewed_at: now, expires_at: now + ttlMs })
        .where('name', '=', name)
        .where('owner', '=', owner)
        .where('generation', '=', generation)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async release(name, owner, generation) {
      await db
        .updateTable('leases')
        .set({ owner: '', expires_at: 0 })
        .where('name', '=', name)
        .where('owner', '=', owner)
        .where('generation', '=', generation)
        .execute();
    },
    async forget(name) {
      await db.deleteFrom('leases').where('name', '=', name).execute();
    },
    async get(name) {
      const row = await db.selectFrom('leases').selectAll().where('name', '=', name).executeTakeFirst();
      return row ? toLease(row) : undefined;
    },
    async list() {
      return (await db.selectFrom('leases').selectAll().orderBy('name').execute()).map(toLease);
    },
  };
}

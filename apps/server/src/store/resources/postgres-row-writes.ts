import { sql, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import { copyLine } from './copy-text.ts';
import type { CopyRunner } from './postgres-copy.ts';
import type { RowInput, RowWrites } from './row-writes.ts';

type Place = { clusterId: string; typeId: number; syncedAt: number };

// Rows per statement. Arrays are single parameters, so this bounds only the statement's memory.
const BATCH = 1000;

const ROW_COLUMNS = `id, cluster_id, type_id, namespace, name, uid, resource_version, labels, owner_uid,
  node_name, phase, created_at, synced_at, cpu_request, memory_request`;

// Batches written beside another of the same first sync, across the process: 3 of the pool's 10.
const EXTRA_SLOTS = 3;

/**
 * Rows in one statement per batch, each small column sent as one array and unnested: a constant
 * statement text (no parsing of thousands of parameters each time), a thousand rows a round trip.
 * With `copy`, a first sync's new rows go by COPY (insertNewRows).
 */
export const postgresRowWrites = (copy?: CopyRunner): RowWrites => {
  let extra = 0;
  // Batches of first syncs being copied now: while two or more are, the database's backends are busy
  // already, and one more beside them only adds to what this process holds and waits for.
  let copying = 0;
  return {
    extraSlot() {
      if (extra >= EXTRA_SLOTS || copying > 1) return undefined;
      extra++;
      let released = false;
      return () => {
        if (!released) extra--;
        released = true;
      };
    },
    /** New rows by COPY (copyNewRows), counted while they are copied. */
    async insertNewRows(trx, place, rows) {
      if (!copy || rows.length === 0) return copy ? [] : undefined;
      copying++;
      try {
        return await copyNewRows(copy, trx, place, rows);
      } finally {
        copying--;
      }
    },

    async upsertRows(trx, place, rows) {
      const out: Array<{ id: number; namespace: string; name: string }> = [];
      for (let start = 0; start < rows.length; start += BATCH) {
        const part = rows.slice(start, start + BATCH);
        const col = <K extends keyof RowInput>(key: K): Array<RowInput[K]> => part.map((r) => r[key]);
        const { rows: written } = await sql<{ id: number; namespace: string; name: string }>`
        with input as (
          select * from unnest(
            ${col('namespace')}::text[], ${col('name')}::text[], ${col('uid')}::text[],
            ${col('resourceVersion')}::text[], ${col('labels')}::jsonb[], ${col('ownerUid')}::text[],
            ${col('nodeName')}::text[], ${col('phase')}::text[], ${col('createdAt')}::bigint[],
            ${col('cpuRequest')}::bigint[], ${col('memoryRequest')}::bigint[]
          ) as t(namespace, name, uid, resource_version, labels, owner_uid, node_name, phase, created_at,
                 cpu_request, memory_request)
        )
        insert into resources (cluster_id, type_id, namespace, name, uid, resource_version, labels,
          owner_uid, node_name, phase, created_at, synced_at, cpu_request, memory_request)
        select ${place.clusterId}::text, ${place.typeId}::integer, namespace, name, uid, resource_version,
          labels, owner_uid, node_name, phase, created_at, ${place.syncedAt}::bigint, cpu_request,
          memory_request
        from input
        on conflict (type_id, cluster_id, namespace, name) do update set
          uid = excluded.uid, resource_version = excluded.resource_version, labels = excluded.labels,
          owner_uid = excluded.owner_uid, node_name = excluded.node_name, phase = excluded.phase,
          created_at = excluded.created_at, synced_at = excluded.synced_at,
          cpu_request = excluded.cpu_request, memory_request = excluded.memory_request
        returning id, namespace, name`.execute(trx);
        // Objects go as one parameter each: an array literal of large texts is escaped by the client
        // and parsed by the server at a fraction of the speed (7 MB took 0.4–1 s against 17 ms).
        const idOf = new Map(written.map((row) => [`${row.namespace}\u0000${row.name}`, Number(row.id)]));
        const objects = part.map((r) => {
          const id = idOf.get(`${r.namespace}\u0000${r.name}`);
          if (id === undefined) throw new Error(`store: upsert of ${r.namespace}/${r.name} returned no id`);
          return sql`(${id}::bigint, ${r.object}::text)`;
        });
        await sql`
        insert into resource_objects (id, object) values ${sql.join(objects)}
        on conflict (id) do update set object = excluded.object`.execute(trx);
        for (const row of written) out.push({ id: Number(row.id), namespace: row.namespace, name: row.name });
        if (written.length !== part.length)
          throw new Error(`store: ${part.length} rows written, ${written.length} ids returned`);
      }
      return out;
    },

    // Labels are searched through the GIN index of resources.labels (migration 0024): no label rows.
    async insertLabels() {},
    async deleteLabels() {},
  };
};

/**
 * New rows by COPY: their ids drawn from the rows' sequence first (the statement that finds the
 * transaction's connection), then the rows and their objects copied in as text, no statement to
 * parse, no parameters to bind, no conflict to test per row (the unique key still refuses a stored
 * one, failing the transaction).
 */
async function copyNewRows(
  copy: CopyRunner,
  trx: Transaction<Database>,
  place: Place,
  rows: RowInput[],
): Promise<Array<{ id: number; namespace: string; name: string }> | undefined> {
  const found = await copy.withConnection(
    trx,
    sql<{ id: number }>`select nextval(s.seq) as id
    from (select pg_get_serial_sequence('resources', 'id')::regclass as seq) s,
      generate_series(1, ${rows.length}::integer)`,
  );
  if (!found) return undefined;
  const ids = found.rows.map((row) => Number(row.id));
  if (ids.length !== rows.length) throw new Error(`store: ${rows.length} ids asked, ${ids.length} drawn`);
  const rowText: string[] = [];
  const objectText: string[] = [];
  const out: Array<{ id: number; namespace: string; name: string }> = [];
  for (const [i, r] of rows.entries()) {
    const id = ids[i] as number;
    rowText.push(
      copyLine([
        id,
        place.clusterId,
        place.typeId,
        r.namespace,
        r.name,
        r.uid,
        r.resourceVersion,
        r.labels,
        r.ownerUid,
        r.nodeName,
        r.phase,
        r.createdAt,
        place.syncedAt,
        r.cpuRequest,
        r.memoryRequest,
      ]),
    );
    objectText.push(copyLine([id, r.object]));
    out.push({ id, namespace: r.namespace, name: r.name });
  }
  await found.copy(`copy resources (${ROW_COLUMNS}) from stdin`, rowText);
  await found.copy('copy resource_objects (id, object) from stdin', objectText);
  return out;
}

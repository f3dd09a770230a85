import { type RawBuilder, sql, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';

type Trx = Transaction<Database>;

/** One resource row as written: its columns, with labels and object already JSON text. */
export interface RowInput {
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  labels: string;
  ownerUid: string | null;
  nodeName: string | null;
  phase: string | null;
  createdAt: number;
  cpuRequest: number | null;
  memoryRequest: number | null;
  object: string;
}

export interface LabelInput {
  rowId: number;
  key: string;
  value: string;
}

/** How rows, their objects and their label rows reach the database: shared SQL, or a dialect's bulk form. */
export interface RowWrites {
  /**
   * A slot for a first sync to write a batch beside the one it is writing, each in its own
   * transaction, so two database backends share the work: its release, or undefined when none is free
   * (never, where the dialect does not offer it). Few across the process, so that many clusters
   * syncing at once leave connections to everything else.
   */
  extraSlot?(): (() => void) | undefined;
  /** Inserts or updates rows (by key) and their objects; answers each row's id. */
  upsertRows(
    trx: Trx,
    place: { clusterId: string; typeId: number; syncedAt: number },
    rows: RowInput[],
  ): Promise<Array<{ id: number; namespace: string; name: string }>>;
  /**
   * Inserts rows none of whose keys is stored (a first sync's), a faster way where the dialect has
   * one; fails with unique_violation (23505) if a key is stored after all. Answers undefined, having
   * written nothing, where it cannot (the caller then upserts).
   */
  insertNewRows?(
    trx: Trx,
    place: { clusterId: string; typeId: number; syncedAt: number },
    rows: RowInput[],
  ): Promise<Array<{ id: number; namespace: string; name: string }> | undefined>;
  insertLabels(trx: Trx, place: { clusterId: string; typeId: number }, labels: LabelInput[]): Promise<void>;
  /** Deletes the label rows of these rows (`ids`: a list of ids or a subquery selecting them). */
  deleteLabels(trx: Trx, ids: number[] | RawBuilder<unknown>): Promise<void>;
}

// Rows per statement: well under SQLite's limit on bound parameters.
const CHUNK = 200;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const keyOf = (namespace: string, name: string) => `${namespace}\u0000${name}`;

/** Multi-row INSERTs through the query builder, a chunk at a time: what every dialect can run. */
export const sharedRowWrites: RowWrites = {
  async upsertRows(trx, place, rows) {
    const out: Array<{ id: number; namespace: string; name: string }> = [];
    for (const part of chunks(rows)) {
      const ids = await trx
        .insertInto('resources')
        .values(
          part.map((r) => ({
            cluster_id: place.clusterId,
            type_id: place.typeId,
            namespace: r.namespace,
            name: r.name,
            uid: r.uid,
            resource_version: r.resourceVersion,
            labels: r.labels,
            owner_uid: r.ownerUid,
            node_name: r.nodeName,
            phase: r.phase,
            created_at: r.createdAt,
            synced_at: place.syncedAt,
            cpu_request: r.cpuRequest,
            memory_request: r.memoryRequest,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['type_id', 'cluster_id', 'namespace', 'name']).doUpdateSet((eb) => ({
            uid: eb.ref('excluded.uid'),
            resource_version: eb.ref('excluded.resource_version'),
            labels: eb.ref('excluded.labels'),
            owner_uid: eb.ref('excluded.owner_uid'),
            node_name: eb.ref('excluded.node_name'),
            phase: eb.ref('excluded.phase'),
            created_at: eb.ref('excluded.created_at'),
            synced_at: eb.ref('excluded.synced_at'),
            cpu_request: eb.ref('excluded.cpu_request'),
            memory_request: eb.ref('excluded.memory_request'),
          })),
        )
        .returning(['id', 'namespace', 'name'])
        .execute();
      const idOf = new Map(ids.map((row) => [keyOf(row.namespace, row.name), Number(row.id)]));
      // The objects, by the ids the rows got (or kept).
      await trx
        .insertInto('resource_objects')
        .values(
          part.map((r) => {
            const id = idOf.get(keyOf(r.namespace, r.name));
            if (id === undefined) throw new Error(`store: upsert of ${r.namespace}/${r.name} returned no id`);
            return { id, object: r.object };
          }),
        )
        .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ object: eb.ref('excluded.object') })))
        .execute();
      for (const row of ids) out.push({ id: Number(row.id), namespace: row.namespace, name: row.name });
    }
    return out;
  },

  async insertLabels(trx, place, labels) {
    for (const part of chunks(labels, 500))
      await trx
        .insertInto('resource_labels')
        .values(
          part.map((l) => ({
            row_id: l.rowId,
            type_id: place.typeId,
            cluster_id: place.clusterId,
            key: l.key,
            value: l.value,
          })),
        )
        .execute();
  },

  async deleteLabels(trx, ids) {
    if (!Array.isArray(ids)) {
      // A subquery builder compiles parenthesized.
      await sql`delete from resource_labels where row_id in ${ids}`.execute(trx);
    } else if (ids.length > 0) await trx.deleteFrom('resource_labels').where('row_id', 'in', ids).execute();
  },
};

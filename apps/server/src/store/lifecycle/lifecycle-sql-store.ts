import type { Kysely, Selectable } from 'kysely';
import { StoreError } from '../store.ts';
import type { LifecycleStore, StoredManagedCluster, StoredOperation } from './lifecycle-store.ts';

/** The tables of migration 0022, as Kysely sees them. */
export type LifecycleDatabase = {
  lifecycle_clusters: {
    name: string;
    provider: string;
    spec: string;
    created_at: number;
    created_by: string;
    snapshot_cron: string | null;
    snapshot_keep: number | null;
    next_snapshot_at: number | null;
  };
  lifecycle_operations: {
    id: string;
    cluster: string;
    kind: string;
    state: string;
    created_at: number;
    document: string;
  };
};

type Tables = LifecycleDatabase;

/** PostgreSQL may hand back a bigint column as a string; SQLite as a number. */
const int = (value: number | string) => Number(value);
const json = <T>(value: unknown, empty: T): T =>
  typeof value === 'string' ? (JSON.parse(value) as T) : ((value as T | null) ?? empty);

function toCluster(row: Selectable<Tables['lifecycle_clusters']>): StoredManagedCluster {
  return {
    name: row.name,
    provider: row.provider,
    spec: json(row.spec, {}),
    createdAt: new Date(int(row.created_at)),
    createdBy: row.created_by,
    snapshotSchedule:
      row.snapshot_cron !== null ? { cron: row.snapshot_cron, keep: int(row.snapshot_keep ?? 1) } : null,
    nextSnapshotAt: row.next_snapshot_at === null ? null : new Date(int(row.next_snapshot_at)),
  };
}

function toOperation(row: Selectable<Tables['lifecycle_operations']>): StoredOperation {
  return {
    id: row.id,
    cluster: row.cluster,
    kind: row.kind,
    state: row.state,
    createdAt: new Date(int(row.created_at)),
    document: json(row.document, {}),
  };
}

const cursorOf = (operation: StoredOperation) =>
  Buffer.from(JSON.stringify([operation.createdAt.getTime(), operation.id])).toString('base64url');

function cursorPosition(cursor: string): { at: number; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (Number.isSafeInteger(at) && typeof id === 'string') return { at: at as number, id };
  } catch {
    // Answered below.
  }
  throw new StoreError(
    'invalid',
    'continue is not a token this server gave out; start again without it',
    'continue',
  );
}

export function createSqlLifecycleStore(db: Kysely<Tables>): LifecycleStore {
  const operations = () => db.selectFrom('lifecycle_operations').selectAll();
  return {
    async insertCluster(cluster) {
      return db.transaction().execute(async (tx) => {
        const existing = await tx
          .selectFrom('lifecycle_clusters')
          .select('name')
          .where('name', '=', cluster.name)
          .executeTakeFirst();
        if (existing) return false;
        await tx
          .insertInto('lifecycle_clusters')
          .values({
            name: cluster.name,
            provider: cluster.provider,
            spec: JSON.stringify(cluster.spec),
            created_at: cluster.createdAt.getTime(),
            created_by: cluster.createdBy,
            snapshot_cron: cluster.snapshotSchedule?.cron ?? null,
            snapshot_keep: cluster.snapshotSchedule?.keep ?? null,
            next_snapshot_at: cluster.nextSnapshotAt?.getTime() ?? null,
          })
          .execute();
        return true;
      });
    },
    async getCluster(name) {
      const row = await db
        .selectFrom('lifecycle_clusters')
        .selectAll()
        .where('name', '=', name)
        .executeTakeFirst();
      return row ? toCluster(row) : undefined;
    },
    async listClusters() {
      return (await db.selectFrom('lifecycle_clusters').selectAll().orderBy('name').execute()).map(toCluster);
    },
    async updateSpec(name, spec) {
      await db
        .updateTable('lifecycle_clusters')
        .set({ spec: JSON.stringify(spec) })
        .where('name', '=', name)
        .execute();
    },
    async setSchedule(name, schedule, next) {
      await db
        .updateTable('lifecycle_clusters')
        .set({
          snapshot_cron: schedule?.cron ?? null,
          snapshot_keep: schedule?.keep ?? null,
          next_snapshot_at: next?.getTime() ?? null,
        })
        .where('name', '=', name)
        .execute();
    },
    async advanceSchedule(name, expected, next) {
      const result = await db
        .updateTable('lifecycle_clusters')
        .set({ next_snapshot_at: next?.getTime() ?? null })
        .where('name', '=', name)
        .where('next_snapshot_at', '=', expected.getTime())
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async dueSnapshots(now) {
      const rows = await db
        .selectFrom('lifecycle_clusters')
        .selectAll()
        .where('next_snapshot_at', 'is not', null)
        .where('next_snapshot_at', '<=', now.getTime())
        .execute();
      return rows.map(toCluster);
    },
    async deleteCluster(name) {
      await db.deleteFrom('lifecycle_clusters').where('name', '=', name).execute();
    },
    async insertOperation(operation) {
      return db.transaction().execute(async (tx) => {
        const running = await tx
          .selectFrom('lifecycle_operations')
          .select('id')
          .where('cluster', '=', operation.cluster)
          .where('state', '=', 'running')
          .executeTakeFirst();
        if (running) return false;
        await tx
          .insertInto('lifecycle_operations')
          .values({
            id: operation.id,
            cluster: operation.cluster,
            kind: operation.kind,
            state: operation.state,
            created_at: operation.createdAt.getTime(),
            document: JSON.stringify(operation.document),
          })
          .execute();
        return true;
      });
    },
    async saveOperation(operation) {
      await db
        .updateTable('lifecycle_operations')
        .set({ state: operation.state, document: JSON.stringify(operation.document) })
        .where('id', '=', operation.id)
        .execute();
    },
    async getOperation(id) {
      const row = await operations().where('id', '=', id).executeTakeFirst();
      return row ? toOperation(row) : undefined;
    },
    async runningOperation(cluster) {
      const row = await operations()
        .where('cluster', '=', cluster)
        .where('state', '=', 'running')
        .executeTakeFirst();
      return row ? toOperation(row) : undefined;
    },
    async runningOperations() {
      return (await operations().where('state', '=', 'running').orderBy('created_at').execute()).map(
        toOperation,
      );
    },
    async latestOperation(cluster) {
      const row = await operations()
        .where('cluster', '=', cluster)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? toOperation(row) : undefined;
    },
    async listOperations(query) {
      if (query.clusters?.length === 0) return { items: [], total: 0 };
      let select = operations();
      let count = db
        .selectFrom('lifecycle_operations')
        .select((eb) => eb.fn.countAll<number | string>().as('n'));
      const filters: [keyof Tables['lifecycle_operations'], string | undefined][] = [
        ['cluster', query.cluster],
        ['kind', query.kind],
        ['state', query.state],
      ];
      for (const [column, value] of filters)
        if (value !== undefined) {
          select = select.where(column, '=', value);
          count = count.where(column, '=', value);
        }
      if (query.clusters) {
        select = select.where('cluster', 'in', query.clusters);
        count = count.where('cluster', 'in', query.clusters);
      }
      if (query.cursor) {
        const { at, id } = cursorPosition(query.cursor);
        select = select.where((eb) =>
          eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', id)])]),
        );
      }
      const rows = await select
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit + 1)
        .execute();
      const total = int((await count.executeTakeFirst())?.n ?? 0);
      const items = rows.slice(0, query.limit).map(toOperation);
      const last = items.at(-1);
      return { items, total, ...(rows.length > query.limit && last ? { next: cursorOf(last) } : {}) };
    },
  };
}

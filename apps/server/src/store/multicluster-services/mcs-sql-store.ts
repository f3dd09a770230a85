import type { McsWording, MultiClusterServiceDocument } from '@portolan/api';
import type { Kysely, Selectable } from 'kysely';
import {
  GenerationConflictError,
  type ImportState,
  type MultiClusterServiceStore,
  type StoredExport,
  type StoredImport,
  type StoredMultiClusterService,
} from './mcs-store.ts';

/** The tables of migration 0017, as Kysely sees them. */
export type MultiClusterServiceDatabase = {
  multicluster_services: {
    namespace: string;
    name: string;
    document: string;
    generation: number;
    updated_by: string;
    updated_at: number;
    deleting: number;
    exports: string;
  };
  multicluster_service_imports: {
    namespace: string;
    name: string;
    cluster: string;
    state: string;
    reason: string | null;
    reason_code: string | null;
    reason_params: string | null;
    endpoints: number;
    last_synced_at: number | null;
    owned: string;
  };
};

type ServiceRow = Selectable<MultiClusterServiceDatabase['multicluster_services']>;
type ImportRow = Selectable<MultiClusterServiceDatabase['multicluster_service_imports']>;

/** PostgreSQL may hand back a bigint column as a string; SQLite as a number. */
const time = (value: number | string) => new Date(Number(value));

function toImport(row: ImportRow): StoredImport {
  return {
    cluster: row.cluster,
    state: row.state as ImportState,
    ...(row.reason === null ? {} : { reason: row.reason }),
    ...(row.reason === null || row.reason_code === null
      ? {}
      : {
          reasonWording: {
            code: row.reason_code as McsWording['code'],
            params: row.reason_params ? JSON.parse(row.reason_params) : {},
          },
        }),
    endpoints: Number(row.endpoints),
    ...(row.last_synced_at === null ? {} : { lastSyncedAt: time(row.last_synced_at) }),
    owned: JSON.parse(row.owned),
  };
}

function toService(row: ServiceRow, imports: ImportRow[]): StoredMultiClusterService {
  const document = JSON.parse(row.document) as MultiClusterServiceDocument;
  const exports = (JSON.parse(row.exports) as Array<StoredExport & { seenAt: string }>).map((entry) => ({
    ...entry,
    seenAt: new Date(entry.seenAt),
  }));
  return {
    document: { ...document, metadata: { ...document.metadata, generation: Number(row.generation) } },
    updatedBy: row.updated_by,
    updatedAt: time(row.updated_at),
    deleting: Number(row.deleting) === 1,
    exports,
    imports: imports
      .filter((entry) => entry.namespace === row.namespace && entry.name === row.name)
      .sort((a, b) => a.cluster.localeCompare(b.cluster))
      .map(toImport),
  };
}

export function createSqlMultiClusterServiceStore(
  db: Kysely<MultiClusterServiceDatabase>,
): MultiClusterServiceStore {
  const one = async (namespace: string, name: string, from = db) => {
    const row = await from
      .selectFrom('multicluster_services')
      .selectAll()
      .where('namespace', '=', namespace)
      .where('name', '=', name)
      .executeTakeFirst();
    if (!row) return undefined;
    const imports = await from
      .selectFrom('multicluster_service_imports')
      .selectAll()
      .where('namespace', '=', namespace)
      .where('name', '=', name)
      .execute();
    return toService(row, imports);
  };
  return {
    async list() {
      const rows = await db
        .selectFrom('multicluster_services')
        .selectAll()
        .orderBy('namespace')
        .orderBy('name')
        .execute();
      const imports = await db.selectFrom('multicluster_service_imports').selectAll().execute();
      return rows.map((row) => toService(row, imports));
    },
    get: (namespace, name) => one(namespace, name),
    put(document, by, at) {
      const { namespace, name, generation: asked } = document.metadata;
      // The stored generation is the row's; the document's copy is only the caller's expectation.
      const { generation: _ignored, ...metadata } = document.metadata;
      const text = JSON.stringify({ ...document, metadata });
      return db.transaction().execute(async (trx) => {
        const current = await trx
          .selectFrom('multicluster_services')
          .select(['generation', 'deleting'])
          .where('namespace', '=', namespace)
          .where('name', '=', name)
          .executeTakeFirst();
        if (current && asked !== undefined && Number(current.generation) !== asked)
          throw new GenerationConflictError(
            `multi-cluster Service ${namespace}/${name} is at generation ${current.generation}, not ${asked}: ` +
              'someone changed it meanwhile; read it again and apply your change to that',
          );
        if (!current && asked !== undefined && asked !== 0)
          throw new GenerationConflictError(
            `multi-cluster Service ${namespace}/${name} does not exist (it may have been removed); ` +
              'leave metadata.generation out to create it',
          );
        const row = { document: text, updated_by: by, updated_at: at.getTime(), deleting: 0 };
        if (current)
          await trx
            .updateTable('multicluster_services')
            .set({ ...row, generation: Number(current.generation) + 1 })
            .where('namespace', '=', namespace)
            .where('name', '=', name)
            .execute();
        else
          await trx
            .insertInto('multicluster_services')
            .values({ namespace, name, ...row, generation: 1, exports: '[]' })
            .execute();
        const stored = await one(namespace, name, trx);
        if (!stored) throw new Error(`multi-cluster Service ${namespace}/${name} vanished while being saved`);
        // A record being removed counts as gone: saving it again creates it.
        return { stored, created: !current || Number(current.deleting) === 1 };
      });
    },
    async markDeleting(namespace, name, by, at) {
      const result = await db
        .updateTable('multicluster_services')
        .set({ deleting: 1, updated_by: by, updated_at: at.getTime() })
        .where('namespace', '=', namespace)
        .where('name', '=', name)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async setExports(namespace, name, exports) {
      await db
        .updateTable('multicluster_services')
        .set({ exports: JSON.stringify(exports) })
        .where('namespace', '=', namespace)
        .where('name', '=', name)
        .execute();
    },
    async putImport(namespace, name, entry) {
      const row = {
        state: entry.state,
        reason: entry.reason ?? null,
        reason_code: entry.reason ? (entry.reasonWording?.code ?? null) : null,
        reason_params:
          entry.reason && entry.reasonWording ? JSON.stringify(entry.reasonWording.params) : null,
        endpoints: entry.endpoints,
        last_synced_at: entry.lastSyncedAt?.getTime() ?? null,
        owned: JSON.stringify(entry.owned),
      };
      await db
        .insertInto('multicluster_service_imports')
        .values({ namespace, name, cluster: entry.cluster, ...row })
        .onConflict((oc) => oc.columns(['namespace', 'name', 'cluster']).doUpdateSet(row))
        .execute();
    },
    async removeImport(namespace, name, cluster) {
      await db
        .deleteFrom('multicluster_service_imports')
        .where('namespace', '=', namespace)
        .where('name', '=', name)
        .where('cluster', '=', cluster)
        .execute();
    },
    async delete(namespace, name) {
      await db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('multicluster_service_imports')
          .where('namespace', '=', namespace)
          .where('name', '=', name)
          .execute();
        await trx
          .deleteFrom('multicluster_services')
          .where('namespace', '=', namespace)
          .where('name', '=', name)
          .execute();
      });
    },
  };
}

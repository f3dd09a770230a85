import type { Kysely, Selectable } from 'kysely';
import type { EngineRecord, MonitoringStore, StoredMetricsSource } from './monitoring-store.ts';

/** The tables of migration 0018, as Kysely sees them. */
export type MonitoringDatabase = {
  metrics_engine: {
    name: string;
    address: string;
    replica: string;
    version: string | null;
    settings: string;
    started_at: number;
    updated_at: number;
  };
  metrics_sources: {
    cluster_id: string;
    url: string;
    cluster_label: string;
    cluster_value: string | null;
    sealed_token: string | null;
    skip_tls_verify: number;
    updated_by: string;
    updated_at: number;
  };
};

const MANAGED = 'managed';
/** PostgreSQL may hand back a bigint column as a string; SQLite as a number. */
const time = (value: number | string) => new Date(Number(value));

function toSource(row: Selectable<MonitoringDatabase['metrics_sources']>): StoredMetricsSource {
  return {
    clusterId: row.cluster_id,
    url: row.url,
    clusterLabel: row.cluster_label,
    clusterValue: row.cluster_value,
    sealedToken: row.sealed_token,
    skipTlsVerify: Number(row.skip_tls_verify) === 1,
    updatedBy: row.updated_by,
    updatedAt: time(row.updated_at),
  };
}

export function createSqlMonitoringStore(db: Kysely<MonitoringDatabase>): MonitoringStore {
  return {
    async engine() {
      const row = await db
        .selectFrom('metrics_engine')
        .selectAll()
        .where('name', '=', MANAGED)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        address: row.address,
        replica: row.replica,
        version: row.version,
        settings: JSON.parse(row.settings) as EngineRecord['settings'],
        startedAt: time(row.started_at),
        updatedAt: time(row.updated_at),
      };
    },
    async recordEngine(record) {
      const values = {
        address: record.address,
        replica: record.replica,
        version: record.version,
        settings: JSON.stringify(record.settings),
        started_at: record.startedAt.getTime(),
        updated_at: record.updatedAt.getTime(),
      };
      await db
        .insertInto('metrics_engine')
        .values({ name: MANAGED, ...values })
        .onConflict((c) => c.column('name').doUpdateSet(values))
        .execute();
    },
    async forgetEngine(replica) {
      await db
        .deleteFrom('metrics_engine')
        .where('name', '=', MANAGED)
        .where('replica', '=', replica)
        .execute();
    },
    async sources() {
      const rows = await db.selectFrom('metrics_sources').selectAll().orderBy('cluster_id').execute();
      return rows.map(toSource);
    },
    async source(clusterId) {
      const row = await db
        .selectFrom('metrics_sources')
        .selectAll()
        .where('cluster_id', '=', clusterId)
        .executeTakeFirst();
      return row && toSource(row);
    },
    async putSource(source) {
      const values = {
        url: source.url,
        cluster_label: source.clusterLabel,
        cluster_value: source.clusterValue,
        sealed_token: source.sealedToken,
        skip_tls_verify: source.skipTlsVerify ? 1 : 0,
        updated_by: source.updatedBy,
        updated_at: source.updatedAt.getTime(),
      };
      await db
        .insertInto('metrics_sources')
        .values({ cluster_id: source.clusterId, ...values })
        .onConflict((c) => c.column('cluster_id').doUpdateSet(values))
        .execute();
    },
    async removeSource(clusterId) {
      await db.deleteFrom('metrics_sources').where('cluster_id', '=', clusterId).execute();
    },
  };
}

import type { Kysely, Selectable } from 'kysely';
import type { BackupStore, RunQuery, StoredDestination, StoredPlan, StoredRun } from './backup-store.ts';

/** The tables of migration 0023, as Kysely sees them. */
export type BackupDatabase = {
  backup_destinations: {
    name: string;
    type: string;
    settings: string;
    sealed_secret: string | null;
    created_at: number;
  };
  backup_plans: {
    name: string;
    cluster: string;
    destination: string;
    spec: string;
    created_by: string;
    created_at: number;
    next_run_at: number | null;
  };
  backups: {
    id: string;
    plan: string | null;
    cluster: string;
    state: string;
    started_at: number;
    record: string;
  };
  restores: {
    id: string;
    cluster: string;
    state: string;
    started_at: number;
    record: string;
    results: string;
  };
};

type Tables = BackupDatabase;

/** PostgreSQL may hand back a bigint column as a string; SQLite as a number. */
const int = (value: number | string) => Number(value);
const json = <T>(value: unknown, empty: T): T =>
  typeof value === 'string' ? (JSON.parse(value) as T) : ((value as T | null) ?? empty);

const toDestination = (row: Selectable<Tables['backup_destinations']>): StoredDestination => ({
  name: row.name,
  type: row.type === 's3' ? 's3' : 'folder',
  settings: json(row.settings, {}),
  sealedSecret: row.sealed_secret,
  createdAt: new Date(int(row.created_at)),
});

const toPlan = (row: Selectable<Tables['backup_plans']>): StoredPlan => ({
  name: row.name,
  cluster: row.cluster,
  destination: row.destination,
  spec: json(row.spec, {}),
  createdBy: json(row.created_by, { id: '', name: '' }),
  createdAt: new Date(int(row.created_at)),
  nextRunAt: row.next_run_at === null ? null : new Date(int(row.next_run_at)),
});

const toRun = (row: {
  id: string;
  plan?: string | null;
  cluster: string;
  state: string;
  started_at: number;
  record: string;
}): StoredRun => ({
  id: row.id,
  plan: row.plan ?? null,
  cluster: row.cluster,
  state: row.state,
  startedAt: new Date(int(row.started_at)),
  record: json(row.record, {}),
});

export function createSqlBackupStore(db: Kysely<Tables>): BackupStore {
  return {
    async putDestination(destination) {
      const values = {
        type: destination.type,
        settings: JSON.stringify(destination.settings),
        sealed_secret: destination.sealedSecret,
      };
      const updated = await db
        .updateTable('backup_destinations')
        .set(values)
        .where('name', '=', destination.name)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) > 0) return false;
      await db
        .insertInto('backup_destinations')
        .values({ name: destination.name, created_at: destination.createdAt.getTime(), ...values })
        .execute();
      return true;
    },
    async getDestination(name) {
      const row = await db
        .selectFrom('backup_destinations')
        .selectAll()
        .where('name', '=', name)
        .executeTakeFirst();
      return row ? toDestination(row) : undefined;
    },
    async listDestinations() {
      return (await db.selectFrom('backup_destinations').selectAll().orderBy('name').execute()).map(
        toDestination,
      );
    },
    async deleteDestination(name) {
      const result = await db.deleteFrom('backup_destinations').where('name', '=', name).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async putPlan(plan) {
      const values = {
        cluster: plan.cluster,
        destination: plan.destination,
        spec: JSON.stringify(plan.spec),
        next_run_at: plan.nextRunAt?.getTime() ?? null,
      };
      const updated = await db
        .updateTable('backup_plans')
        .set(values)
        .where('name', '=', plan.name)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) > 0) return false;
      await db
        .insertInto('backup_plans')
        .values({
          name: plan.name,
          created_by: JSON.stringify(plan.createdBy),
          created_at: plan.createdAt.getTime(),
          ...values,
        })
        .execute();
      return true;
    },
    async getPlan(name) {
      const row = await db.selectFrom('backup_plans').selectAll().where('name', '=', name).executeTakeFirst();
      return row ? toPlan(row) : undefined;
    },
    async listPlans() {
      return (await db.selectFrom('backup_plans').selectAll().orderBy('name').execute()).map(toPlan);
    },
    async deletePlan(name) {
      const result = await db.deleteFrom('backup_plans').where('name', '=', name).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async duePlans(now) {
      const rows = await db
        .selectFrom('backup_plans')
        .selectAll()
        .where('next_run_at', 'is not', null)
        .where('next_run_at', '<=', now.getTime())
        .execute();
      return rows.map(toPlan);
    },
    async advancePlan(name, expected, next) {
      const result = await db
        .updateTable('backup_plans')
        .set({ next_run_at: next?.getTime() ?? null })
        .where('name', '=', name)
        .where('next_run_at', '=', expected.getTime())
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async putBackup(backup) {
      const values = { state: backup.state, record: JSON.stringify(backup.record) };
      const updated = await db
        .updateTable('backups')
        .set(values)
        .where('id', '=', backup.id)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) > 0) return;
      await db
        .insertInto('backups')
        .values({
          id: backup.id,
          plan: backup.plan,
          cluster: backup.cluster,
          started_at: backup.startedAt.getTime(),
          ...values,
        })
        .execute();
    },
    async getBackup(id) {
      const row = await db.selectFrom('backups').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toRun(row) : undefined;
    },
    async listBackups(query: RunQuery) {
      const rows = await db
        .selectFrom('backups')
        .selectAll()
        .$if(query.plan !== undefined, (q) => q.where('plan', '=', query.plan ?? ''))
        .$if(query.cluster !== undefined, (q) => q.where('cluster', '=', query.cluster ?? ''))
        .$if(query.state !== undefined, (q) => q.where('state', '=', query.state ?? ''))
        .orderBy('started_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toRun);
    },
    async deleteBackup(id) {
      const result = await db.deleteFrom('backups').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async putRestore(restore, results) {
      const values = {
        state: restore.state,
        record: JSON.stringify(restore.record),
        ...(results ? { results: JSON.stringify(results) } : {}),
      };
      const updated = await db
        .updateTable('restores')
        .set(values)
        .where('id', '=', restore.id)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) > 0) return;
      await db
        .insertInto('restores')
        .values({
          id: restore.id,
          cluster: restore.cluster,
          started_at: restore.startedAt.getTime(),
          results: '[]',
          ...values,
        })
        .execute();
    },
    async getRestore(id) {
      const row = await db
        .selectFrom('restores')
        .select(['id', 'cluster', 'state', 'started_at', 'record'])
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toRun(row) : undefined;
    },
    async restoreResults(id) {
      const row = await db.selectFrom('restores').select('results').where('id', '=', id).executeTakeFirst();
      return row ? json(row.results, []) : [];
    },
    async listRestores(query) {
      const rows = await db
        .selectFrom('restores')
        .select(['id', 'cluster', 'state', 'started_at', 'record'])
        .$if(query.cluster !== undefined, (q) => q.where('cluster', '=', query.cluster ?? ''))
        .$if(query.state !== undefined, (q) => q.where('state', '=', query.state ?? ''))
        .orderBy('started_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toRun);
    },
  };
}

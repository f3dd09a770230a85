import type { Kysely, Selectable } from 'kysely';
import { StoreError } from '../store.ts';
import type {
  InspectionRunPageQuery,
  InspectionRunState,
  InspectionStore,
  StoredInspectionConfig,
  StoredInspectionRun,
} from './inspection-store.ts';

/** The tables of migration 0021, as Kysely sees them. */
export type InspectionDatabase = {
  inspection_configs: {
    name: string;
    cluster: string;
    spec: string;
    created_by: string;
    updated_by: string;
    updated_at: number;
    next_run_at: number | null;
  };
  inspection_runs: {
    id: string;
    config: string;
    cluster: string;
    state: string;
    trigger: string;
    started_by: string | null;
    started_at: number;
    finished_at: number | null;
    error: string | null;
    summary: string;
    findings: string;
  };
};

type Tables = InspectionDatabase;

/** PostgreSQL may hand back a bigint column as a string; SQLite as a number. */
const int = (value: number | string) => Number(value);
const dateOf = (value: number | string | null) => (value === null ? null : new Date(int(value)));

/** A JSON column read back: text in SQLite, maybe already parsed elsewhere. */
const json = <T>(value: unknown, empty: T): T =>
  typeof value === 'string' ? (JSON.parse(value) as T) : ((value as T | null) ?? empty);

function toConfig(row: Selectable<Tables['inspection_configs']>): StoredInspectionConfig {
  return {
    name: row.name,
    cluster: row.cluster,
    spec: json(row.spec, {}),
    createdBy: row.created_by,
    updatedBy: row.updated_by,
    updatedAt: new Date(int(row.updated_at)),
    nextRunAt: dateOf(row.next_run_at),
  };
}

const RUN_COLUMNS = [
  'id',
  'config',
  'cluster',
  'state',
  'trigger',
  'started_by',
  'started_at',
  'finished_at',
  'error',
  'summary',
] as const;

function toRun(row: Omit<Selectable<Tables['inspection_runs']>, 'findings'>): StoredInspectionRun {
  return {
    id: row.id,
    config: row.config,
    cluster: row.cluster,
    state: row.state as InspectionRunState,
    trigger: row.trigger === 'schedule' ? 'schedule' : 'manual',
    startedBy: row.started_by,
    startedAt: new Date(int(row.started_at)),
    finishedAt: dateOf(row.finished_at),
    error: row.error,
    summary: json(row.summary, {}),
  };
}

/** A page of runs ends at its last row; the next starts below it. */
const cursorOf = (run: StoredInspectionRun) =>
  Buffer.from(JSON.stringify([run.startedAt.getTime(), run.id])).toString('base64url');

function cursorPosition(cursor: string): { at: number; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (Number.isSafeInteger(at) && typeof id === 'string') return { at: at as number, id };
  } catch {
    // Answered below.
  }
  throw new StoreError('invalid', 'cursor is not one this server gave out; start again without it', 'cursor');
}

export function createSqlInspectionStore(db: Kysely<Tables>): InspectionStore {
  return {
    async putConfig(config) {
      return db.transaction().execute(async (tx) => {
        const existing = await tx
          .selectFrom('inspection_configs')
          .select('name')
          .where('name', '=', config.name)
          .executeTakeFirst();
        const values = {
          cluster: config.cluster,
          spec: JSON.stringify(config.spec),
          updated_by: config.updatedBy,
          updated_at: config.updatedAt.getTime(),
          next_run_at: config.nextRunAt?.getTime() ?? null,
        };
        if (existing) {
          await tx.updateTable('inspection_configs').set(values).where('name', '=', config.name).execute();
          return false;
        }
        await tx
          .insertInto('inspection_configs')
          .values({ name: config.name, created_by: config.createdBy, ...values })
          .execute();
        return true;
      });
    },
    async getConfig(name) {
      const row = await db
        .selectFrom('inspection_configs')
        .selectAll()
        .where('name', '=', name)
        .executeTakeFirst();
      return row ? toConfig(row) : undefined;
    },
    async listConfigs() {
      const rows = await db.selectFrom('inspection_configs').selectAll().orderBy('name').execute();
      return rows.map(toConfig);
    },
    async deleteConfig(name) {
      return db.transaction().execute(async (tx) => {
        await tx.deleteFrom('inspection_runs').where('config', '=', name).execute();
        const result = await tx.deleteFrom('inspection_configs').where('name', '=', name).executeTakeFirst();
        return Number(result.numDeletedRows) > 0;
      });
    },
    async advanceSchedule(name, expected, next) {
      const result = await db
        .updateTable('inspection_configs')
        .set({ next_run_at: next?.getTime() ?? null })
        .where('name', '=', name)
        .where('next_run_at', '=', expected.getTime())
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async dueConfigs(now) {
      const rows = await db
        .selectFrom('inspection_configs')
        .selectAll()
        .where('next_run_at', 'is not', null)
        .where('next_run_at', '<=', now.getTime())
        .orderBy('next_run_at')
        .execute();
      return rows.map(toConfig);
    },
    async insertRun(run) {
      await db
        .insertInto('inspection_runs')
        .values({
          id: run.id,
          config: run.config,
          cluster: run.cluster,
          state: run.state,
          trigger: run.trigger,
          started_by: run.startedBy,
          started_at: run.startedAt.getTime(),
          finished_at: run.finishedAt?.getTime() ?? null,
          error: run.error,
          summary: JSON.stringify(run.summary),
          findings: '[]',
        })
        .execute();
    },
    async finishRun(run, findings) {
      await db
        .updateTable('inspection_runs')
        .set({
          state: run.state,
          finished_at: run.finishedAt?.getTime() ?? null,
          error: run.error,
          summary: JSON.stringify(run.summary),
          findings: JSON.stringify(findings),
        })
        .where('id', '=', run.id)
        .execute();
    },
    async getRun(id) {
      const row = await db.selectFrom('inspection_runs').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? { ...toRun(row), findings: json<unknown[]>(row.findings, []) } : undefined;
    },
    async listRuns(query: InspectionRunPageQuery) {
      let select = db.selectFrom('inspection_runs').select(RUN_COLUMNS);
      if (query.config !== undefined) select = select.where('config', '=', query.config);
      if (query.cluster !== undefined) select = select.where('cluster', '=', query.cluster);
      if (query.cursor !== undefined) {
        const { at, id } = cursorPosition(query.cursor);
        select = select.where((eb) =>
          eb.or([eb('started_at', '<', at), eb.and([eb('started_at', '=', at), eb('id', '<', id)])]),
        );
      }
      const rows = await select
        .orderBy('started_at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit + 1)
        .execute();
      const items = rows.slice(0, query.limit).map(toRun);
      const last = items.at(-1);
      return rows.length > query.limit && last ? { items, next: cursorOf(last) } : { items };
    },
    async latestRuns(configs) {
      const latest = new Map<string, StoredInspectionRun>();
      if (configs.length === 0) return latest;
      // Newest first per configuration: a configuration keeps few runs (keepRuns), so this stays small.
      const rows = await db
        .selectFrom('inspection_runs')
        .select(RUN_COLUMNS)
        .where('config', 'in', configs)
        .orderBy('started_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      for (const row of rows) if (!latest.has(row.config)) latest.set(row.config, toRun(row));
      return latest;
    },
    async pruneRuns(config, keep) {
      const kept = await db
        .selectFrom('inspection_runs')
        .select('id')
        .where('config', '=', config)
        .orderBy('started_at', 'desc')
        .orderBy('id', 'desc')
        .limit(keep)
        .execute();
      let remove = db.deleteFrom('inspection_runs').where('config', '=', config);
      if (kept.length > 0)
        remove = remove.where(
          'id',
          'not in',
          kept.map((row) => row.id),
        );
      const result = await remove.executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async failStaleRuns(before, reason, at) {
      const result = await db
        .updateTable('inspection_runs')
        .set({ state: 'failed', error: reason, finished_at: at.getTime() })
        .where('state', '=', 'running')
        .where('started_at', '<', before.getTime())
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

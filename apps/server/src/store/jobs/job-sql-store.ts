import { type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import type { Database } from '../schema.ts';
import { StoreError } from '../store.ts';
import type { JobQuery, JobStore, StoredJob, StoredJobState, StoredJobStep } from './job-store.ts';
import type { JobStepsTable, JobsTable } from './job-tables.ts';

const nothing = sql<SqlBool>`1 = 0`;
const DEFAULT_LIMIT = 50;

/** PostgreSQL may hand back a bigint column as a string; SQLite as a number. */
const time = (value: number | string) => new Date(Number(value));

function toJob(row: Selectable<JobsTable>): StoredJob {
  return {
    id: row.id,
    kind: row.kind,
    cluster: row.cluster,
    namespace: row.namespace,
    target: row.target,
    createdBy: { id: row.created_by_id, name: row.created_by_name },
    state: row.state as StoredJobState,
    replica: row.replica,
    createdAt: time(row.created_at),
    finishedAt: row.finished_at === null ? null : time(row.finished_at),
    error: row.error,
    errorCode: row.error_code,
    errorParams:
      row.error_params === null ? null : (JSON.parse(row.error_params) as StoredJob['errorParams']),
    result: row.result === null ? null : JSON.parse(row.result),
    cancelRequestedBy: row.cancel_requested_by,
  };
}

function toStep(row: Selectable<JobStepsTable>): StoredJobStep {
  return {
    seq: Number(row.seq),
    at: time(row.at),
    level: row.level as StoredJobStep['level'],
    code: row.code,
    params: JSON.parse(row.params) as StoredJobStep['params'],
    text: row.text,
  };
}

/** A page ends at its last job; the next one starts below it (created_at, then id, descending). */
function encodeContinue(job: StoredJob): string {
  return Buffer.from(JSON.stringify([job.createdAt.getTime(), job.id])).toString('base64url');
}

function decodeContinue(token: string): [number, string] {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && Number.isSafeInteger(value[0]) && typeof value[1] === 'string')
      return [value[0] as number, value[1]];
  } catch {
    // Answered below.
  }
  throw new StoreError(
    'invalid',
    'the continue token is not one this server issued; start from the first page',
  );
}

/** The jobs a query's filters and the caller's visibility select (its page cursor aside). */
function matching(db: Kysely<Database>, query: JobQuery) {
  const { visible } = query;
  return db
    .selectFrom('jobs')
    .$if(query.cluster !== undefined, (q) => q.where('cluster', '=', query.cluster ?? ''))
    .$if(query.kind !== undefined, (q) => q.where('kind', '=', query.kind ?? ''))
    .$if(query.state !== undefined, (q) => q.where('state', '=', query.state ?? ''))
    .$if(query.createdBy !== undefined, (q) => q.where('created_by_id', '=', query.createdBy ?? ''))
    .$if(!visible.all, (q) =>
      q.where((eb) => {
        if (visible.all) return eb.and([]);
        // A platform-wide job (no cluster) is seen with platform reach only; a cluster's job with the
        // whole cluster, or its namespace when it has one.
        const parts = [
          ...(visible.clusters.length ? [eb('cluster', 'in', visible.clusters)] : []),
          ...visible.namespaces.map((n) =>
            eb.and([eb('cluster', '=', n.cluster), eb('namespace', '=', n.namespace)]),
          ),
        ];
        return parts.length ? eb.or(parts) : nothing;
      }),
    );
}

/** Jobs and their steps in SQL; the same statements on SQLite and PostgreSQL. */
export function createSqlJobStore(db: Kysely<Database>): JobStore {
  return {
    async create(job) {
      await db
        .insertInto('jobs')
        .values({
          id: job.id,
          kind: job.kind,
          cluster: job.cluster,
          namespace: job.namespace,
          target: job.target,
          created_by_id: job.createdBy.id,
          created_by_name: job.createdBy.name,
          state: job.state,
          replica: job.replica,
          created_at: job.createdAt.getTime(),
          finished_at: null,
          error: null,
          error_code: null,
          error_params: null,
          result: null,
          cancel_requested_by: null,
        })
        .execute();
    },
    async get(id) {
      const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toJob(row) : undefined;
    },
    async list(query) {
      const limit = query.limit ?? DEFAULT_LIMIT;
      const after = query.continue === undefined ? undefined : decodeContinue(query.continue);
      const [rows, count] = await Promise.all([
        matching(db, query)
          .selectAll()
          .$if(after !== undefined, (q) =>
            q.where((eb) => {
              const [at, id] = after ?? [0, ''];
              return eb.or([
                eb('created_at', '<', at),
                eb.and([eb('created_at', '=', at), eb('id', '<', id)]),
              ]);
            }),
          )
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(limit + 1)
          .execute(),
        matching(db, query)
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      const items = rows.slice(0, limit).map(toJob);
      const last = items.at(-1);
      return {
        items,
        total: Number(count.n),
        ...(rows.length > limit && last ? { continue: encodeContinue(last) } : {}),
      };
    },
    async addSteps(jobId, steps) {
      if (steps.length === 0) return;
      await db
        .insertInto('job_steps')
        .values(
          steps.map((step) => ({
            job_id: jobId,
            seq: step.seq,
            at: step.at.getTime(),
            level: step.level,
            code: step.code,
            params: JSON.stringify(step.params),
            text: step.text,
          })),
        )
        .execute();
    },
    async steps(jobId, afterSeq = 0, limit) {
      const rows = await db
        .selectFrom('job_steps')
        .selectAll()
        .where('job_id', '=', jobId)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .$if(limit !== undefined, (q) => q.limit(limit ?? 0))
        .execute();
      return rows.map(toStep);
    },
    async finish(id, end) {
      const result = await db
        .updateTable('jobs')
        .set({
          state: end.state,
          finished_at: end.at.getTime(),
          error: end.error,
          error_code: end.errorCode ?? null,
          error_params: end.errorCode && end.errorParams ? JSON.stringify(end.errorParams) : null,
          result: end.result === undefined ? null : JSON.stringify(end.result),
        })
        .where('id', '=', id)
        .where('state', '=', 'running')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async requestCancel(id, by) {
      const result = await db
        .updateTable('jobs')
        .set({ cancel_requested_by: by })
        .where('id', '=', id)
        .where('state', '=', 'running')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async cancelRequests(replica) {
      const rows = await db
        .selectFrom('jobs')
        .select(['id', 'cancel_requested_by'])
        .where('state', '=', 'running')
        .where('replica', '=', replica)
        .where('cancel_requested_by', 'is not', null)
        .execute();
      return rows.map((row) => ({ id: row.id, by: row.cancel_requested_by ?? '' }));
    },
    async orphans(live, before) {
      const rows = await db
        .selectFrom('jobs')
        .selectAll()
        .where('state', '=', 'running')
        .where('created_at', '<', before.getTime())
        .$if(live.length > 0, (q) => q.where('replica', 'not in', live))
        .execute();
      return rows.map(toJob);
    },
    async prune(before) {
      return db.transaction().execute(async (trx) => {
        const ended = (q: typeof trx) =>
          q
            .selectFrom('jobs')
            .select('id')
            .where('state', '!=', 'running')
            .where('finished_at', '<', before.getTime());
        await trx.deleteFrom('job_steps').where('job_id', 'in', ended(trx)).execute();
        const result = await trx.deleteFrom('jobs').where('id', 'in', ended(trx)).executeTakeFirst();
        return Number(result.numDeletedRows);
      });
    },
  };
}

import { type Kysely, type Selectable, sql } from 'kysely';
import { escapeLike } from '../resources/search-plan.ts';
import type { AuditRecordsTable, Database } from '../schema.ts';
import { StoreError } from '../store.ts';
import type { AuditOutcome, AuditQuery, AuditRecord, AuditStore } from './audit-store.ts';

function toRecord(row: Selectable<AuditRecordsTable>): AuditRecord {
  return {
    id: Number(row.id),
    at: new Date(Number(row.at)),
    actor: row.actor,
    credential: row.credential,
    sourceIp: row.source_ip,
    userAgent: row.user_agent,
    action: row.action,
    verb: row.verb,
    route: row.route,
    resourceKind: row.resource_kind,
    resourceName: row.resource_name,
    cluster: row.cluster,
    namespace: row.namespace,
    outcome: row.outcome as AuditOutcome,
    status: Number(row.status),
    detail: row.detail,
  };
}

/** The last id of a page; pages are newest first, so the next one starts below it. */
function decodeContinue(token: string): number {
  const id = Number(Buffer.from(token, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(id) || id < 0) {
    throw new StoreError(
      'invalid',
      'the continue token is not one this server issued; start from the first page',
    );
  }
  return id;
}

/** Records counted for a page's total, at most; beyond it the total says "at least". */
export const COUNT_LIMIT = 10_000;

/** The records a query's filters select (its page cursor aside). */
function matching(db: Kysely<Database>, query: AuditQuery) {
  const action = query.action;
  return db
    .selectFrom('audit_records')
    .$if(query.actor !== undefined, (q) => q.where('actor', '=', query.actor ?? ''))
    .$if(query.from !== undefined, (q) => q.where('at', '>=', query.from ?? 0))
    .$if(query.to !== undefined, (q) => q.where('at', '<', query.to ?? 0))
    .$if(query.cluster !== undefined, (q) => q.where('cluster', '=', query.cluster ?? ''))
    .$if(query.namespace !== undefined, (q) => q.where('namespace', '=', query.namespace ?? ''))
    .$if(query.outcome !== undefined, (q) => q.where('outcome', '=', query.outcome ?? ''))
    .$if(action !== undefined && !action.endsWith('*'), (q) => q.where('action', '=', action ?? ''))
    .$if(action?.endsWith('*') === true, (q) =>
      q.where(sql<boolean>`action like ${`${escapeLike((action ?? '').slice(0, -1))}%`} escape '\\'`),
    );
}

/** The audit trail in SQL: append-only, paged newest first by id. */
export function createSqlAuditStore(options: { db: Kysely<Database> }): AuditStore {
  const db = options.db;
  return {
    async append(input) {
      const row = await db
        .insertInto('audit_records')
        .values({
          at: input.at,
          actor: input.actor,
          credential: input.credential,
          source_ip: input.sourceIp,
          user_agent: input.userAgent,
          action: input.action,
          verb: input.verb,
          route: input.route,
          resource_kind: input.resourceKind,
          resource_name: input.resourceName,
          cluster: input.cluster,
          namespace: input.namespace,
          outcome: input.outcome,
          status: input.status,
          detail: input.detail,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRecord(row);
    },
    async search(query: AuditQuery) {
      const limit = Math.min(Math.max(query.limit ?? 100, 1), 1000);
      const rows = await matching(db, query)
        .selectAll()
        .$if(query.continue !== undefined, (q) => q.where('id', '<', decodeContinue(query.continue ?? '')))
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      // Counted up to a bound: a trail of millions is not read whole for a number nobody pages to.
      const { n } = await db
        .selectFrom(
          matching(db, query)
            .select('id')
            .limit(COUNT_LIMIT + 1)
            .as('hits'),
        )
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const counted = Number(n);
      const total = {
        total: Math.min(counted, COUNT_LIMIT),
        ...(counted > COUNT_LIMIT && { totalIsAtLeast: true }),
      };
      const items = rows.slice(0, limit).map(toRecord);
      const last = items.at(-1);
      return rows.length > limit && last
        ? { items, ...total, continue: Buffer.from(String(last.id)).toString('base64url') }
        : { items, ...total };
    },
    async prune(before) {
      const result = await db.deleteFrom('audit_records').where('at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

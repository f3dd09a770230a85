import { type Kysely, type Selectable, sql } from 'kysely';
import { StoreError } from '../store.ts';
import type { StoredTerminal, TerminalQuery, TerminalStore } from './terminal-store.ts';

/** The table of migration 0015, as Kysely sees it. */
export type TerminalDatabase = {
  terminal_sessions: {
    id: string;
    user_id: string;
    user_name: string;
    cluster: string;
    replica: string;
    started_at: number;
    ended_at: number | null;
    end_reason: string | null;
    bytes_in: number;
    bytes_out: number;
    transcript: Uint8Array | null;
  };
};

type Row = Omit<Selectable<TerminalDatabase['terminal_sessions']>, 'transcript'> & {
  has_transcript: unknown;
};

const DEFAULT_LIMIT = 50;

/** PostgreSQL may hand back a bigint column as a string; SQLite as a number. */
const int = (value: number | string) => Number(value);

function toTerminal(row: Row): StoredTerminal {
  return {
    id: row.id,
    user: { id: row.user_id, name: row.user_name },
    cluster: row.cluster,
    replica: row.replica,
    startedAt: new Date(int(row.started_at)),
    endedAt: row.ended_at === null ? null : new Date(int(row.ended_at)),
    endReason: row.end_reason,
    bytesIn: int(row.bytes_in),
    bytesOut: int(row.bytes_out),
    hasTranscript: Boolean(Number(row.has_transcript)),
  };
}

/** A page ends at its last row; the next starts below it: `<started_at ms>.<id>`, base64url. */
const cursorAfter = (row: StoredTerminal) =>
  Buffer.from(`${row.startedAt.getTime()}.${row.id}`).toString('base64url');

function readCursor(cursor: string): { at: number; id: string } {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const dot = text.indexOf('.');
  const at = Number(text.slice(0, dot));
  if (dot < 1 || !Number.isSafeInteger(at))
    throw new StoreError('invalid', 'the cursor is not one this server gave; start from the first page');
  return { at, id: text.slice(dot + 1) };
}

export function createSqlTerminalStore(db: Kysely<TerminalDatabase>): TerminalStore {
  const columns = (q: ReturnType<typeof from>) =>
    q.select([
      'id',
      'user_id',
      'user_name',
      'cluster',
      'replica',
      'started_at',
      'ended_at',
      'end_reason',
      'bytes_in',
      'bytes_out',
      sql<number>`case when transcript is null then 0 else 1 end`.as('has_transcript'),
    ]);
  const from = () => db.selectFrom('terminal_sessions');
  return {
    async start(row) {
      await db
        .insertInto('terminal_sessions')
        .values({
          id: row.id,
          user_id: row.user.id,
          user_name: row.user.name,
          cluster: row.cluster,
          replica: row.replica,
          started_at: row.startedAt.getTime(),
          ended_at: null,
          end_reason: null,
          bytes_in: 0,
          bytes_out: 0,
          transcript: null,
        })
        .execute();
    },
    async count(id, bytesIn, bytesOut) {
      await db
        .updateTable('terminal_sessions')
        .set({ bytes_in: bytesIn, bytes_out: bytesOut })
        .where('id', '=', id)
        .where('ended_at', 'is', null)
        .execute();
    },
    async end(id, end) {
      const result = await db
        .updateTable('terminal_sessions')
        .set({
          ended_at: end.at.getTime(),
          end_reason: end.reason,
          bytes_in: end.bytesIn,
          bytes_out: end.bytesOut,
          transcript: end.transcript ?? null,
        })
        .where('id', '=', id)
        .where('ended_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async get(id) {
      const row = await columns(from()).where('id', '=', id).executeTakeFirst();
      return row ? toTerminal(row) : undefined;
    },
    async transcript(id) {
      const row = await from().select('transcript').where('id', '=', id).executeTakeFirst();
      return row?.transcript ? Buffer.from(row.transcript) : undefined;
    },
    async list(query: TerminalQuery) {
      const limit = query.limit ?? DEFAULT_LIMIT;
      const after = query.cursor === undefined ? undefined : readCursor(query.cursor);
      const rows = await columns(from())
        .$if(query.userId !== undefined, (q) => q.where('user_id', '=', query.userId ?? ''))
        .$if(query.cluster !== undefined, (q) => q.where('cluster', '=', query.cluster ?? ''))
        .$if(after !== undefined, (q) =>
          q.where((eb) =>
            eb.or([
              eb('started_at', '<', after?.at ?? 0),
              eb.and([eb('started_at', '=', after?.at ?? 0), eb('id', '<', after?.id ?? '')]),
            ]),
          ),
        )
        .orderBy('started_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const items = rows.slice(0, limit).map(toTerminal);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > limit && last ? cursorAfter(last) : null };
    },
    async openElsewhere(userId, replica) {
      const row = await from()
        .select((eb) => eb.fn.countAll<number | string>().as('open'))
        .where('user_id', '=', userId)
        .where('ended_at', 'is', null)
        .where('replica', '!=', replica)
        .executeTakeFirst();
      return int(row?.open ?? 0);
    },
    async orphans(live, before) {
      const rows = await columns(from())
        .where('ended_at', 'is', null)
        .$if(live.length > 0, (q) => q.where('replica', 'not in', live))
        .where('started_at', '<', before.getTime())
        .execute();
      return rows.map(toTerminal);
    },
    async prune(before) {
      const result = await db
        .deleteFrom('terminal_sessions')
        .where('ended_at', 'is not', null)
        .where('ended_at', '<', before.getTime())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

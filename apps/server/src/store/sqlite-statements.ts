import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Kysely prepares a new statement for every query. A prepared statement's native memory is only freed
 * when the garbage collector gets to it, which it does not hurry to do (it cannot see that memory), so
 * a busy writer grew by hundreds of MB; preparing big multi-row inserts also costs time. This keeps the
 * most recently used statements by their SQL text and reuses them.
 */
export function withStatementCache(db: BetterSqlite3.Database, size = 500): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql); // re-inserted below: Map order is the LRU order
      } else {
        statement = db.prepare(sql) as unknown as SqliteStatement;
        if (cache.size >= size) {
          const oldest = cache.keys().next().value;
          if (oldest !== undefined) cache.delete(oldest);
        }
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

import { type Kysely, sql } from 'kysely';
import { maskSecretValues } from '#server/kube/secret-mask.ts';
import type { SqlDialect } from './sql-dialect.ts';

const PAGE = 500;

/**
 * Migration 0006: Secrets kept before masking had one rule were stored with empty values and without
 * their last-applied annotation; they are rewritten as the sync now stores them (values `<masked>`),
 * since a relist leaves rows of an unchanged resourceVersion as they are.
 */
export async function maskStoredSecrets(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const pg = dialect === 'postgres';
  let after = 0;
  for (;;) {
    const { rows } = await sql<{ id: number | string; object: unknown }>`
      select o.id, o.object from resource_objects o
      join resources r on r.id = o.id
      join resource_types t on t.id = r.type_id
      where t.api_group = '' and t.resource = 'secrets' and o.id > ${after}
      order by o.id limit ${PAGE}`.execute(db);
    for (const row of rows) {
      const object = typeof row.object === 'string' ? JSON.parse(row.object) : row.object;
      const text = JSON.stringify(maskSecretValues(object as object));
      await sql`update resource_objects set object = ${pg ? sql`cast(${text} as jsonb)` : text}
        where id = ${row.id}`.execute(db);
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return;
    after = Number(last.id);
  }
}

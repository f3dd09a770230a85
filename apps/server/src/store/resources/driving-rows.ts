import { type Expression, type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import type { Database, ResourcesTable } from '../schema.ts';
import { type Row, type SortColumn, selectRows } from './row-select.ts';
import type { SearchPlan, Where } from './search-plan.ts';

/**
 * A page read from the driving filter's rows (SearchPlan.drivingRows) in one statement: every row
 * its index found is marked kept or not by the query's filters, the kept first in the page's order,
 * and counted (`matched`, what follows the page comes from it). Undefined when they reached the cap:
 * the filter is too common to drive the query, and the plan is told so.
 */
export async function pageOfDrivingRows(
  db: Kysely<Database>,
  drivingRows: NonNullable<SearchPlan['drivingRows']>,
  filters: (eb: Where) => Expression<SqlBool>[],
  columns: SortColumn[],
  descending: boolean,
  limit: number,
): Promise<Row[] | undefined> {
  const kept = (eb: Where) => sql<boolean>`coalesce(${eb.and(filters(eb))}, false)`;
  // The CTE is named as the table: the query's filters, written for resources, read its rows.
  let page = selectRows(
    db.with(
      'resources',
      () => sql<Selectable<ResourcesTable>>`(${drivingRows.rows} limit ${sql.lit(drivingRows.cap)})`,
    ),
  )
    .select((eb) => kept(eb as unknown as Where).as('kept'))
    .select((eb) =>
      sql<number>`count(*) filter (where ${kept(eb as unknown as Where)}) over ()`.as('matched'),
    )
    .select(sql<number>`count(*) over ()`.as('probed'))
    .orderBy(sql`${sql.ref('kept')} desc`);
  for (const column of columns) page = page.orderBy(`resources.${column}`, descending ? 'desc' : 'asc');
  const rows = await page.limit(limit + 1).execute();
  if (Number(rows[0]?.probed ?? 0) >= drivingRows.cap) {
    drivingRows.broad();
    return undefined;
  }
  return rows.filter((row) => row.kept);
}

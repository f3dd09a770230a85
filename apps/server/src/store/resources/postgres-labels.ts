import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { LabelRequirement } from './labels.ts';

/**
 * A label requirement tested on a row already read (its own labels, jsonb). Written as calls of
 * jsonb's functions rather than its operators, so no index serves them (a GIN lookup of a broad label
 * reads all its entries before the first row, and once per part of a merged search), and PostgreSQL
 * takes each for a third of the rows. The probes of search-plan.ts leave these tests only broad labels
 * and negative requirements (notin, !exists); a page of a broad label then walks an index in the
 * page's order until it has its rows (0.4 ms at 20,000 pods). `labels ->> key = value`, with no
 * statistics, was taken for one row in 200: every row of the type was read and sorted (8–14 ms).
 */
export function postgresLabelTest(requirement: LabelRequirement): RawBuilder<SqlBool> {
  const present = sql<SqlBool>`jsonb_exists(resources.labels, ${requirement.key})`;
  const anyValue = () =>
    sql<SqlBool>`(${sql.join(
      requirement.values.map(
        (value) =>
          sql`jsonb_contains(resources.labels, ${JSON.stringify({ [requirement.key]: value })}::jsonb)`,
      ),
      sql` or `,
    )})`;
  switch (requirement.operator) {
    case 'in':
      return requirement.values.length ? anyValue() : sql<SqlBool>`false`;
    case 'notin':
      return requirement.values.length ? sql<SqlBool>`not ${anyValue()}` : sql<SqlBool>`true`;
    case 'exists':
      return present;
    case '!exists':
      return sql<SqlBool>`not ${present}`;
  }
}

/**
 * A positive requirement (in, exists) as the GIN indexes of migration 0024 serve it: containment of
 * the pair (one per value, or-ed: a bitmap of each), or the key among the labels' keys. The key's
 * presence is tested first, which is what a sequential scan does for a common key (the planner's
 * choice when a few thousand rows are wanted): rows without it skip the array of keys.
 */
export function postgresLabelIndexTest(requirement: LabelRequirement): RawBuilder<SqlBool> {
  if (requirement.operator === 'exists')
    return sql<SqlBool>`(resources.labels ? ${requirement.key} and jsonb_path_query_array(resources.labels, '$.keyvalue().key') @> ${JSON.stringify([requirement.key])}::jsonb)`;
  if (requirement.operator !== 'in' || requirement.values.length === 0)
    throw new Error(`store: no index test for the label requirement "${requirement.operator}"`);
  const pairs = requirement.values.map(
    (value) => sql<SqlBool>`resources.labels @> ${JSON.stringify({ [requirement.key]: value })}::jsonb`,
  );
  return sql<SqlBool>`(${sql.join(pairs, sql` or `)})`;
}

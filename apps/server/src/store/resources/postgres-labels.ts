import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { LabelRequirement } from './labels.ts';

/**
 * A label requirement tested on a row already read (its own labels, jsonb): a broad label tested
 * through an index costs a probe per row read, and a set-based selector one per requirement. These
 * forms are never served by the GIN index, so the planner does not take it for a page of many rows.
 */
export function postgresLabelTest(requirement: LabelRequirement): RawBuilder<SqlBool> {
  const value = sql`(resources.labels ->> ${requirement.key})`;
  const present = sql<SqlBool>`jsonb_exists(resources.labels, ${requirement.key})`;
  const values = sql.join(requirement.values);
  switch (requirement.operator) {
    case 'in':
      return sql<SqlBool>`${value} in (${values})`;
    case 'notin':
      return sql<SqlBool>`not coalesce(${value} in (${values}), false)`;
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

import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type RawBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import { type LabelRequirement, LabelSelectorError, parseLabelSelector } from './labels.ts';
import type { Database } from './schema.ts';
import { type SearchQuery, StoreError } from './store.ts';
import { type Narrowed, withinCondition } from './within.ts';

/** How the dialects differ in searching. */
export interface SearchDialect {
  /** A case-insensitive "name contains" filter on resources.name. */
  nameContains(text: string): RawBuilder<SqlBool>;
  /** A subquery of ids whose name contains `text`, served by an index; undefined when none can. */
  nameIndexIds(text: string): RawBuilder<unknown> | undefined;
  decodeJson(value: unknown): unknown;
}

export type Where = ExpressionBuilder<Database, 'resources'>;

/**
 * The filters of a query, split in two: `base` are what resource_counts counts by (type, cluster,
 * phase), `extra` the rest. A filter that matches few rows (a rare label, a rare name substring) is
 * found by a bounded probe of its own index and made to drive the query: SQLite's planner cannot tell
 * a rare label from a common one, and a small candidate set also makes exact counting cheap.
 */
export interface SearchPlan {
  typeIds: number[] | undefined;
  requirements: LabelRequirement[];
  base(eb: Where): Expression<SqlBool>[];
  extra(eb: Where): Expression<SqlBool>[];
  hasExtra: boolean;
  /** Rows are restricted to namespace grants (SearchQuery.within), a per-row condition. */
  scoped: boolean;
  /** No extra filter needs a per-row probe over many rows, so an exact count stays cheap. */
  cheapToCount: boolean;
}

/** Below this many matches a filter is small enough to drive the query. */
const SMALL_MATCH = 2000;

/**
 * `query.clusterIds` must already be narrowed to `narrowed.clusterIds` (see within.ts); what remains of
 * `within` (clusters seen through namespace grants) becomes an extra filter, like `namespaces`.
 */
export async function planSearch(
  db: Kysely<Database>,
  dialect: SearchDialect,
  query: SearchQuery,
  typeIds: number[] | undefined,
  narrowed?: Narrowed,
): Promise<SearchPlan> {
  const scope = narrowed?.namespaces ? narrowed : undefined;
  const requirements = labelRequirements(query.labelSelector);
  const size = async (ids: RawBuilder<unknown>) => {
    const { rows } = await sql<{
      n: number;
    }>`select count(*) as n from (${ids} limit ${SMALL_MATCH}) probe`.execute(db);
    return Number(rows[0]?.n ?? SMALL_MATCH);
  };
  let smallest = SMALL_MATCH;
  let drivingLabel: number | undefined;
  for (const [index, requirement] of requirements.entries()) {
    if (requirement.operator !== 'in' && requirement.operator !== 'exists') continue;
    const probe = labelRows(db, requirement, typeIds, query.clusterIds).limit(SMALL_MATCH).as('probe');
    const counted = await db
      .selectFrom(probe)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const n = Number(counted.n);
    if (n < smallest) {
      smallest = n;
      drivingLabel = index;
    }
  }
  const nameIds = query.nameContains ? dialect.nameIndexIds(query.nameContains) : undefined;
  const drivingNames = nameIds && (await size(nameIds)) < SMALL_MATCH ? nameIds : undefined;

  const base = (eb: Where): Expression<SqlBool>[] => {
    const out: Expression<SqlBool>[] = [];
    if (typeIds) out.push(eb('resources.type_id', 'in', typeIds));
    if (query.clusterIds) out.push(eb('resources.cluster_id', 'in', query.clusterIds));
    if (query.phases) out.push(eb('resources.phase', 'in', query.phases));
    return out;
  };
  const extra = (eb: Where): Expression<SqlBool>[] => {
    const out: Expression<SqlBool>[] = [];
    if (scope) out.push(withinCondition(scope, 'resources'));
    if (query.namespaces) out.push(eb('resources.namespace', 'in', query.namespaces));
    if (query.name !== undefined) out.push(eb('resources.name', '=', query.name));
    if (query.ownerUid !== undefined) out.push(eb('resources.owner_uid', '=', query.ownerUid));
    if (query.nodeName !== undefined) out.push(eb('resources.node_name', '=', query.nodeName));
    if (query.nameContains) {
      if (drivingNames) out.push(sql<SqlBool>`${eb.ref('resources.id')} in (${drivingNames})`);
      out.push(dialect.nameContains(query.nameContains));
    }
    requirements.forEach((requirement, index) => {
      out.push(
        index === drivingLabel
          ? eb('resources.id', 'in', labelRows(db, requirement, typeIds, query.clusterIds))
          : labelCondition(eb, requirement),
      );
    });
    return out;
  };
  const narrowEquality =
    query.name !== undefined || query.ownerUid !== undefined || query.nodeName !== undefined;
  const probes = requirements.length > 0 || Boolean(query.nameContains);
  return {
    typeIds,
    requirements,
    base,
    extra,
    hasExtra: query.namespaces !== undefined || scope !== undefined || narrowEquality || probes,
    scoped: scope !== undefined,
    cheapToCount: !probes || narrowEquality || drivingLabel !== undefined || drivingNames !== undefined,
  };
}

/** Row ids with a label satisfying a positive requirement (in, exists), of the queried types and clusters. */
export function labelRows(
  db: Kysely<Database>,
  requirement: LabelRequirement,
  typeIds: number[] | undefined,
  clusterIds: string[] | undefined,
) {
  return db
    .selectFrom('resource_labels')
    .select('resource_labels.row_id')
    .$if(typeIds !== undefined, (q) => q.where('resource_labels.type_id', 'in', typeIds ?? []))
    .where('resource_labels.key', '=', requirement.key)
    .$if(requirement.operator === 'in', (q) => q.where('resource_labels.value', 'in', requirement.values))
    .$if(clusterIds !== undefined, (q) => q.where('resource_labels.cluster_id', 'in', clusterIds ?? []));
}

function labelCondition(eb: Where, requirement: LabelRequirement): Expression<SqlBool> {
  const rows = eb
    .selectFrom('resource_labels')
    .select(sql.lit(1).as('one'))
    .whereRef('resource_labels.row_id', '=', 'resources.id')
    .where('resource_labels.key', '=', requirement.key)
    .$if(requirement.operator === 'in' || requirement.operator === 'notin', (q) =>
      q.where('resource_labels.value', 'in', requirement.values),
    );
  const positive = requirement.operator === 'in' || requirement.operator === 'exists';
  return positive ? eb.exists(rows) : eb.not(eb.exists(rows));
}

function labelRequirements(selector: SearchQuery['labelSelector']): LabelRequirement[] {
  if (selector === undefined) return [];
  if (typeof selector !== 'string') return selector;
  try {
    return parseLabelSelector(selector);
  } catch (error) {
    if (error instanceof LabelSelectorError) throw new StoreError('invalid', error.message);
    throw error;
  }
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

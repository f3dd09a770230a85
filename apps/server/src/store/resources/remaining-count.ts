import { type Expression, expressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../schema.ts';
import type { SearchQuery } from '../store.ts';
import { queryFingerprint } from './continue-token.ts';
import type { LabelRequirement } from './labels.ts';
import { labelRows, type SearchDialect, type SearchPlan, type Where } from './search-plan.ts';
import { ShortCache } from './short-cache.ts';

/** Rows read to estimate the share that passes the filters. */
const SAMPLE_ROWS = 500;

/** Remaining counts are exact up to this many rows. */
export const EXACT_COUNT_LIMIT = 10_000;

export interface Remaining {
  remaining: number;
  estimated: boolean;
}

/**
 * How many matching rows follow the page, without counting them one by one where that is slow.
 * `seen` is how many matching rows the pages so far returned, so rows after = matches − seen. `query`
 * has its clusters narrowed by `within` already; what `within` leaves as a row condition is an extra
 * filter of the plan, so the kept counts alone are never used for it:
 *  - only type, cluster and phase filters: matches come from resource_counts (no rows read);
 *  - those and namespaces: from resource_namespace_counts, likewise;
 *  - one label requirement and nothing else: its index entries are counted, never the rows (where
 *    labels are on the rows only, PostgreSQL, its rows, unless an estimate puts them far beyond);
 *  - small filters (a rare label, an exact name, an owner, a node): the rows after the cursor are counted;
 *  - otherwise (a common label with other filters, a common substring): estimated from a sample.
 * Matches − seen is exact while nothing before the cursor changes between pages, like Kubernetes'
 * remainingItemCount.
 */
export async function countRemaining(options: {
  db: Kysely<Database>;
  dialect: SearchDialect;
  query: SearchQuery;
  plan: SearchPlan;
  after: (eb: Where) => Expression<SqlBool>;
  seen: number;
  /** The rows of the search's (type, cluster, namespace) parts, when it was read part by part. */
  partsRows?: number;
  /** keptTotal of the search, when it was started beside the page. */
  keptTotal?: Promise<number>;
  /** estimateMatches of the search, when it was started beside the page. */
  estimate?: Promise<number>;
}): Promise<Remaining> {
  const { db, dialect, query, plan, after, seen, partsRows } = options;
  const cap = seen + EXACT_COUNT_LIMIT + 1;
  const result = (matches: number): Remaining => {
    const remaining = Math.max(1, matches - seen); // a continue token means at least one row follows
    return { remaining, estimated: remaining > EXACT_COUNT_LIMIT };
  };
  const estimated = async (): Promise<Remaining> => {
    const matches = await (options.estimate ?? estimateMatches(db, query, plan));
    return { remaining: Math.max(1, matches - seen), estimated: true };
  };

  const counted = countedBy(query, plan);
  if (counted === 'kept') return result(await (options.keptTotal ?? keptTotal(db, query, plan)));
  // The parts were read with the same filters (types, clusters, namespaces, phases) and their counts.
  if (counted === 'namespaces') return result(partsRows ?? (await namespaceTotal(db, query, plan)));
  // Likewise, the parts a caller with namespace grants only may see (never Namespace objects: a search
  // over those is not read part by part).
  if (counted === 'granted') return result(partsRows ?? (await grantedTotal(db, query, plan)));
  if (counted === 'estimate') return estimated();

  // Estimated lately at far more than can be counted: counting up to the limit would only confirm it.
  const estimate = estimates.get(db, queryFingerprint(query));
  if (estimate !== undefined && estimate - seen > 2 * EXACT_COUNT_LIMIT) {
    return { remaining: estimate - seen, estimated: true };
  }
  const only = onlyLabel(query, plan);
  if (only && plan.labelMatches !== undefined) return result(plan.labelMatches);
  if (only) {
    // Labels kept on the rows only (PostgreSQL): counting a broad label reads its rows, 30 ms for the
    // 10,000 of one pod in three at a million pods (where resource_labels gave them from an index). One
    // estimated far beyond what is counted exactly stays an estimate (kept a few seconds, see above).
    if (plan.rowLabels && !plan.drivenByIds) {
      const estimated = await estimateMatches(db, query, plan);
      if (estimated - seen > 2 * EXACT_COUNT_LIMIT) return { remaining: estimated - seen, estimated: true };
    }
    const { n } = await db
      .selectFrom(labelRows(db, dialect, only, plan.typeIds, query.clusterIds).limit(cap).as('matches'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(n) < cap) return result(Number(n));
  } else {
    const { n } = await db
      .selectFrom((inner) =>
        inner
          .selectFrom('resources')
          .select(sql.lit(1).as('one'))
          .where((eb) => eb.and([...plan.base(eb), ...plan.extra(eb), after(eb)]))
          .limit(EXACT_COUNT_LIMIT + 1)
          .as('matches'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(n) <= EXACT_COUNT_LIMIT) return { remaining: Math.max(1, Number(n)), estimated: false };
  }
  return estimated();
}

/**
 * Where the count of what follows a page comes from (see countRemaining): the kept counts of types,
 * clusters and phases (`kept`), of namespaces (`namespaces`), of granted namespaces (`granted`); a lone
 * label's index entries (`label`); the rows after the page, counted (`rows`); or an estimate from a
 * sample (`estimate`). Only `rows` depends on where the page ends.
 */
export function countedBy(
  query: SearchQuery,
  plan: SearchPlan,
): 'kept' | 'namespaces' | 'granted' | 'label' | 'rows' | 'estimate' {
  if (!plan.hasExtra) return 'kept';
  const noOtherFilter =
    plan.requirements.length === 0 &&
    query.name === undefined &&
    query.ownerUid === undefined &&
    query.nodeName === undefined &&
    query.reason === undefined &&
    !query.nameContains;
  if (noOtherFilter && query.namespaces !== undefined && !plan.scoped) return 'namespaces';
  if (noOtherFilter && plan.onlyPairs !== undefined) return 'granted';
  if (onlyLabel(query, plan)) return 'label';
  return plan.cheapToCount ? 'rows' : 'estimate';
}

/**
 * The query's one label requirement when it has no other filter but types and clusters (`in` or
 * `exists`): its remaining count needs nothing of the page but how many rows it holds, so where the
 * database reads at once it is counted beside the page.
 */
export function onlyLabel(query: SearchQuery, plan: SearchPlan): LabelRequirement | undefined {
  const [only] = plan.requirements;
  const alone =
    plan.requirements.length === 1 &&
    !query.phases &&
    !query.namespaces &&
    !plan.scoped &&
    query.name === undefined &&
    query.ownerUid === undefined &&
    query.nodeName === undefined &&
    query.reason === undefined &&
    !query.nameContains;
  return alone && only && (only.operator === 'in' || only.operator === 'exists') ? only : undefined;
}

/** Rows of the queried types, namespaces, clusters and phases, from the counts kept as rows change. */
async function namespaceTotal(db: Kysely<Database>, query: SearchQuery, plan: SearchPlan): Promise<number> {
  const counted = await db
    .selectFrom('resource_namespace_counts')
    .select((eb) => eb.fn.sum<number>('count').as('total'))
    .$if(plan.typeIds !== undefined, (q) => q.where('type_id', 'in', plan.typeIds ?? []))
    .where('namespace', 'in', query.namespaces ?? [])
    .$if(query.clusterIds !== undefined, (q) => q.where('cluster_id', 'in', query.clusterIds ?? []))
    .$if(query.phases !== undefined, (q) => q.where('phase', 'in', query.phases ?? []))
    .executeTakeFirst();
  return Number(counted?.total ?? 0);
}

/**
 * Rows a caller with namespace grants only sees: the kept counts of those (cluster, namespace) pairs,
 * and the Namespace objects of the pairs (search shows them too; an index lookup each).
 */
async function grantedTotal(db: Kysely<Database>, query: SearchQuery, plan: SearchPlan): Promise<number> {
  const pairs = [...(plan.onlyPairs ?? [])].map(([clusterId, namespaces]) => ({
    clusterId,
    namespaces: query.namespaces ? namespaces.filter((n) => query.namespaces?.includes(n)) : namespaces,
  }));
  const granted = pairs.filter((pair) => pair.namespaces.length > 0);
  if (granted.length === 0) return 0;
  const counted = await db
    .selectFrom('resource_namespace_counts')
    .select((eb) => eb.fn.sum<number>('count').as('total'))
    .$if(plan.typeIds !== undefined, (q) => q.where('type_id', 'in', plan.typeIds ?? []))
    .$if(query.phases !== undefined, (q) => q.where('phase', 'in', query.phases ?? []))
    .where((eb) =>
      eb.or(
        granted.map((pair) =>
          eb.and([eb('cluster_id', '=', pair.clusterId), eb('namespace', 'in', pair.namespaces)]),
        ),
      ),
    )
    .executeTakeFirst();
  if (query.namespaces && !query.namespaces.includes('')) return Number(counted?.total ?? 0);
  const objects = await db
    .selectFrom('resources')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('namespace', '=', '')
    .where('type_id', 'in', (eb) =>
      eb
        .selectFrom('resource_types')
        .select('id')
        .where('api_group', '=', '')
        .where('resource', '=', 'namespaces'),
    )
    .$if(plan.typeIds !== undefined, (q) => q.where('type_id', 'in', plan.typeIds ?? []))
    .$if(query.phases !== undefined, (q) => q.where('phase', 'in', query.phases ?? []))
    .where((eb) =>
      eb.or(
        granted.map((pair) =>
          eb.and([eb('cluster_id', '=', pair.clusterId), eb('name', 'in', pair.namespaces)]),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(counted?.total ?? 0) + Number(objects?.n ?? 0);
}

/** Rows of the queried types, clusters and phases, from the counts kept as rows change. */
export async function keptTotal(db: Kysely<Database>, query: SearchQuery, plan: SearchPlan): Promise<number> {
  const counted = await db
    .selectFrom('resource_counts')
    .select((eb) => eb.fn.sum<number>('count').as('total'))
    .$if(plan.typeIds !== undefined, (q) => q.where('type_id', 'in', plan.typeIds ?? []))
    .$if(query.clusterIds !== undefined, (q) => q.where('cluster_id', 'in', query.clusterIds ?? []))
    .$if(query.phases !== undefined, (q) => q.where('phase', 'in', query.phases ?? []))
    .executeTakeFirst();
  return Number(counted?.total ?? 0);
}

/** Estimates are reused for a few seconds: paging through a broad query estimates it once. */
const estimates = new ShortCache<number>(10_000);

/**
 * The counted total scaled by the share of a sample of those rows that passes the other filters,
 * remembered for a few seconds per query (and database: `db`).
 */
export async function estimateMatches(
  db: Kysely<Database>,
  query: SearchQuery,
  plan: SearchPlan,
): Promise<number> {
  const key = queryFingerprint(query);
  const kept = estimates.get(db, key);
  if (kept !== undefined) return kept;
  const matches = await sampleMatches(db, query, plan);
  estimates.set(db, key, matches);
  return matches;
}

async function sampleMatches(db: Kysely<Database>, query: SearchQuery, plan: SearchPlan): Promise<number> {
  // The kept total and the sample are read at once where the database allows (PostgreSQL's pool).
  const total = keptTotal(db, query, plan);
  total.catch(() => undefined);
  // The sample is limited inside, the filters applied outside: otherwise PostgreSQL plans the label
  // subqueries for every row of the table (hashing all matching labels) rather than for the sample.
  const { rows } = await sql<{ sampled: number; hits: number }>`
    select count(*) as sampled, coalesce(sum(case when ${sql.join(
      plan.indexExtra(expressionBuilder<Database, 'resources'>()),
      sql` and `,
    )} then 1 else 0 end), 0) as hits
    from ${db
      .selectFrom('resources')
      // The columns the filters read: the key index holds them all, but labels kept on the rows only.
      .select([
        'resources.id',
        'resources.cluster_id',
        'resources.type_id',
        'resources.namespace',
        'resources.name',
      ])
      .$if(query.ownerUid !== undefined, (q) => q.select('resources.owner_uid'))
      .$if(query.nodeName !== undefined, (q) => q.select('resources.node_name'))
      .$if(plan.rowLabels && plan.requirements.length > 0, (q) => q.select('resources.labels'))
      .where((eb) => eb.and(plan.base(eb)))
      .limit(SAMPLE_ROWS)} as resources`.execute(db);
  const sample = rows[0] ?? { sampled: 0, hits: 0 };
  const sampled = Number(sample.sampled);
  return sampled === 0 ? await total : Math.round(((await total) * Number(sample.hits)) / sampled);
}

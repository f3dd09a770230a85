import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type RawBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import type { Database } from '../schema.ts';
import { type SearchQuery, StoreError } from '../store.ts';
import { type LabelRequirement, LabelSelectorError, parseLabelSelector } from './labels.ts';
import { ShortCache } from './short-cache.ts';
import { type Narrowed, withinCondition } from './within.ts';

/** How the dialects differ in searching. */
export interface SearchDialect {
  /** A case-insensitive "name contains" filter on resources.name. */
  nameContains(text: string): RawBuilder<SqlBool>;
  /**
   * A subquery of ids that includes every row whose name contains `text` (it may hold more: the
   * `nameContains` filter stays), served by an index; undefined when none can, or when the substring is
   * so common that scanning the sorted rows finds a page sooner.
   */
  nameIndexIds?(text: string): Promise<RawBuilder<unknown> | undefined>;
  /**
   * In place of nameIndexIds: the rows themselves (every column of resources), for the page's own
   * statement to read and sort (SearchPlan.drivingRows). The rows are read once, not by a probe for
   * their ids and again by the page, and one statement fewer is sent: a name search at ten million
   * rows took 13.7 ms this way against 17.3 for probe and page (PostgreSQL).
   */
  nameRows?(text: string): Promise<RawBuilder<unknown> | undefined>;
  /**
   * A label requirement tested on resources.labels, where that is cheaper than looking in
   * resource_labels (it reads the row, which a page reads anyway); undefined: resource_labels.
   */
  labelTest?(requirement: LabelRequirement): RawBuilder<SqlBool>;
  /**
   * Labels are kept on the rows only, searched through an index of them (PostgreSQL's GIN index of
   * resources.labels; no resource_labels rows): a positive requirement (in, exists) as a condition
   * that index serves. Given with labelTest, which then tests labels everywhere else.
   */
  labelIndexTest?(requirement: LabelRequirement): RawBuilder<SqlBool>;
  /** The row's stored object has this top-level string field (`reason` of an event) equal to `value`. */
  objectFieldIs(field: 'reason', value: string): RawBuilder<SqlBool>;
  /**
   * The database reads every part of a UNION ALL whole before merging them in order (SQLite), rather
   * than a row at a time as the merge needs them (PostgreSQL's Merge Append).
   */
  mergeReadsWholeParts?: boolean;
  /** The most parts a search merges (namespace-branches.ts); each costs planning time too. */
  maxMergedParts?: number;
  /**
   * Queries run at once on connections of their own (PostgreSQL's pool): a page's count from the kept
   * counts is read beside the page rather than after it. SQLite runs one statement at a time.
   */
  readsAtOnce?: boolean;
  /**
   * Runs a merged search (one part per place) as a statement the database keeps planned: its text
   * depends only on the search's shape, and planning it once per part costs more than running it.
   * Undefined: run as any other query.
   */
  runPlanned?(query: { sql: string; parameters: readonly unknown[] }): Promise<unknown[]>;
  decodeJson(value: unknown): unknown;
  /** A JSON column's value as JSON text (as stored where the column is text). */
  jsonText(value: unknown): string;
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
  /**
   * The filters of one (type, cluster, namespace) already chosen from those the query allows
   * (namespace-branches.ts): `base` and `extra` without type, cluster, namespace and namespace grants.
   * Left in, those make PostgreSQL misjudge how many rows the place holds and read them all to sort.
   */
  placeFilters(eb: Where): Expression<SqlBool>[];
  /** `extra` for rows read from the key index alone (id, cluster, namespace, name): labels by index. */
  indexExtra(eb: Where): Expression<SqlBool>[];
  hasExtra: boolean;
  /** Rows are restricted to namespace grants (SearchQuery.within), a per-row condition. */
  scoped: boolean;
  /** When scoped to namespace grants only (no whole cluster): cluster id → its namespaces seen. */
  onlyPairs: Map<string, string[]> | undefined;
  /** No extra filter needs a per-row probe over many rows, so an exact count stays cheap. */
  cheapToCount: boolean;
  /** A small filter's ids (a rare label or name substring) drive the query. */
  drivenByIds: boolean;
  /**
   * The rows of the filter that drives the query, as its index finds them (a name substring's through
   * SearchDialect.nameRows, a lone label's where labels are kept on the rows), at most `cap`: the page
   * reads them in place of resources, so they are read once and no probe for their ids goes first.
   * `cap` of them mean the filter is too common to drive the query; `broad()` says so for the next
   * searches, which then test it on the rows they read.
   */
  drivingRows: { rows: Expression<unknown>; cap: number; broad(): void } | undefined;
  /** Labels are tested on the rows' own labels everywhere (indexExtra too): a sample must read them. */
  rowLabels: boolean;
  /**
   * How many rows of the queried types and clusters the one label requirement matches, when its probe
   * found them all (a driving label, and no other): counting them again reads the same entries.
   */
  labelMatches: number | undefined;
}

/** Secrets a caller sees only in part of what the query covers: their types, and where they are seen. */
export interface HiddenSecrets {
  typeIds: number[];
  seen: Narrowed;
}

/** Below this many matches a filter is small enough to drive the query. */
const SMALL_MATCH = 2000;
/**
 * Probes that found SMALL_MATCH or more lately. Broad stays broad for a few seconds, and when it does
 * not, the plan that tests the filter row by row returns the same rows, only slower.
 */
const broadProbes = new ShortCache<boolean>(10_000);

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
  hiddenSecrets?: HiddenSecrets,
  /** False when the driving rows turned out too many: ids are probed as before (and found broad). */
  rowsInPage = true,
): Promise<SearchPlan> {
  const scope = narrowed?.namespaces ? narrowed : undefined;
  const requirements = labelRequirements(query.labelSelector);
  // Probes fetch at most SMALL_MATCH ids; a smaller set drives the query as a list of ids, so the
  // index is read once rather than again by the page and by the count.
  const small = (ids: unknown[]): number[] | undefined =>
    ids.length < SMALL_MATCH ? ids.map(Number) : undefined;
  const labelProbe = (requirement: LabelRequirement) =>
    JSON.stringify(['label', requirement, typeIds, query.clusterIds]);
  const probed = requirements.filter((r) => r.operator === 'in' || r.operator === 'exists');
  // A lone label (no name substring) on rows that keep their labels drives the page with its rows.
  const [lone] = probed;
  const labelDrives =
    rowsInPage && dialect.labelIndexTest && !query.nameContains && probed.length === 1 && lone
      ? !broadProbes.get(db, labelProbe(lone)) && lone
      : undefined;
  let drivingLabel: number | undefined;
  let drivingLabelIds: number[] | undefined;
  for (const [index, requirement] of requirements.entries()) {
    if (requirement.operator !== 'in' && requirement.operator !== 'exists') continue;
    const probe = labelProbe(requirement);
    if (labelDrives || broadProbes.get(db, probe)) continue;
    const rows = await labelRows(db, dialect, requirement, typeIds, query.clusterIds)
      .limit(SMALL_MATCH)
      .execute();
    const ids = small(rows.map((row) => row.row_id));
    if (!ids) broadProbes.set(db, probe, true);
    if (ids && (drivingLabelIds === undefined || ids.length < drivingLabelIds.length)) {
      drivingLabel = index;
      drivingLabelIds = ids;
    }
  }
  const nameProbe = JSON.stringify(['name', query.nameContains]);
  const probedName = !broadProbes.get(db, nameProbe) ? query.nameContains : undefined;
  const rowsOfNames = rowsInPage && probedName && (await dialect.nameRows?.(probedName));
  const rowsOfLabel = labelDrives
    ? labelRowsOnRows(db, dialect, labelDrives, typeIds, query.clusterIds)?.selectAll()
    : undefined;
  const drivingRows = rowsOfNames
    ? { rows: rowsOfNames, cap: SMALL_MATCH, broad: () => broadProbes.set(db, nameProbe, true) }
    : rowsOfLabel && labelDrives
      ? {
          rows: rowsOfLabel,
          cap: SMALL_MATCH,
          broad: () => broadProbes.set(db, labelProbe(labelDrives), true),
        }
      : undefined;
  const nameIds = probedName && !rowsOfNames ? await dialect.nameIndexIds?.(probedName) : undefined;
  const drivingNames = nameIds
    ? small(
        (
          await sql<{ id: unknown }>`select * from (${nameIds} limit ${SMALL_MATCH}) probe`.execute(db)
        ).rows.map((row) => Object.values(row)[0]),
      )
    : undefined;
  if (nameIds && !drivingNames) broadProbes.set(db, nameProbe, true);

  // Driven by a list of ids, rows are fetched by id and sorted. Left as is, the type filter lets
  // SQLite walk a sort index from its start instead, testing each entry against the list: a hundred
  // times slower. The unary plus (an integer still, in PostgreSQL too) keeps indexes off it.
  const drivenByIds =
    drivingNames !== undefined || drivingLabelIds !== undefined || drivingRows !== undefined;
  const base = (eb: Where): Expression<SqlBool>[] => {
    const out: Expression<SqlBool>[] = [];
    if (typeIds && drivenByIds) {
      out.push(sql<SqlBool>`+${eb.ref('resources.type_id')} in (${sql.join(typeIds)})`);
    } else if (typeIds) out.push(eb('resources.type_id', 'in', typeIds));
    if (query.clusterIds) out.push(eb('resources.cluster_id', 'in', query.clusterIds));
    if (query.phases) out.push(eb('resources.phase', 'in', query.phases));
    return out;
  };
  const extraWith = (eb: Where, rowLabels: boolean, place = false): Expression<SqlBool>[] => {
    const out: Expression<SqlBool>[] = [];
    if (scope && !place) out.push(withinCondition(scope, 'resources', { namespaceObjects: true }));
    if (hiddenSecrets)
      out.push(
        sql<SqlBool>`(${eb.ref('resources.type_id')} not in (${sql.join(hiddenSecrets.typeIds)}) or ${withinCondition(hiddenSecrets.seen, 'resources')})`,
      );
    if (query.namespaces && !place) out.push(eb('resources.namespace', 'in', query.namespaces));
    if (query.name !== undefined) out.push(eb('resources.name', '=', query.name));
    if (query.ownerUid !== undefined) out.push(eb('resources.owner_uid', '=', query.ownerUid));
    if (query.nodeName !== undefined) out.push(eb('resources.node_name', '=', query.nodeName));
    if (query.reason !== undefined) out.push(dialect.objectFieldIs('reason', query.reason));
    if (query.nameContains) {
      if (drivingNames) out.push(idIn(drivingNames));
      out.push(dialect.nameContains(query.nameContains));
    }
    requirements.forEach((requirement, index) => {
      out.push(
        index === drivingLabel && drivingLabelIds
          ? idIn(drivingLabelIds)
          : (rowLabels || dialect.labelIndexTest) && dialect.labelTest
            ? dialect.labelTest(requirement)
            : labelCondition(eb, requirement),
      );
    });
    return out;
  };
  const narrowEquality =
    query.name !== undefined ||
    query.ownerUid !== undefined ||
    query.nodeName !== undefined ||
    query.reason !== undefined;
  const probes = requirements.length > 0 || Boolean(query.nameContains);
  return {
    typeIds,
    requirements,
    base,
    extra: (eb) => extraWith(eb, true),
    placeFilters: (eb) => [
      ...(query.phases ? [eb('resources.phase', 'in', query.phases)] : []),
      ...extraWith(eb, true, true),
    ],
    indexExtra: (eb) => extraWith(eb, false),
    hasExtra:
      query.namespaces !== undefined ||
      scope !== undefined ||
      hiddenSecrets !== undefined ||
      narrowEquality ||
      probes,
    // Kept counts include the hidden Secrets, so a plan that hides some never counts from them.
    scoped: scope !== undefined || hiddenSecrets !== undefined,
    onlyPairs: scope && !scope.wholeClusterIds?.length && !hiddenSecrets ? scope.namespaces : undefined,
    cheapToCount:
      !probes ||
      narrowEquality ||
      drivingLabel !== undefined ||
      drivingNames !== undefined ||
      drivingRows !== undefined,
    drivenByIds,
    drivingRows,
    rowLabels: dialect.labelIndexTest !== undefined,
    labelMatches: requirements.length === 1 ? drivingLabelIds?.length : undefined,
  };
}

/** `resources.id in (…)` for a list of ids read from the database (integers, so written inline). */
function idIn(ids: number[]): RawBuilder<SqlBool> {
  if (ids.length === 0) return sql<SqlBool>`1 = 0`;
  if (!ids.every(Number.isSafeInteger)) throw new Error('store: row ids must be integers');
  return sql<SqlBool>`resources.id in (${sql.raw(ids.join(', '))})`;
}

/**
 * Row ids (as `row_id`) with a label satisfying a positive requirement (in, exists), of the queried
 * types and clusters: from resource_labels, or through the dialect's index of the rows' labels.
 */
export function labelRows(
  db: Kysely<Database>,
  dialect: SearchDialect,
  requirement: LabelRequirement,
  typeIds: number[] | undefined,
  clusterIds: string[] | undefined,
) {
  const onRows = labelRowsOnRows(db, dialect, requirement, typeIds, clusterIds);
  if (onRows) return onRows.select('resources.id as row_id') as never as ReturnType<typeof labelRowsOfTable>;
  return labelRowsOfTable(db, requirement, typeIds, clusterIds);
}

/** The rows a label requirement selects, where labels are kept on the rows (labelIndexTest). */
function labelRowsOnRows(
  db: Kysely<Database>,
  dialect: SearchDialect,
  requirement: LabelRequirement,
  typeIds: number[] | undefined,
  clusterIds: string[] | undefined,
) {
  if (!dialect.labelIndexTest) return undefined;
  return db
    .selectFrom('resources')
    .where(dialect.labelIndexTest(requirement))
    .$if(typeIds !== undefined, (q) => q.where('resources.type_id', 'in', typeIds ?? []))
    .$if(clusterIds !== undefined, (q) => q.where('resources.cluster_id', 'in', clusterIds ?? []));
}

function labelRowsOfTable(
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

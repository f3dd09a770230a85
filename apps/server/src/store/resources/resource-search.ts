import { CompiledQuery, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../schema.ts';
import {
  type SearchObjects,
  type SearchPage,
  type SearchQuery,
  type SortField,
  type StoredResource,
  StoreError,
} from '../store.ts';
import { decodeContinue, encodeContinue } from './continue-token.ts';
import { pageOfDrivingRows } from './driving-rows.ts';
import { mergedPositional, mergedStatement, type PartOf } from './merged-statement.ts';
import { type Branch, namespaceBranches, paddedBranches } from './namespace-branches.ts';
import { countedBy, countRemaining, estimateMatches, keptTotal, onlyLabel } from './remaining-count.ts';
import type { ResourceTypes } from './resource-types.ts';
import { type Row, type SortColumn, selectRows } from './row-select.ts';
import { type HiddenSecrets, planSearch, type SearchDialect, type Where } from './search-plan.ts';
import { isSecretType, type Narrowed, narrow, narrowSecrets, restrictsRows } from './within.ts';

// Each sort ends with the row id, so the order is total and a keyset position is unambiguous.
const SORT_COLUMNS: Record<SortField, SortColumn[]> = {
  name: ['name', 'id'],
  created: ['created_at', 'id'],
  namespace: ['namespace', 'name', 'id'],
  cluster: ['cluster_id', 'namespace', 'name', 'id'],
};
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

export class ResourceSearch {
  readonly #db: Kysely<Database>;
  readonly #types: ResourceTypes;
  readonly #dialect: SearchDialect;

  constructor(options: { db: Kysely<Database>; types: ResourceTypes; dialect: SearchDialect }) {
    this.#db = options.db;
    this.#types = options.types;
    this.#dialect = options.dialect;
  }

  search(query: SearchQuery): Promise<SearchPage> {
    return this.#search(query, true);
  }

  async #search(query: SearchQuery, rowsInPage: boolean): Promise<SearchPage> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw new StoreError('invalid', `limit ${limit} must be a whole number from 1 to ${MAX_LIMIT}`);
    }
    const sort = query.sort ?? 'name';
    const columns = SORT_COLUMNS[sort];
    if (!columns)
      throw new StoreError(
        'invalid',
        `sort "${sort}" must be one of ${Object.keys(SORT_COLUMNS).join(', ')}`,
      );
    const descending = query.order === 'desc';
    const position = query.continue ? decodeContinue(query, query.continue, columns.length) : undefined;
    // The continue token is bound to the query as asked (within included); the plan uses its clusters
    // narrowed to those the caller may see.
    const narrowed = narrow(query.clusterIds, query.within);
    const { typeIds, hiddenSecrets } = await this.#secretsRule(
      await this.#types.resolve(query),
      narrowSecrets(narrowed, query.within),
    );
    let effective: SearchQuery = restrictsRows(query.within)
      ? { ...query, clusterIds: narrowed.clusterIds }
      : query;
    // A caller who sees only some namespaces: their names (and '' for the Namespace objects) become a
    // namespace filter that an index serves, and the exact (cluster, namespace) pairs stay a row test
    // on what it finds. Without it, every row of those clusters is read to test the pairs.
    if (narrowed.namespaces && !narrowed.wholeClusterIds?.length && !query.namespaces) {
      const names = new Set(([] as string[]).concat(...narrowed.namespaces.values()));
      if (await this.#mayHoldNamespaces(typeIds)) names.add('');
      effective = { ...effective, namespaces: [...names].sort() };
    }
    const empty = (list?: unknown[]) => list !== undefined && list.length === 0;
    if (empty(typeIds) || empty(effective.clusterIds) || empty(query.namespaces) || empty(query.phases)) {
      return { items: [], remaining: 0, estimated: false };
    }
    // Clusters asked for that include every cluster with rows of these types filter nothing; left in,
    // they make each index entry cost a row read (no index but the key holds the cluster after type).
    // Only for callers who see everything: otherwise the filter is what keeps other clusters out.
    if (
      !restrictsRows(query.within) &&
      effective.clusterIds &&
      (await this.#coversEveryCluster(effective.clusterIds, typeIds))
    ) {
      effective = { ...effective, clusterIds: undefined };
    }
    const plan = await planSearch(
      this.#db,
      this.#dialect,
      effective,
      typeIds,
      narrowed,
      hiddenSecrets,
      rowsInPage,
    );
    const after = (values: Array<string | number>) => (eb: Where) =>
      sql<SqlBool>`(${sql.join(columns.map((c) => eb.ref(`resources.${c}`)))}) ${sql.raw(descending ? '<' : '>')} (${sql.join(values)})`;

    const objects = query.objects ?? 'decoded';
    // With no filter but types, clusters and phases, what follows a page comes from the kept counts:
    // where the database reads at once, they are read beside the page, not after it.
    const total =
      !plan.hasExtra && this.#dialect.readsAtOnce ? keptTotal(this.#db, effective, plan) : undefined;
    total?.catch(() => undefined);
    // A lone label's count (7 ms for 6,700 pods of 20,000) is likewise read beside the page: when a
    // page is full, the rows it has seen are known before it is read.
    const labelCount =
      this.#dialect.readsAtOnce && !plan.drivingRows && onlyLabel(effective, plan)
        ? countRemaining({
            db: this.#db,
            dialect: this.#dialect,
            query: effective,
            plan,
            after: () => {
              throw new Error('store: a lone label is counted without the page');
            },
            seen: (position?.seen ?? 0) + limit,
          })
        : undefined;
    labelCount?.catch(() => undefined);
    // Driven by a short list of ids, the page reads every row that matches to sort them: counted as
    // they go by (a window over the whole result), they give what follows the page with no statement
    // after it (0.4–0.8 ms of a 4 ms name search on PostgreSQL at a million rows).
    const countedAlong = plan.drivenByIds;
    const pageOf = (branch?: Branch) => {
      let rowsQuery = selectRows(this.#db)
        .$if(countedAlong && branch === undefined, (q) =>
          q.select(sql<number>`count(*) over ()`.as('matched')),
        )
        .$if(branch !== undefined, (q) =>
          q
            .where('resources.type_id', '=', branch?.typeId ?? 0)
            .where('resources.cluster_id', '=', branch?.clusterId ?? '')
            .where('resources.namespace', '=', branch?.namespace ?? ''),
        )
        .where((eb) => eb.and(branch ? plan.placeFilters(eb) : [...plan.base(eb), ...plan.extra(eb)]))
        .$if(position !== undefined, (q) => q.where(after(position?.key ?? [])))
        // Written out (a whole number, checked above) rather than a parameter: a kept plan of a merged
        // search then knows how few rows each part gives, and PostgreSQL keeps it.
        .limit(branch ? sql.lit(limit + 1) : limit + 1);
      for (const column of columns) {
        rowsQuery = rowsQuery.orderBy(`resources.${column}`, descending ? 'desc' : 'asc');
      }
      return rowsQuery;
    };
    // Limited to a few namespaces: the first rows of each (type, cluster, namespace), merged.
    const parts = plan.drivenByIds
      ? undefined
      : await namespaceBranches(this.#db, effective, typeIds, narrowed, this.#dialect.maxMergedParts);
    const branches = parts?.branches;
    // An estimate from a sample does not depend on where the page ends: where the database reads at
    // once, it is read beside the page (unless the parts hold too few rows to fill one).
    const estimate =
      this.#dialect.readsAtOnce &&
      countedBy(effective, plan) === 'estimate' &&
      (parts?.rows ?? limit + 1) > limit
        ? estimateMatches(this.#db, effective, plan)
        : undefined;
    estimate?.catch(() => undefined);
    let rows: Row[];
    if (plan.drivingRows) {
      const filters = (eb: Where) => [
        ...plan.base(eb),
        ...plan.extra(eb),
        ...(position ? [after(position.key)(eb)] : []),
      ];
      const found = await pageOfDrivingRows(this.#db, plan.drivingRows, filters, columns, descending, limit);
      // Too many to drive: planned again, the filter tested on the rows the page reads.
      if (found === undefined) return this.#search(query, false);
      rows = found;
    } else if (branches === undefined) rows = await pageOf().execute();
    else if (branches.length === 0) rows = [];
    else {
      // SQLite reads each part whole before merging: its parts give only the sort key (from the
      // index alone where no filter needs the row), and the page's rows are read by id afterwards.
      const keysOnly = this.#dialect.mergeReadsWholeParts === true;
      const order = columns.map((c) => sql`${sql.ref(c)} ${sql.raw(descending ? 'desc' : 'asc')}`);
      // The same order as text, for a merged statement's tail.
      const by = columns.map((c) => `"${c}" ${descending ? 'desc' : 'asc'}`).join(', ');
      const merge = async (perPart: (part: number) => number, outerLimit?: number) => {
        // A kept statement's text depends on how many parts it merges: padded to a few sizes, the
        // searches of a shape share a few plans, not one per count of parts.
        const placed = this.#dialect.runPlanned ? paddedBranches(branches) : branches;
        const { runPlanned } = this.#dialect;
        if (runPlanned && !keysOnly) {
          const statement = mergedStatement(pageOf, placed, ` order by ${by} limit ${limit + 1}`);
          if (statement) return (await runPlanned(statement)) as Array<Row & { part?: number }>;
        }
        if (keysOnly && !runPlanned) {
          // Built from one compiled part: Kysely builds and compiles each in about 50 µs, and a merge
          // has up to 64 (10 namespaces of 5 clusters are 50).
          const keysOf = (of: PartOf) =>
            pageOf(of.branch)
              .clearSelect()
              .select(columns.map((c) => `resources.${c}` as const))
              .select(sql<number>`${of.part}`.as('part'))
              .limit(of.limit);
          const limited = outerLimit === undefined ? '' : ` limit ${outerLimit}`;
          const statement = mergedPositional(keysOf, placed, perPart, ` order by ${by}${limited}`);
          if (statement) {
            const raw = CompiledQuery.raw(statement.sql, statement.parameters);
            return (await this.#db.executeQuery<Row & { part?: number }>(raw)).rows;
          }
        }
        const selects = placed.map((branch, i) => {
          const part = keysOnly
            ? pageOf(branch)
                .clearSelect()
                .select(columns.map((c) => `resources.${c}` as const))
                .select(sql<number>`${sql.lit(i)}`.as('part'))
                .limit(perPart(i))
            : pageOf(branch);
          return sql`select * from (${part}) as ${sql.raw(`b${i}`)}`;
        });
        const limited = outerLimit === undefined ? sql`` : sql` limit ${sql.lit(outerLimit)}`;
        const query = sql<
          Row & { part?: number }
        >`${sql.join(selects, sql` union all `)} order by ${sql.join(order)}${limited}`;
        if (this.#dialect.runPlanned)
          return (await this.#dialect.runPlanned(query.compile(this.#db))) as Array<Row & { part?: number }>;
        return (await query.execute(this.#db)).rows;
      };
      if (keysOnly) {
        const wanted = limit + 1;
        // First a share of the page from each part (twice its even share). The merge is the page when
        // no part that gave all it was asked for ends before the page does: then none of its further
        // rows can belong in the page. Otherwise the parts that end early are asked again, each for as
        // many more rows as the page has places after its last (its further rows sort after it, and
        // rows found in other parts only push them later); the others still end after the page. Parts
        // whose rows a filter reads (labels) read a few rows each rather than a page each.
        const share = Math.min(wanted, Math.ceil((2 * wanted) / branches.length) + 1);
        let merged = await merge(() => share);
        const lastAt = new Map<number, number>();
        const given = new Map<number, number>();
        merged.forEach((row, at) => {
          lastAt.set(Number(row.part), at);
          given.set(Number(row.part), (given.get(Number(row.part)) ?? 0) + 1);
        });
        const short = new Set(
          [...given].flatMap(([part, n]) =>
            n >= share && (lastAt.get(part) ?? 0) < wanted - 1 ? [part] : [],
          ),
        );
        if (share < wanted && short.size > 0)
          merged = await merge(
            (part) =>
              short.has(part) ? Math.min(wanted, share + wanted - 1 - (lastAt.get(part) ?? 0)) : share,
            wanted,
          );
        const ids = merged.slice(0, wanted).map((row) => Number(row.id));
        const found = ids.length ? await selectRows(this.#db).where('resources.id', 'in', ids).execute() : [];
        const byId = new Map(found.map((row) => [Number(row.id), row]));
        rows = ids.flatMap((id) => byId.get(id) ?? []);
      } else rows = await merge(() => limit + 1, limit + 1);
    }

    const page = rows.slice(0, limit);
    const objectOf = objects === 'none' ? undefined : await this.#objects(page.map((row) => row.id));
    const items: StoredResource[] = [];
    for (const row of page) items.push(await this.#toStored(row, objects, objectOf?.get(Number(row.id))));
    const last = page.at(-1);
    if (rows.length <= limit || !last) return { items, remaining: 0, estimated: false };

    const lastKey = columns.map((c) => last[c] as string | number);
    const seen = (position?.seen ?? 0) + page.length;
    if (labelCount)
      return { items, continue: encodeContinue(query, { key: lastKey, seen }), ...(await labelCount) };
    const matched = (rows[0] as { matched?: unknown } | undefined)?.matched;
    if (countedAlong && matched !== undefined) {
      // Every match from the page's start was counted, and the ids are fewer than are counted exactly.
      const remaining = Math.max(1, Number(matched) - page.length);
      return { items, continue: encodeContinue(query, { key: lastKey, seen }), remaining, estimated: false };
    }
    const remaining = await countRemaining({
      db: this.#db,
      dialect: this.#dialect,
      query: effective,
      plan,
      after: after(lastKey),
      seen,
      ...(parts ? { partsRows: parts.rows } : {}),
      ...(total ? { keptTotal: total } : {}),
      ...(estimate ? { estimate } : {}),
    });
    return { items, continue: encodeContinue(query, { key: lastKey, seen }), ...remaining };
  }

  /**
   * Secrets where the caller may not see them: none asked for (or none of their types exist), nothing
   * to do; seen nowhere of what the query covers, their types leave the query (so the kept counts
   * still serve it); seen in part, a row condition keeps the others out.
   */
  async #secretsRule(
    typeIds: number[] | undefined,
    secrets: Narrowed | 'same',
  ): Promise<{ typeIds: number[] | undefined; hiddenSecrets?: HiddenSecrets }> {
    if (secrets === 'same') return { typeIds };
    const ids = typeIds ?? (await this.#types.all()).map((type) => type.id);
    const secretIds: number[] = [];
    for (const id of ids) if (isSecretType(await this.#types.known(id))) secretIds.push(id);
    if (secretIds.length === 0) return { typeIds };
    if (secrets.clusterIds?.length === 0) return { typeIds: ids.filter((id) => !secretIds.includes(id)) };
    return { typeIds, hiddenSecrets: { typeIds: secretIds, seen: secrets } };
  }

  /** Whether the types (every type when undefined) include core Namespaces. */
  async #mayHoldNamespaces(typeIds: number[] | undefined): Promise<boolean> {
    if (!typeIds) return true;
    const types = await Promise.all(typeIds.map((id) => this.#types.known(id)));
    return types.some((type) => type.group === '' && type.resource === 'namespaces');
  }

  /** Whether `clusterIds` holds every cluster that has rows of the types (all types when undefined). */
  async #coversEveryCluster(clusterIds: string[], typeIds: number[] | undefined): Promise<boolean> {
    const rows = await this.#db
      .selectFrom('resource_counts')
      .select('cluster_id')
      .distinct()
      .where('count', '>', 0)
      .$if(typeIds !== undefined, (q) => q.where('type_id', 'in', typeIds ?? []))
      .execute();
    const asked = new Set(clusterIds);
    return rows.every((row) => asked.has(row.cluster_id));
  }

  /** The objects of rows, by id. */
  async #objects(ids: number[]): Promise<Map<number, unknown>> {
    if (ids.length === 0) return new Map();
    const rows = await this.#db
      .selectFrom('resource_objects')
      .select(['id', 'object'])
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((row) => [Number(row.id), row.object]));
  }

  async #toStored(row: Row, objects: SearchObjects, object: unknown): Promise<StoredResource> {
    const type = await this.#types.byId(Number(row.type_id));
    const labels = this.#dialect.decodeJson(row.labels) as Record<string, string>;
    const stored: StoredResource = {
      clusterId: row.cluster_id,
      group: type.group,
      version: type.version,
      resource: type.resource,
      kind: type.kind,
      namespace: row.namespace,
      name: row.name,
      uid: row.uid,
      resourceVersion: row.resource_version,
      labels,
      ownerUid: row.owner_uid,
      nodeName: row.node_name,
      phase: row.phase,
      createdAt: row.created_at ? new Date(Number(row.created_at)) : null,
      object: objects === 'decoded' ? this.#dialect.decodeJson(object) : null,
      syncedAt: new Date(Number(row.synced_at)),
    };
    if (objects === 'json') stored.objectJson = this.#dialect.jsonText(object);
    return stored;
  }

  /** One row by key, for reads that want exactly that object. */
  async get(
    clusterId: string,
    typeId: number,
    namespace: string,
    name: string,
  ): Promise<StoredResource | undefined> {
    const row = await selectRows(this.#db)
      .where('type_id', '=', typeId)
      .where('cluster_id', '=', clusterId)
      .where('namespace', '=', namespace)
      .where('name', '=', name)
      .executeTakeFirst();
    if (!row) return undefined;
    const objectOf = await this.#objects([row.id]);
    return this.#toStored(row, 'decoded', objectOf.get(Number(row.id)));
  }
}

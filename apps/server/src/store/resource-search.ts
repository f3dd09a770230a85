import { type Kysely, type SqlBool, sql } from 'kysely';
import { decodeContinue, encodeContinue } from './continue-token.ts';
import { countRemaining } from './remaining-count.ts';
import type { ResourceTypes } from './resource-types.ts';
import type { Database } from './schema.ts';
import { planSearch, type SearchDialect, type Where } from './search-plan.ts';
import {
  type SearchPage,
  type SearchQuery,
  type SortField,
  type StoredResource,
  StoreError,
} from './store.ts';
import { narrow } from './within.ts';

type Row = Awaited<ReturnType<ReturnType<typeof selectRows>['execute']>>[number];

// Each sort ends with the row id, so the order is total and a keyset position is unambiguous.
const SORT_COLUMNS: Record<SortField, Array<'name' | 'namespace' | 'cluster_id' | 'created_at' | 'id'>> = {
  name: ['name', 'id'],
  created: ['created_at', 'id'],
  namespace: ['namespace', 'name', 'id'],
  cluster: ['cluster_id', 'namespace', 'name', 'id'],
};
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

const selectRows = (db: Kysely<Database>) => db.selectFrom('resources').selectAll('resources');

export class ResourceSearch {
  readonly #db: Kysely<Database>;
  readonly #types: ResourceTypes;
  readonly #dialect: SearchDialect;

  constructor(options: { db: Kysely<Database>; types: ResourceTypes; dialect: SearchDialect }) {
    this.#db = options.db;
    this.#types = options.types;
    this.#dialect = options.dialect;
  }

  async search(query: SearchQuery): Promise<SearchPage> {
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
    const typeIds = await this.#types.resolve(query);
    // The continue token is bound to the query as asked (within included); the plan uses its clusters
    // narrowed to those the caller may see.
    const narrowed = narrow(query.clusterIds, query.within);
    const effective: SearchQuery = query.within ? { ...query, clusterIds: narrowed.clusterIds } : query;
    const empty = (list?: unknown[]) => list !== undefined && list.length === 0;
    if (empty(typeIds) || empty(effective.clusterIds) || empty(query.namespaces) || empty(query.phases)) {
      return { items: [], remaining: 0, estimated: false };
    }
    const plan = await planSearch(this.#db, this.#dialect, effective, typeIds, narrowed);
    const after = (values: Array<string | number>) => (eb: Where) =>
      sql<SqlBool>`(${sql.join(columns.map((c) => eb.ref(`resources.${c}`)))}) ${sql.raw(descending ? '<' : '>')} (${sql.join(values)})`;

    let rowsQuery = selectRows(this.#db)
      .where((eb) => eb.and([...plan.base(eb), ...plan.extra(eb)]))
      .$if(position !== undefined, (q) => q.where(after(position?.key ?? [])))
      .limit(limit + 1);
    for (const column of columns) {
      rowsQuery = rowsQuery.orderBy(`resources.${column}`, descending ? 'desc' : 'asc');
    }
    const rows = await rowsQuery.execute();

    const page = rows.slice(0, limit);
    const items = await Promise.all(page.map((row) => this.#toStored(row)));
    const last = page.at(-1);
    if (rows.length <= limit || !last) return { items, remaining: 0, estimated: false };

    const lastKey = columns.map((c) => last[c] as string | number);
    const seen = (position?.seen ?? 0) + page.length;
    const remaining = await countRemaining({
      db: this.#db,
      query: effective,
      plan,
      after: after(lastKey),
      seen,
    });
    return { items, continue: encodeContinue(query, { key: lastKey, seen }), ...remaining };
  }

  async #toStored(row: Row): Promise<StoredResource> {
    const type = await this.#types.byId(Number(row.type_id));
    const labels = this.#dialect.decodeJson(row.labels) as Record<string, string>;
    return {
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
      object: this.#dialect.decodeJson(row.object),
      syncedAt: new Date(Number(row.synced_at)),
    };
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
    return row ? this.#toStored(row) : undefined;
  }
}

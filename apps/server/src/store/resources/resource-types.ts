import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { GroupVersionResource, SearchQuery } from '../store.ts';

export interface ResourceType extends GroupVersionResource {
  id: number;
  kind: string;
}

const keyOf = (t: GroupVersionResource) => `${t.group}/${t.version}/${t.resource}`;

/** How long types without a kind are taken as they are before the table is read again for them. */
export const KINDLESS_RECHECK_MS = 1_000;

/**
 * The small resource_types table, cached: rows name their type by id. Ids never change, so the cache is
 * only ever extended (another server replica may add types; a miss reloads).
 */
export class ResourceTypes {
  readonly #db: Kysely<Database>;
  #byKey = new Map<string, ResourceType>();
  #byId = new Map<number, ResourceType>();
  /** When the table was last read. */
  #readAt = Number.NEGATIVE_INFINITY;
  #reading: Promise<void> | undefined;
  readonly #now: () => number;

  constructor(db: Kysely<Database>, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  async reload(): Promise<void> {
    const rows = await this.#db.selectFrom('resource_types').selectAll().execute();
    this.#readAt = this.#now();
    for (const row of rows) {
      const type: ResourceType = {
        id: Number(row.id),
        group: row.api_group,
        version: row.api_version,
        resource: row.resource,
        kind: row.kind,
      };
      this.#byKey.set(keyOf(type), type);
      this.#byId.set(type.id, type);
    }
  }

  /** The id of a type, adding it on first use. */
  async ensure(type: GroupVersionResource, kind: string): Promise<number> {
    const known = this.#byKey.get(keyOf(type));
    if (known && (known.kind || !kind)) return known.id;
    await this.#db
      .insertInto('resource_types')
      .values({ api_group: type.group, api_version: type.version, resource: type.resource, kind })
      .onConflict((oc) =>
        oc
          .columns(['api_group', 'api_version', 'resource'])
          .doUpdateSet({ kind })
          .where('resource_types.kind', '=', ''),
      )
      .execute();
    await this.reload();
    const added = this.#byKey.get(keyOf(type));
    if (!added) throw new Error(`store: resource type ${keyOf(type)} was not saved; check the database`);
    return added.id;
  }

  async find(type: GroupVersionResource): Promise<ResourceType | undefined> {
    if (!this.#byKey.has(keyOf(type))) await this.reload();
    return this.#byKey.get(keyOf(type));
  }

  /**
   * A type first seen through an empty list has no kind yet, and another connection may have filled
   * it in since. Many never get one (every cluster lists its empty kinds), and a search reads the
   * freshness of each type of each cluster: for such types the table is read again at most once a
   * second, by one read shared with whoever asks meanwhile. A type not known at all is read at once.
   */
  async byId(id: number): Promise<ResourceType> {
    const known = this.#byId.get(id);
    if (!known || (!known.kind && this.#now() - this.#readAt >= KINDLESS_RECHECK_MS)) {
      this.#reading ??= this.reload().finally(() => {
        this.#reading = undefined;
      });
      await this.#reading;
    }
    const type = this.#byId.get(id);
    if (!type)
      throw new Error(`store: resource type ${id} is missing from resource_types; the database is damaged`);
    return type;
  }

  async all(): Promise<ResourceType[]> {
    await this.reload();
    return [...this.#byId.values()];
  }

  /** Type ids a query asks for; undefined when it names none (every type). */
  async resolve(query: Pick<SearchQuery, 'types' | 'kinds'>): Promise<number[] | undefined> {
    const kinds = query.kinds ?? [];
    const wanted = query.types ?? [];
    if (kinds.length === 0 && wanted.length === 0) return undefined;
    const matches = (q: (typeof wanted)[number], t: ResourceType) =>
      q.group === t.group &&
      q.resource === t.resource &&
      (q.version === undefined || q.version === t.version);
    const pick = () =>
      [...this.#byId.values()].filter((t) => kinds.includes(t.kind) || wanted.some((q) => matches(q, t)));
    let found = pick();
    const incomplete =
      kinds.some((k) => !found.some((t) => t.kind === k)) ||
      wanted.some((q) => !found.some((t) => matches(q, t)));
    if (incomplete) {
      await this.reload();
      found = pick();
    }
    return found.map((t) => t.id);
  }
}

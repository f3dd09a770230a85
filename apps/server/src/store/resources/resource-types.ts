import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { GroupVersionResource, SearchQuery } from '../store.ts';

export interface ResourceType extends GroupVersionResource {
  id: number;
  kind: string;
}

const keyOf = (t: GroupVersionResource) => `${t.group}/${t.version}/${t.resource}`;

/**
 * The small resource_types table, cached: rows name their type by id. Ids never change, so the cache is
 * only ever extended (another server replica may add types; a miss reloads).
 */
export class ResourceTypes {
  readonly #db: Kysely<Database>;
  #byKey = new Map<string, ResourceType>();
  #byId = new Map<number, ResourceType>();

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async reload(): Promise<void> {
    const rows = await this.#db.selectFrom('resource_types').selectAll().execute();
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

  /** A type with its kind: read again while it has none, as another connection may have filled it in. */
  async byId(id: number): Promise<ResourceType> {
    // A type first seen through an empty list has no kind yet; a row of it means the kind is stored.
    if (!this.#byId.get(id)?.kind) await this.reload();
    return this.#stored(id);
  }

  /**
   * A type's group, version and resource, for callers that need no kind: read again only when the id
   * is not known. Types listed empty never get a kind (real clusters list 20 and more such kinds), and a
   * search reads the freshness of every type of every cluster: through byId that read the types table
   * once per such type, 110 times a search on 5 real clusters.
   */
  async known(id: number): Promise<ResourceType> {
    if (!this.#byId.has(id)) await this.reload();
    return this.#stored(id);
  }

  #stored(id: number): ResourceType {
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

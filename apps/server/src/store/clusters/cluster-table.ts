import type { Kysely, Selectable } from 'kysely';
import type { ClustersTable, Database } from '../schema.ts';
import { type Cluster, type ClusterInput, type ClusterStore, StoreError } from '../store.ts';

const date = (ms: number | string | null) => (ms === null ? null : new Date(Number(ms)));

/** Unique-constraint failures look different per driver; both mean "that name is taken". */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

export class ClusterTable implements ClusterStore {
  readonly #db: Kysely<Database>;
  readonly #now: () => number;
  readonly #newId: () => string;
  readonly #decodeJson: (value: unknown) => unknown;
  readonly #purge: (clusterId: string) => Promise<void>;

  constructor(options: {
    db: Kysely<Database>;
    now: () => number;
    newId: () => string;
    decodeJson: (value: unknown) => unknown;
    purge: (clusterId: string) => Promise<void>;
  }) {
    this.#db = options.db;
    this.#now = options.now;
    this.#newId = options.newId;
    this.#decodeJson = options.decodeJson;
    this.#purge = options.purge;
  }

  #toCluster(row: Selectable<ClustersTable>): Cluster {
    return {
      id: row.id,
      name: row.name,
      displayName: row.display_name,
      description: row.description,
      labels: this.#decodeJson(row.labels) as Record<string, string>,
      serverUrl: row.server_url,
      credentials: new Uint8Array(row.credentials),
      createdAt: new Date(Number(row.created_at)),
      updatedAt: new Date(Number(row.updated_at)),
      status: row.status as Cluster['status'],
      reason: row.reason,
      reasonCode: (row.reason_code as Cluster['reasonCode']) ?? null,
      reasonParams: row.reason_params ? (JSON.parse(row.reason_params) as Cluster['reasonParams']) : null,
      lastSeenAt: date(row.last_seen_at),
      probeLatencyMs: row.probe_latency_ms,
      version: row.version,
      platform: row.platform,
      nodeCount: row.node_count,
    };
  }

  #conflict(name: string, error: unknown): never {
    if (isUniqueViolation(error)) {
      throw new StoreError(
        'conflict',
        `a cluster named "${name}" is already registered; choose another name`,
      );
    }
    throw error;
  }

  async create(input: ClusterInput): Promise<Cluster> {
    if (!input.name) throw new StoreError('invalid', 'a cluster needs a name');
    const now = this.#now();
    const id = this.#newId();
    await this.#db
      .insertInto('clusters')
      .values({
        id,
        name: input.name,
        display_name: input.displayName ?? input.name,
        description: input.description ?? '',
        labels: JSON.stringify(input.labels ?? {}),
        server_url: input.serverUrl,
        credentials: input.credentials,
        created_at: now,
        updated_at: now,
        status: 'Unknown',
        reason: null,
        reason_code: null,
        reason_params: null,
        last_seen_at: null,
        probe_latency_ms: null,
        version: null,
        platform: null,
        node_count: null,
      })
      .execute()
      .catch((error: unknown) => this.#conflict(input.name, error));
    return this.#getOrThrow(id);
  }

  async get(id: string): Promise<Cluster | undefined> {
    const row = await this.#db.selectFrom('clusters').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.#toCluster(row) : undefined;
  }

  async #getOrThrow(id: string): Promise<Cluster> {
    const cluster = await this.get(id);
    if (!cluster) throw new StoreError('not-found', `no cluster has id ${id}; list clusters to find its id`);
    return cluster;
  }

  async getByName(name: string): Promise<Cluster | undefined> {
    const row = await this.#db.selectFrom('clusters').selectAll().where('name', '=', name).executeTakeFirst();
    return row ? this.#toCluster(row) : undefined;
  }

  async list(): Promise<Cluster[]> {
    const rows = await this.#db.selectFrom('clusters').selectAll().orderBy('name').execute();
    return rows.map((row) => this.#toCluster(row));
  }

  async update(id: string, patch: Partial<ClusterInput>): Promise<Cluster> {
    const result = await this.#db
      .updateTable('clusters')
      .set({
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.displayName !== undefined && { display_name: patch.displayName }),
        ...(patch.description !== undefined && { description: patch.description }),
        ...(patch.labels !== undefined && { labels: JSON.stringify(patch.labels) }),
        ...(patch.serverUrl !== undefined && { server_url: patch.serverUrl }),
        ...(patch.credentials !== undefined && { credentials: patch.credentials }),
        updated_at: this.#now(),
      })
      .where('id', '=', id)
      .executeTakeFirst()
      .catch((error: unknown) => this.#conflict(patch.name ?? '', error));
    if (Number(result.numUpdatedRows) === 0) {
      throw new StoreError('not-found', `no cluster has id ${id}; list clusters to find its id`);
    }
    return this.#getOrThrow(id);
  }

  async setHealth(id: string, health: Parameters<ClusterStore['setHealth']>[1]): Promise<void> {
    if (typeof health.reason === 'string' && !health.reasonCode) {
      // The type already refuses it; this keeps a cast or a plain-JS caller from storing words alone.
      throw new StoreError('invalid', "a cluster's reason needs its reasonCode and reasonParams");
    }
    const result = await this.#db
      .updateTable('clusters')
      .set({
        ...(health.status !== undefined && { status: health.status }),
        ...(health.reason !== undefined && {
          reason: health.reason,
          reason_code: health.reason === null ? null : health.reasonCode,
          reason_params: health.reason === null ? null : JSON.stringify(health.reasonParams ?? {}),
        }),
        ...(health.lastSeenAt !== undefined && { last_seen_at: health.lastSeenAt?.getTime() ?? null }),
        ...(health.probeLatencyMs !== undefined && { probe_latency_ms: health.probeLatencyMs }),
        ...(health.version !== undefined && { version: health.version }),
        ...(health.platform !== undefined && { platform: health.platform }),
        ...(health.nodeCount !== undefined && { node_count: health.nodeCount }),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      throw new StoreError('not-found', `no cluster has id ${id}; it may have been removed`);
    }
  }

  async delete(id: string): Promise<void> {
    await this.#purge(id);
    await this.#db.deleteFrom('clusters').where('id', '=', id).execute();
  }
}

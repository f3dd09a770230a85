import type { Kysely } from 'kysely';
import type { LeaseGuard } from '../replicas/lease-guard.ts';
import type { ResourceTypes } from '../resources/resource-types.ts';
import type { Database } from '../schema.ts';
import { type GroupVersionResource, StoreError, type SyncState, type SyncStateStore } from '../store.ts';
import type { SyncReasonCode, SyncStateUpdate } from './sync-state.ts';

const date = (ms: number | string | null) => (ms === null ? null : new Date(Number(ms)));
const params = (text: string | null) =>
  text === null ? null : (JSON.parse(text) as Record<string, string | number>);

/** Sync states with their object count, summed from resource_counts so it always matches the rows. */
function selectStates(db: Kysely<Database>) {
  return db.selectFrom('sync_states as s').select((eb) => [
    's.cluster_id',
    's.type_id',
    's.resource_version',
    's.last_event_at',
    's.lag_ms',
    's.error',
    's.reason_code',
    's.reason_params',
    eb
      .selectFrom('resource_counts as c')
      .select((c) => c.fn.coalesce(c.fn.sum<number>('c.count'), c.lit(0)).as('n'))
      .whereRef('c.cluster_id', '=', 's.cluster_id')
      .whereRef('c.type_id', '=', 's.type_id')
      .as('object_count'),
  ]);
}
type StateRow = Awaited<ReturnType<ReturnType<typeof selectStates>['execute']>>[number];

export class SyncStateTable implements SyncStateStore {
  readonly #db: Kysely<Database>;
  readonly #types: ResourceTypes;
  /** A fenced sync's table checks its lease in the same transaction as each put (lease-guard.ts). */
  readonly #guard: LeaseGuard | undefined;

  constructor(options: { db: Kysely<Database>; types: ResourceTypes; guard?: LeaseGuard }) {
    this.#db = options.db;
    this.#types = options.types;
    this.#guard = options.guard;
  }

  #toState(row: StateRow): SyncState {
    return {
      resourceVersion: row.resource_version,
      objectCount: Number(row.object_count ?? 0),
      lastEventAt: date(row.last_event_at),
      lagMs: row.lag_ms,
      error: row.error,
      reasonCode: (row.reason_code as SyncReasonCode | null) ?? null,
      reasonParams: params(row.reason_params),
    };
  }

  async get(clusterId: string, type: GroupVersionResource): Promise<SyncState | undefined> {
    const known = await this.#types.find(type);
    if (!known) return undefined;
    const row = await selectStates(this.#db)
      .where('s.cluster_id', '=', clusterId)
      .where('s.type_id', '=', known.id)
      .executeTakeFirst();
    return row ? this.#toState(row) : undefined;
  }

  async put(clusterId: string, type: GroupVersionResource, state: SyncStateUpdate): Promise<void> {
    // The type says so too; this stops a caller that got round it (words the console cannot translate).
    if (typeof state.error === 'string' && !state.reasonCode)
      throw new StoreError('invalid', "a sync state's error needs its reasonCode and reasonParams");
    const typeId = await this.#types.ensure(type, '');
    const values = {
      ...(state.resourceVersion !== undefined && { resource_version: state.resourceVersion }),
      ...(state.lastEventAt !== undefined && { last_event_at: state.lastEventAt?.getTime() ?? null }),
      ...(state.lagMs !== undefined && { lag_ms: state.lagMs }),
      ...(state.error !== undefined && {
        error: state.error,
        reason_code: state.error === null ? null : state.reasonCode,
        reason_params: state.error === null ? null : JSON.stringify(state.reasonParams),
      }),
    };
    const upsert = (db: Kysely<Database>) =>
      db
        .insertInto('sync_states')
        .values({ cluster_id: clusterId, type_id: typeId, ...values })
        .onConflict((oc) =>
          Object.keys(values).length > 0
            ? oc.columns(['cluster_id', 'type_id']).doUpdateSet(values)
            : oc.columns(['cluster_id', 'type_id']).doNothing(),
        )
        .execute();
    const guard = this.#guard;
    if (!guard) await upsert(this.#db);
    else
      await this.#db.transaction().execute(async (trx) => {
        await guard(trx);
        await upsert(trx);
      });
  }

  async list(
    clusterId?: string,
    types?: Array<{ group: string; resource: string }>,
  ): Promise<Array<SyncState & GroupVersionResource & { clusterId: string }>> {
    if (types?.length === 0) return [];
    const rows = await selectStates(this.#db)
      .$if(clusterId !== undefined, (q) => q.where('s.cluster_id', '=', clusterId ?? ''))
      // A search's freshness wants the states of its types only: a few rows, not clusters × types.
      .$if(types !== undefined, (q) =>
        q.where('s.type_id', 'in', (eb) =>
          eb
            .selectFrom('resource_types as t')
            .select('t.id')
            .where((t) =>
              t.or(
                (types ?? []).map((type) =>
                  t.and([t('t.api_group', '=', type.group), t('t.resource', '=', type.resource)]),
                ),
              ),
            ),
        ),
      )
      .execute();
    const out = [];
    for (const row of rows) {
      const type = await this.#types.known(Number(row.type_id));
      out.push({
        clusterId: row.cluster_id,
        group: type.group,
        version: type.version,
        resource: type.resource,
        ...this.#toState(row),
      });
    }
    return out;
  }
}

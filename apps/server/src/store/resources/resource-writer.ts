import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { LeaseGuard } from '../replicas/lease-guard.ts';
import type { Database } from '../schema.ts';
import type { GroupVersionResource, ResourceChange, ResourceKey, ResourceRecord } from '../store.ts';
import { CountDeltas } from './count-deltas.ts';
import { heldRequest, isPodType, podRequest, RequestDeltas } from './pod-requests.ts';
import type { ResourceTypes } from './resource-types.ts';
import { type LabelInput, type RowInput, type RowWrites, sharedRowWrites } from './row-writes.ts';

type Trx = Transaction<Database>;

/** The dialect's name-substring index, where it must be kept by hand (SQLite's FTS5 table). */
export interface NameIndex {
  add(trx: Trx, rows: Array<{ id: number; name: string }>): Promise<void>;
  /** `ids` is a list of ids or a subquery selecting them. */
  remove(trx: Trx, ids: number[] | RawBuilder<unknown>): Promise<void>;
}

interface Existing {
  id: number;
  namespace: string;
  name: string;
  resource_version: string;
  phase: string | null;
  labels: unknown;
  cpu_request: number | null;
  memory_request: number | null;
}

/** What one transaction changes besides the rows: counts, and for pods the request sums. */
interface Deltas {
  counts: CountDeltas;
  requests: RequestDeltas | undefined;
}

const newDeltas = (pods: boolean): Deltas => ({
  counts: new CountDeltas(),
  requests: pods ? new RequestDeltas() : undefined,
});

/** Counts first, then request sums: every writer takes their row locks in the same order. */
async function applyDeltas(trx: Trx, clusterId: string, deltas: Deltas): Promise<void> {
  await deltas.counts.apply(trx, clusterId);
  await deltas.requests?.apply(trx, clusterId);
}

// Keys per lookup or delete statement.
const CHUNK = 500;

const keyOf = (namespace: string, name: string) => `${namespace}\u0000${name}`;
const typeKey = (t: GroupVersionResource) => `${t.group}/${t.version}/${t.resource}`;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const heldOf = (row: Existing) =>
  heldRequest(row.phase, { cpuMillicores: row.cpu_request, memoryBytes: row.memory_request });

/**
 * Objects as JSON text, made ahead by a first sync for the batch after the one being written
 * (ResourceWriter.replaceAll), taken from here when that batch is written and dropped once it is (a
 * caller may change a record and write it again).
 */
const objectTexts = new WeakMap<ResourceRecord, string>();
const objectText = (record: ResourceRecord): string =>
  objectTexts.get(record) ?? JSON.stringify(record.object);
// Records turned into JSON between two turns of the event loop: few enough that the write in flight
// sends its next statement without waiting long.
const TEXT_SLICE = 50;

/** Fills objectTexts for `records`, letting the write in flight go on between slices. */
async function makeObjectTexts(records: ResourceRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += TEXT_SLICE) {
    for (const record of records.slice(i, i + TEXT_SLICE))
      if (!objectTexts.has(record)) objectTexts.set(record, JSON.stringify(record.object));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

function sameLabels(stored: unknown, labels: Record<string, string>): boolean {
  const old = (typeof stored === 'string' ? JSON.parse(stored) : stored) as Record<string, string>;
  const keys = Object.keys(labels);
  return keys.length === Object.keys(old).length && keys.every((k) => old[k] === labels[k]);
}

/** Writes resource rows with their labels, name index entries and counts, always together. */
export class ResourceWriter {
  readonly #db: Kysely<Database>;
  readonly #types: ResourceTypes;
  readonly #names: NameIndex;
  readonly #now: () => number;
  readonly #rows: RowWrites;
  /** A fenced sync's writer checks its lease first thing in every transaction (lease-guard.ts). */
  readonly #guard: LeaseGuard | undefined;

  constructor(options: {
    db: Kysely<Database>;
    types: ResourceTypes;
    names: NameIndex;
    now: () => number;
    guard?: LeaseGuard;
    rows?: RowWrites;
  }) {
    this.#db = options.db;
    this.#types = options.types;
    this.#names = options.names;
    this.#now = options.now;
    this.#guard = options.guard;
    this.#rows = options.rows ?? sharedRowWrites;
  }

  /** A write transaction, after the lease check when there is one. */
  #transaction<T>(work: (trx: Trx) => Promise<T>): Promise<T> {
    return this.#db.transaction().execute(async (trx) => {
      await this.#guard?.(trx);
      return work(trx);
    });
  }

  async applyChanges(clusterId: string, changes: ResourceChange[]): Promise<void> {
    // The last change to a key wins; group by type so lookups use the key index.
    const byType = new Map<
      string,
      { type: GroupVersionResource; kind: string; last: Map<string, ResourceChange> }
    >();
    for (const change of changes) {
      const key: ResourceKey = change.type === 'upsert' ? change.record : change.key;
      const group = byType.get(typeKey(key)) ?? {
        type: { group: key.group, version: key.version, resource: key.resource },
        kind: '',
        last: new Map(),
      };
      if (change.type === 'upsert' && change.record.kind) group.kind = change.record.kind;
      group.last.set(keyOf(key.namespace, key.name), change);
      byType.set(typeKey(key), group);
    }
    const typed: Array<{ typeId: number; pods: boolean; changes: ResourceChange[] }> = [];
    for (const group of byType.values()) {
      typed.push({
        typeId: await this.#types.ensure(group.type, group.kind),
        pods: isPodType(group.type),
        changes: [...group.last.values()],
      });
    }
    await this.#transaction(async (trx) => {
      // One set of count deltas for all types (they are keyed by type); request sums only for pods.
      const deltas = newDeltas(typed.some((t) => t.pods));
      for (const { typeId, pods, changes: list } of typed) {
        const upserts = list.flatMap((c) => (c.type === 'upsert' ? [c.record] : []));
        const deletes = list.flatMap((c) => (c.type === 'delete' ? [c.key] : []));
        const these = { counts: deltas.counts, requests: pods ? deltas.requests : undefined };
        await this.#upsert(trx, clusterId, typeId, upserts, these);
        await this.#delete(trx, clusterId, typeId, deletes, these);
      }
      await applyDeltas(trx, clusterId, deltas);
    });
  }

  async replaceAll(
    clusterId: string,
    type: GroupVersionResource,
    records: Iterable<ResourceRecord> | AsyncIterable<ResourceRecord>,
    resourceVersion: string,
  ): Promise<void> {
    // Written in chunks, each its own transaction, so a large relist never blocks other writers for
    // long and never needs the whole list in memory; only the keys seen are kept, to sweep the rest.
    const seen = new Set<string>();
    const pods = isPodType(type);
    let typeId: number | undefined;
    let batch: ResourceRecord[] = [];
    // A first sync (every object new) skips looking up stored rows while the kept count holds only the
    // rows this relist committed (`committed`) and, at most, those of its batches still in flight
    // (`inFlightRows`, this one's among them): nothing else is stored. `fresh` is false from the first
    // batch that met any other row on. The unique key still refuses a stored row if the count misled.
    let fresh = true;
    let committed = 0;
    let inFlightRows = 0;
    // In a first sync a batch is turned into JSON while the one before it is written, and where the
    // dialect grants a slot (rows.extraSlot: PostgreSQL, a few across the process) two batches are
    // written at once, each its own transaction: this process and two database backends work together.
    const inFlight: Array<Promise<void>> = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const rows = batch;
      batch = [];
      const forget = () => {
        for (const record of rows) objectTexts.delete(record);
      };
      let id: number;
      let release: (() => void) | undefined;
      try {
        if (fresh) await makeObjectTexts(rows);
        // Beside another only once a first batch found nothing else stored (a relist over stored rows
        // learns so from its first batch, and writes in order), and only with a slot.
        while (inFlight.length > 0) {
          if (fresh && committed > 0 && inFlight.length === 1) release = this.#rows.extraSlot?.();
          if (release) break;
          await inFlight.shift();
        }
        typeId = await this.#types.ensure(type, rows.find((r) => r.kind)?.kind ?? '');
        id = typeId;
      } catch (error) {
        release?.();
        forget();
        throw error;
      }
      const write = (asNew: boolean) =>
        this.#transaction(async (trx) => {
          const deltas = newDeltas(pods);
          const held = asNew ? await this.#heldRows(trx, clusterId, id) : -1;
          const onlyOurs = held >= committed && held <= committed + inFlightRows - rows.length;
          await this.#upsert(trx, clusterId, id, rows, deltas, onlyOurs);
          await applyDeltas(trx, clusterId, deltas);
          if (!onlyOurs) fresh = false;
        });
      inFlightRows += rows.length;
      const asNew = fresh;
      const task = write(asNew)
        .catch((error) => {
          // New rows met a stored key after all (another writer's, committed since the counts were
          // read): nothing of the batch was kept; it is written again as upserts.
          if ((error as { code?: string }).code !== '23505' || !asNew) throw error;
          fresh = false;
          return write(false);
        })
        .then(() => {
          committed += rows.length;
        })
        .finally(() => {
          inFlightRows -= rows.length;
          release?.();
          forget();
        });
      // Its failure is met where it is awaited (a later flush, or below), not left unheard meanwhile.
      task.catch(() => undefined);
      inFlight.push(task);
    };
    try {
      for await (const record of records) {
        if (typeKey(record) !== typeKey(type)) {
          throw new TypeError(`replaceAll for ${typeKey(type)} was given a ${typeKey(record)} object`);
        }
        const key = keyOf(record.namespace, record.name);
        if (seen.has(key)) continue;
        seen.add(key);
        batch.push(record);
        if (batch.length >= 1000) await flush();
      }
      await flush();
    } finally {
      // No write is left running behind, even when reading the records failed.
      await Promise.allSettled(inFlight);
    }
    for (const task of inFlight) await task;
    typeId ??= await this.#types.ensure(type, '');
    await this.#sweep(clusterId, typeId, pods, seen);
    const id = typeId;
    // A whole list read clears the type's error, with its code and values.
    const noError = { error: null, reason_code: null, reason_params: null };
    await this.#transaction((trx) =>
      trx
        .insertInto('sync_states')
        .values({ cluster_id: clusterId, type_id: id, resource_version: resourceVersion, ...noError })
        .onConflict((oc) =>
          oc
            .columns(['cluster_id', 'type_id'])
            .doUpdateSet({ resource_version: resourceVersion, ...noError }),
        )
        .execute(),
    );
  }

  /** Deletes the rows of (cluster, type) whose keys are not in `keep`, paging through the key index. */
  async #sweep(clusterId: string, typeId: number, pods: boolean, keep: Set<string>): Promise<void> {
    let after: [string, string] | undefined;
    for (;;) {
      const page = await this.#db
        .selectFrom('resources')
        .select(['namespace', 'name'])
        .where('type_id', '=', typeId)
        .where('cluster_id', '=', clusterId)
        .$if(after !== undefined, (q) =>
          q.where((eb) =>
            eb(eb.refTuple('namespace', 'name'), '>', eb.tuple(after?.[0] ?? '', after?.[1] ?? '')),
          ),
        )
        .orderBy('namespace')
        .orderBy('name')
        .limit(5000)
        .execute();
      const gone = page.filter((r) => !keep.has(keyOf(r.namespace, r.name)));
      if (gone.length > 0) {
        await this.#transaction(async (trx) => {
          const deltas = newDeltas(pods);
          await this.#delete(trx, clusterId, typeId, gone, deltas);
          await applyDeltas(trx, clusterId, deltas);
        });
      }
      const last = page.at(-1);
      if (!last || page.length < 5000) return;
      after = [last.namespace, last.name];
    }
  }

  async purgeCluster(clusterId: string): Promise<void> {
    const typeIds = (await this.#types.all()).map((t) => t.id);
    await this.#transaction(async (trx) => {
      if (typeIds.length > 0) {
        const ids = trx
          .selectFrom('resources')
          .select('id')
          .where('type_id', 'in', typeIds)
          .where('cluster_id', '=', clusterId);
        await this.#names.remove(trx, sql`${ids}`);
        await this.#rows.deleteLabels(trx, sql`${ids}`);
        await trx.deleteFrom('resource_objects').where('id', 'in', ids).execute();
        await trx
          .deleteFrom('resources')
          .where('type_id', 'in', typeIds)
          .where('cluster_id', '=', clusterId)
          .execute();
      }
      await trx.deleteFrom('resource_counts').where('cluster_id', '=', clusterId).execute();
      await trx.deleteFrom('resource_namespace_counts').where('cluster_id', '=', clusterId).execute();
      await trx.deleteFrom('pod_requests').where('cluster_id', '=', clusterId).execute();
      await trx.deleteFrom('sync_states').where('cluster_id', '=', clusterId).execute();
    });
  }

  async #existing(
    trx: Trx,
    clusterId: string,
    typeId: number,
    keys: Array<{ namespace: string; name: string }>,
  ): Promise<Map<string, Existing>> {
    const found = new Map<string, Existing>();
    const wanted = new Set(keys.map((k) => keyOf(k.namespace, k.name)));
    // Looked up by name only (row-value IN lists are not portable); other namespaces' rows are dropped.
    for (const names of chunks([...new Set(keys.map((k) => k.name))], 500)) {
      const rows = await trx
        .selectFrom('resources')
        .select([
          'id',
          'namespace',
          'name',
          'resource_version',
          'phase',
          'labels',
          'cpu_request',
          'memory_request',
        ])
        .where('type_id', '=', typeId)
        .where('cluster_id', '=', clusterId)
        .where('name', 'in', names)
        .execute();
      for (const row of rows) {
        const key = keyOf(row.namespace, row.name);
        if (wanted.has(key)) found.set(key, { ...row, id: Number(row.id) });
      }
    }
    return found;
  }

  /** Rows of (cluster, type), by the kept counts. */
  async #heldRows(trx: Trx, clusterId: string, typeId: number): Promise<number> {
    const row = await trx
      .selectFrom('resource_counts')
      .select((eb) => eb.fn.sum<number>('count').as('rows'))
      .where('cluster_id', '=', clusterId)
      .where('type_id', '=', typeId)
      .executeTakeFirst();
    return Number(row?.rows ?? 0);
  }

  /** `noneStored`: the caller knows no row of these keys is stored (a first sync's new rows). */
  async #upsert(
    trx: Trx,
    clusterId: string,
    typeId: number,
    records: ResourceRecord[],
    deltas: Deltas,
    noneStored = false,
  ): Promise<void> {
    if (records.length === 0) return;
    const existing = noneStored
      ? new Map<string, Existing>()
      : await this.#existing(trx, clusterId, typeId, records);
    const changed = records.filter((r) => {
      const old = existing.get(keyOf(r.namespace, r.name));
      return !old || !r.resourceVersion || old.resource_version !== r.resourceVersion;
    });
    if (changed.length === 0) return;
    const now = this.#now();
    const relabel: number[] = [];
    const labelRows: LabelInput[] = [];
    const named: Array<{ id: number; name: string }> = [];
    // Pods carry their effective request, so that a later change knows what the old version held.
    const requests = deltas.requests ? changed.map((r) => podRequest(r.object)) : undefined;
    const place = { clusterId, typeId, syncedAt: now };
    const input = changed.map(
      (r, i): RowInput => ({
        namespace: r.namespace,
        name: r.name,
        uid: r.uid,
        resourceVersion: r.resourceVersion,
        labels: JSON.stringify(r.labels),
        ownerUid: r.ownerUid,
        nodeName: r.nodeName,
        phase: r.phase,
        createdAt: r.createdAt?.getTime() ?? 0,
        cpuRequest: requests?.[i]?.cpuMillicores ?? null,
        memoryRequest: requests?.[i]?.memoryBytes ?? null,
        object: objectText(r),
      }),
    );
    const written =
      (noneStored ? await this.#rows.insertNewRows?.(trx, place, input) : undefined) ??
      (await this.#rows.upsertRows(trx, place, input));
    const idOf = new Map(written.map((row) => [keyOf(row.namespace, row.name), row.id]));
    for (const [i, record] of changed.entries()) {
      const key = keyOf(record.namespace, record.name);
      const id = idOf.get(key);
      if (id === undefined)
        throw new Error(`store: upsert of ${record.namespace}/${record.name} returned no id`);
      const old = existing.get(key);
      if (old) deltas.counts.add(typeId, old.namespace, old.phase, -1);
      deltas.counts.add(typeId, record.namespace, record.phase, +1);
      const request = requests?.[i];
      if (deltas.requests && request) {
        if (old) deltas.requests.add(old.namespace, heldOf(old), -1);
        deltas.requests.add(
          record.namespace,
          heldRequest(record.phase, {
            cpuMillicores: request.cpuMillicores,
            memoryBytes: request.memoryBytes,
          }),
          +1,
        );
      }
      if (!old) named.push({ id, name: record.name });
      if (old && sameLabels(old.labels, record.labels)) continue;
      if (old) relabel.push(id);
      for (const [k, v] of Object.entries(record.labels)) labelRows.push({ rowId: id, key: k, value: v });
    }
    for (const part of chunks(relabel, 500)) await this.#rows.deleteLabels(trx, part);
    await this.#rows.insertLabels(trx, { clusterId, typeId }, labelRows);
    if (named.length > 0) await this.#names.add(trx, named);
  }

  async #delete(
    trx: Trx,
    clusterId: string,
    typeId: number,
    keys: Array<{ namespace: string; name: string }>,
    deltas: Deltas,
  ): Promise<void> {
    if (keys.length === 0) return;
    const existing = [...(await this.#existing(trx, clusterId, typeId, keys)).values()];
    for (const old of existing) {
      deltas.counts.add(typeId, old.namespace, old.phase, -1);
      deltas.requests?.add(old.namespace, heldOf(old), -1);
    }
    for (const part of chunks(
      existing.map((r) => r.id),
      500,
    )) {
      await this.#names.remove(trx, part);
      await this.#rows.deleteLabels(trx, part);
      await trx.deleteFrom('resource_objects').where('id', 'in', part).execute();
      await trx.deleteFrom('resources').where('id', 'in', part).execute();
    }
  }
}

import type { PropagationWording } from '@portolan/api';
import type { Kysely, Selectable } from 'kysely';
import { StoreError } from '../store.ts';
import type {
  ObjectKey,
  OwnedObject,
  PropagationStore,
  StoredEvent,
  StoredPropagation,
  StoredTarget,
  TargetState,
} from './propagation-store.ts';

/** The tables of migration 0016, as Kysely sees them. */
export type PropagationDatabase = {
  propagations: {
    name: string;
    document: string;
    generation: number;
    observed_generation: number;
    created_by: string;
    created_at: number;
    updated_by: string;
    updated_at: number;
    deleting: number;
    failover: string | null;
  };
  propagation_targets: {
    propagation: string;
    cluster: string;
    state: string;
    reason: string | null;
    reason_code: string | null;
    reason_params: string | null;
    replicas: number | null;
    moved_in: number;
    moved_out: number;
    offline_since: number | null;
    last_applied_at: number | null;
  };
  propagation_objects: {
    propagation: string;
    cluster: string;
    api_version: string;
    kind: string;
    namespace: string;
    name: string;
    uid: string | null;
    created: number;
    applied_generation: number;
    state: string;
    reason: string | null;
    reason_code: string | null;
    reason_params: string | null;
    last_applied_at: number | null;
  };
  propagation_events: {
    id: string;
    at: number;
    propagation: string;
    cluster: string | null;
    type: string;
    reason: string;
    message: string;
    message_code: string | null;
    message_params: string | null;
    object: string | null;
  };
};

type Tables = PropagationDatabase;

/** PostgreSQL may hand back a bigint column as a string; SQLite as a number. */
const int = (value: number | string) => Number(value);
const dateOf = (value: number | string | null) => (value === null ? null : new Date(int(value)));
const msOf = (value: Date | null) => (value === null ? null : value.getTime());

function toPropagation(row: Selectable<Tables['propagations']>): StoredPropagation {
  return {
    name: row.name,
    document: JSON.parse(row.document),
    generation: int(row.generation),
    observedGeneration: int(row.observed_generation),
    createdBy: row.created_by,
    createdAt: new Date(int(row.created_at)),
    updatedBy: row.updated_by,
    updatedAt: new Date(int(row.updated_at)),
    deleting: int(row.deleting) === 1,
    failover: row.failover ? (JSON.parse(row.failover) as Record<string, unknown>) : {},
  };
}

/** A stored code and its JSON values, as the field `key`; nothing when there is no code. */
function wordingOf<K extends string>(key: K, code: string | null, params: string | null) {
  if (!code) return {};
  const wording: PropagationWording = {
    code: code as PropagationWording['code'],
    params: params ? (JSON.parse(params) as PropagationWording['params']) : {},
  };
  return { [key]: wording } as Record<K, PropagationWording>;
}

/** The columns of a code and its values. */
const columnsOf = (wording: PropagationWording | null | undefined) => ({
  code: wording?.code ?? null,
  params: wording ? JSON.stringify(wording.params) : null,
});

function toTarget(row: Selectable<Tables['propagation_targets']>): StoredTarget {
  return {
    propagation: row.propagation,
    cluster: row.cluster,
    state: row.state as TargetState,
    reason: row.reason,
    ...wordingOf('reasonWording', row.reason_code, row.reason_params),
    replicas: row.replicas === null ? null : int(row.replicas),
    movedIn: int(row.moved_in),
    movedOut: int(row.moved_out),
    offlineSince: dateOf(row.offline_since),
    lastAppliedAt: dateOf(row.last_applied_at),
  };
}

function toObject(row: Selectable<Tables['propagation_objects']>): OwnedObject {
  return {
    propagation: row.propagation,
    cluster: row.cluster,
    apiVersion: row.api_version,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    uid: row.uid,
    created: int(row.created) === 1,
    appliedGeneration: int(row.applied_generation),
    state: row.state as TargetState,
    reason: row.reason,
    ...wordingOf('reasonWording', row.reason_code, row.reason_params),
    lastAppliedAt: dateOf(row.last_applied_at),
  };
}

function toEvent(row: Selectable<Tables['propagation_events']>): StoredEvent {
  return {
    id: row.id,
    at: new Date(int(row.at)),
    propagation: row.propagation,
    cluster: row.cluster,
    type: row.type as StoredEvent['type'],
    reason: row.reason,
    message: row.message,
    ...wordingOf('messageWording', row.message_code, row.message_params),
    object: row.object,
  };
}

/** A page of events ends at its last row; the next starts below it. */
const cursorOf = (event: StoredEvent) =>
  Buffer.from(JSON.stringify([event.at.getTime(), event.id])).toString('base64url');

function cursorPosition(cursor: string): { at: number; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (Number.isSafeInteger(at) && typeof id === 'string') return { at: at as number, id };
  } catch {
    // Answered below.
  }
  throw new StoreError('invalid', 'the cursor is not one this server gave; start from the first page');
}

export function createSqlPropagationStore(db: Kysely<PropagationDatabase>): PropagationStore {
  const getRow = (name: string, trx: Kysely<PropagationDatabase> = db) =>
    trx.selectFrom('propagations').selectAll().where('name', '=', name).executeTakeFirst();
  const objectKey = (key: ObjectKey) => ({
    propagation: key.propagation,
    cluster: key.cluster,
    api_version: key.apiVersion,
    kind: key.kind,
    namespace: key.namespace,
    name: key.name,
  });

  return {
    async list() {
      const rows = await db.selectFrom('propagations').selectAll().orderBy('name').execute();
      return rows.map(toPropagation);
    },
    async versions() {
      const rows = await db
        .selectFrom('propagations')
        .select(['name', 'generation', 'updated_at', 'deleting'])
        .orderBy('name')
        .execute();
      return rows.map((row) => ({
        name: row.name,
        version: `${int(row.updated_at)}|${int(row.generation)}|${int(row.deleting)}`,
      }));
    },
    async get(name) {
      const row = await getRow(name);
      return row ? toPropagation(row) : undefined;
    },
    save(input) {
      return db.transaction().execute(async (trx) => {
        const existing = await getRow(input.name, trx);
        const at = input.at.getTime();
        if (!existing) {
          const row = {
            name: input.name,
            document: '',
            generation: 1,
            observed_generation: 0,
            created_by: input.by,
            created_at: at,
            updated_by: input.by,
            updated_at: at,
            deleting: 0,
            failover: null,
          };
          row.document = JSON.stringify(withGeneration(input.document, 1));
          await trx.insertInto('propagations').values(row).execute();
          return { propagation: toPropagation(row), created: true };
        }
        const stored = toPropagation(existing);
        if (stored.deleting)
          throw new StoreError(
            'conflict',
            `propagation "${input.name}" is being deleted; wait until it is gone, then create it again`,
          );
        if (input.expectedGeneration !== undefined && input.expectedGeneration !== stored.generation)
          throw new StoreError(
            'conflict',
            `propagation "${input.name}" is at generation ${stored.generation}, not ${input.expectedGeneration}: ` +
              'someone changed it since you read it; read it again and apply your change to that',
          );
        const specChanged =
          JSON.stringify(canonical((stored.document as { spec?: unknown }).spec)) !== input.specKey;
        const generation = stored.generation + (specChanged ? 1 : 0);
        const document = JSON.stringify(withGeneration(input.document, generation));
        await trx
          .updateTable('propagations')
          .set({ document, generation, updated_by: input.by, updated_at: at })
          .where('name', '=', input.name)
          .execute();
        const saved = await getRow(input.name, trx);
        if (!saved) throw new StoreError('not-found', `propagation "${input.name}" vanished while saving`);
        return { propagation: toPropagation(saved), created: false };
      });
    },
    async markDeleting(name, by, at) {
      await db
        .updateTable('propagations')
        .set({ deleting: 1, updated_by: by, updated_at: at.getTime() })
        .where('name', '=', name)
        .execute();
      const row = await getRow(name);
      return row ? toPropagation(row) : undefined;
    },
    async delete(name) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('propagation_objects').where('propagation', '=', name).execute();
        await trx.deleteFrom('propagation_targets').where('propagation', '=', name).execute();
        await trx.deleteFrom('propagation_events').where('propagation', '=', name).execute();
        await trx.deleteFrom('propagations').where('name', '=', name).execute();
      });
    },
    async setObserved(name, generation) {
      await db
        .updateTable('propagations')
        .set({ observed_generation: generation })
        .where('name', '=', name)
        .execute();
    },
    async setFailover(name, failover) {
      await db
        .updateTable('propagations')
        .set({ failover: JSON.stringify(failover) })
        .where('name', '=', name)
        .execute();
    },

    async targets(name) {
      const rows = await db
        .selectFrom('propagation_targets')
        .selectAll()
        .$if(name !== undefined, (q) => q.where('propagation', '=', name ?? ''))
        .orderBy('propagation')
        .orderBy('cluster')
        .execute();
      return rows.map(toTarget);
    },
    async putTarget(target) {
      const values = {
        state: target.state,
        reason: target.reason,
        reason_code: columnsOf(target.reasonWording).code,
        reason_params: columnsOf(target.reasonWording).params,
        replicas: target.replicas,
        moved_in: target.movedIn,
        moved_out: target.movedOut,
        offline_since: msOf(target.offlineSince),
        last_applied_at: msOf(target.lastAppliedAt),
      };
      await db
        .insertInto('propagation_targets')
        .values({ propagation: target.propagation, cluster: target.cluster, ...values })
        .onConflict((oc) => oc.columns(['propagation', 'cluster']).doUpdateSet(values))
        .execute();
    },
    async deleteTarget(propagation, cluster) {
      await db
        .deleteFrom('propagation_targets')
        .where('propagation', '=', propagation)
        .where('cluster', '=', cluster)
        .execute();
    },

    async objects(filter) {
      const rows = await db
        .selectFrom('propagation_objects')
        .selectAll()
        .$if(filter.propagation !== undefined, (q) => q.where('propagation', '=', filter.propagation ?? ''))
        .$if(filter.cluster !== undefined, (q) => q.where('cluster', '=', filter.cluster ?? ''))
        .orderBy('propagation')
        .orderBy('cluster')
        .orderBy('kind')
        .orderBy('namespace')
        .orderBy('name')
        .execute();
      return rows.map(toObject);
    },
    async putObject(object) {
      const values = {
        uid: object.uid,
        created: object.created ? 1 : 0,
        applied_generation: object.appliedGeneration,
        state: object.state,
        reason: object.reason,
        reason_code: columnsOf(object.reasonWording).code,
        reason_params: columnsOf(object.reasonWording).params,
        last_applied_at: msOf(object.lastAppliedAt),
      };
      await db
        .insertInto('propagation_objects')
        .values({ ...objectKey(object), ...values })
        .onConflict((oc) =>
          oc
            .columns(['propagation', 'cluster', 'api_version', 'kind', 'namespace', 'name'])
            .doUpdateSet(values),
        )
        .execute();
    },
    async deleteObject(key) {
      const where = objectKey(key);
      await db
        .deleteFrom('propagation_objects')
        .where('propagation', '=', where.propagation)
        .where('cluster', '=', where.cluster)
        .where('api_version', '=', where.api_version)
        .where('kind', '=', where.kind)
        .where('namespace', '=', where.namespace)
        .where('name', '=', where.name)
        .execute();
    },

    async addEvent(event) {
      await db
        .insertInto('propagation_events')
        .values({
          id: event.id,
          at: event.at.getTime(),
          propagation: event.propagation,
          cluster: event.cluster,
          type: event.type,
          reason: event.reason,
          message: event.message.slice(0, 2000),
          message_code: columnsOf(event.messageWording).code,
          message_params: columnsOf(event.messageWording).params,
          object: event.object,
        })
        .execute();
    },
    async events(name, query) {
      const after = query.cursor === undefined ? undefined : cursorPosition(query.cursor);
      const rows = await db
        .selectFrom('propagation_events')
        .selectAll()
        .where('propagation', '=', name)
        .$if(query.cluster !== undefined, (q) => q.where('cluster', '=', query.cluster ?? ''))
        .$if(after !== undefined, (q) =>
          q.where((eb) =>
            eb.or([
              eb('at', '<', after?.at ?? 0),
              eb.and([eb('at', '=', after?.at ?? 0), eb('id', '<', after?.id ?? '')]),
            ]),
          ),
        )
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit + 1)
        .execute();
      const items = rows.slice(0, query.limit).map(toEvent);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > query.limit && last ? cursorOf(last) : null };
    },
    async prune(before) {
      const result = await db
        .deleteFrom('propagation_events')
        .where('at', '<', before.getTime())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/** The document with metadata.generation set to the stored generation. */
function withGeneration(document: unknown, generation: number): unknown {
  const doc = document as { metadata?: Record<string, unknown> };
  return { ...doc, metadata: { ...doc.metadata, generation } };
}

/** A value with object keys sorted, so the same spec always gives the same JSON. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  return value;
}

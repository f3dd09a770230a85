import { type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import { escapeLike } from '../resources/search-plan.ts';
import type {
  DeliveryFilter,
  NotificationStore,
  StoredDelivery,
  StoredGroup,
  StoredPolicy,
  StoredReceiver,
} from './notification-store.ts';

/** The tables of migration 0020, as Kysely sees them. */
export type NotificationDatabase = {
  notification_receivers: {
    name: string;
    type: string;
    spec: string;
    sealed: string | null;
    updated_by: string;
    updated_at: number;
  };
  notification_policies: {
    name: string;
    position: number;
    spec: string;
    updated_by: string;
    updated_at: number;
  };
  notification_deliveries: {
    id: string;
    receiver: string;
    policy: string | null;
    kind: string;
    group_labels: string;
    alerts: string;
    at: number;
    ok: number;
    pending: number;
    attempts: string;
    title: string | null;
  };
  notification_groups: {
    policy: string;
    group_key: string;
    labels: string;
    firing: string;
    waiting_since: number | null;
    last_sent_at: number | null;
    updated_at: number;
  };
};

type Tables = NotificationDatabase;

/** PostgreSQL may hand back a bigint column as a string; SQLite as a number. */
const int = (value: number | string) => Number(value);
const dateOf = (value: number | string | null) => (value === null ? null : new Date(int(value)));

const toReceiver = (row: Selectable<Tables['notification_receivers']>): StoredReceiver => ({
  name: row.name,
  type: row.type,
  spec: JSON.parse(row.spec),
  sealed: row.sealed,
  updatedBy: row.updated_by,
  updatedAt: new Date(int(row.updated_at)),
});

const toPolicy = (row: Selectable<Tables['notification_policies']>): StoredPolicy => ({
  name: row.name,
  position: int(row.position),
  spec: JSON.parse(row.spec),
  updatedBy: row.updated_by,
  updatedAt: new Date(int(row.updated_at)),
});

const toDelivery = (row: Selectable<Tables['notification_deliveries']>): StoredDelivery => ({
  id: row.id,
  receiver: row.receiver,
  policy: row.policy,
  kind: row.kind as StoredDelivery['kind'],
  group: JSON.parse(row.group_labels),
  alerts: JSON.parse(row.alerts),
  at: new Date(int(row.at)),
  ok: int(row.ok) === 1,
  pending: int(row.pending) === 1,
  attempts: JSON.parse(row.attempts),
  title: row.title,
});

const toGroup = (row: Selectable<Tables['notification_groups']>): StoredGroup => ({
  policy: row.policy,
  key: row.group_key,
  labels: JSON.parse(row.labels),
  firing: JSON.parse(row.firing),
  waitingSince: dateOf(row.waiting_since),
  lastSentAt: dateOf(row.last_sent_at),
  updatedAt: new Date(int(row.updated_at)),
});

export function createSqlNotificationStore(db: Kysely<NotificationDatabase>): NotificationStore {
  /** Inserts or replaces a row keyed by name; answers whether it was new. */
  const upsertByName = <T extends 'notification_receivers' | 'notification_policies'>(
    table: T,
    row: Tables[T] & { name: string },
  ) =>
    db.transaction().execute(async (trx) => {
      // One shape for both tables: Kysely cannot follow a table chosen by a type parameter.
      const typed = trx as unknown as Kysely<{ t: { name: string } }>;
      const found = await typed
        .selectFrom(table as unknown as 't')
        .select('name')
        .where('name', '=', row.name)
        .executeTakeFirst();
      await typed
        .insertInto(table as unknown as 't')
        .values(row)
        .onConflict((conflict) => conflict.column('name').doUpdateSet(row))
        .execute();
      return { created: !found };
    });

  return {
    async listReceivers() {
      const rows = await db.selectFrom('notification_receivers').selectAll().orderBy('name').execute();
      return rows.map(toReceiver);
    },
    async getReceiver(name) {
      const row = await db
        .selectFrom('notification_receivers')
        .selectAll()
        .where('name', '=', name)
        .executeTakeFirst();
      return row && toReceiver(row);
    },
    async putReceiver(receiver) {
      const row = {
        name: receiver.name,
        type: receiver.type,
        spec: JSON.stringify(receiver.spec),
        sealed: receiver.sealed,
        updated_by: receiver.updatedBy,
        updated_at: receiver.updatedAt.getTime(),
      };
      return upsertByName('notification_receivers', row);
    },
    async deleteReceiver(name) {
      const result = await db
        .deleteFrom('notification_receivers')
        .where('name', '=', name)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async listPolicies() {
      const rows = await db
        .selectFrom('notification_policies')
        .selectAll()
        .orderBy('position')
        .orderBy('name')
        .execute();
      return rows.map(toPolicy);
    },
    async getPolicy(name) {
      const row = await db
        .selectFrom('notification_policies')
        .selectAll()
        .where('name', '=', name)
        .executeTakeFirst();
      return row && toPolicy(row);
    },
    async putPolicy(policy) {
      const row = {
        name: policy.name,
        position: policy.position,
        spec: JSON.stringify(policy.spec),
        updated_by: policy.updatedBy,
        updated_at: policy.updatedAt.getTime(),
      };
      return upsertByName('notification_policies', row);
    },
    async deletePolicy(name) {
      return db.transaction().execute(async (trx) => {
        await trx.deleteFrom('notification_groups').where('policy', '=', name).execute();
        const result = await trx
          .deleteFrom('notification_policies')
          .where('name', '=', name)
          .executeTakeFirst();
        return Number(result.numDeletedRows) > 0;
      });
    },
    async saveDelivery(delivery) {
      const row = {
        id: delivery.id,
        receiver: delivery.receiver,
        policy: delivery.policy,
        kind: delivery.kind,
        group_labels: JSON.stringify(delivery.group),
        alerts: JSON.stringify(delivery.alerts),
        at: delivery.at.getTime(),
        ok: delivery.ok ? 1 : 0,
        pending: delivery.pending ? 1 : 0,
        attempts: JSON.stringify(delivery.attempts),
        title: delivery.title,
      };
      await db
        .insertInto('notification_deliveries')
        .values(row)
        .onConflict((conflict) => conflict.column('id').doUpdateSet(row))
        .execute();
    },
    async listDeliveries(filter: DeliveryFilter) {
      const rows = await db
        .selectFrom('notification_deliveries')
        .selectAll()
        .$if(filter.receiver !== undefined, (q) => q.where('receiver', '=', filter.receiver ?? ''))
        .$if(filter.policy !== undefined, (q) => q.where('policy', '=', filter.policy ?? ''))
        .$if(filter.ok !== undefined, (q) => q.where('ok', '=', filter.ok ? 1 : 0))
        // Alert ids are JSON strings in the list: match the quoted id.
        .$if(filter.alert !== undefined, (q) =>
          q.where(
            sql<SqlBool>`alerts like ${`%${escapeLike(JSON.stringify(filter.alert ?? ''))}%`} escape '\\'`,
          ),
        )
        .$if(filter.before !== undefined, (q) => q.where('id', '<', filter.before ?? ''))
        .orderBy('id', 'desc')
        .limit(filter.limit)
        .execute();
      return rows.map(toDelivery);
    },
    async pruneDeliveries(before) {
      const result = await db
        .deleteFrom('notification_deliveries')
        .where('at', '<', before.getTime())
        .where('pending', '=', 0)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async listGroups() {
      const rows = await db.selectFrom('notification_groups').selectAll().execute();
      return rows.map(toGroup);
    },
    async saveGroup(group) {
      const row = {
        policy: group.policy,
        group_key: group.key,
        labels: JSON.stringify(group.labels),
        firing: JSON.stringify(group.firing),
        waiting_since: group.waitingSince?.getTime() ?? null,
        last_sent_at: group.lastSentAt?.getTime() ?? null,
        updated_at: group.updatedAt.getTime(),
      };
      await db
        .insertInto('notification_groups')
        .values(row)
        .onConflict((conflict) => conflict.columns(['policy', 'group_key']).doUpdateSet(row))
        .execute();
    },
    async deleteGroup(policy, key) {
      await db
        .deleteFrom('notification_groups')
        .where('policy', '=', policy)
        .where('group_key', '=', key)
        .execute();
    },
  };
}

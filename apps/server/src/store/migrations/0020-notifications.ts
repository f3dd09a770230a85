import type { Kysely } from 'kysely';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Migration 0020: notifications. Receivers keep their public settings as JSON text and their secrets
 * (URL with token, signing secret, headers, SMTP password) sealed by the credential cipher in one blob.
 * Policies keep their spec as JSON text with its order in a column. Deliveries keep every attempt (JSON
 * text) and the alert ids of the message. Groups are the dispatcher's memory per policy and group key
 * (what was sent, when, and since when one waits), so a replica taking over neither resends everything
 * nor loses a pending message. Times are epoch milliseconds.
 */
export async function addNotifications(db: Kysely<unknown>, _dialect: SqlDialect): Promise<void> {
  await db.schema
    .createTable('notification_receivers')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('spec', 'text', (c) => c.notNull())
    .addColumn('sealed', 'text')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('notification_policies')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('spec', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('notification_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('receiver', 'text', (c) => c.notNull())
    .addColumn('policy', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('group_labels', 'text', (c) => c.notNull())
    .addColumn('alerts', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('pending', 'integer', (c) => c.notNull())
    .addColumn('attempts', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .execute();
  await db.schema
    .createIndex('notification_deliveries_by_receiver')
    .on('notification_deliveries')
    .columns(['receiver', 'id'])
    .execute();
  await db.schema
    .createTable('notification_groups')
    .addColumn('policy', 'text', (c) => c.notNull())
    .addColumn('group_key', 'text', (c) => c.notNull())
    .addColumn('labels', 'text', (c) => c.notNull())
    .addColumn('firing', 'text', (c) => c.notNull())
    .addColumn('waiting_since', 'bigint')
    .addColumn('last_sent_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_groups_pk', ['policy', 'group_key'])
    .execute();
}

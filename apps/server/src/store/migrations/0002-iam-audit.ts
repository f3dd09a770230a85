import { type Kysely, sql } from 'kysely';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Migration 0002: identity and audit tables. Released migrations are never edited; a change is a new
 * migration. Times are epoch ms, booleans 0/1, lists JSON text, in both dialects.
 */
export async function createIamAndAuditTables(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const pg = dialect === 'postgres';
  const millis = sql.raw(pg ? 'bigint' : 'integer');

  await db.schema
    .createTable('iam_users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('oidc_subject', 'text', (c) => c.unique())
    .addColumn('disabled', 'integer', (c) => c.notNull())
    .addColumn('external_groups', 'text', (c) => c.notNull())
    .addColumn('created_at', millis, (c) => c.notNull())
    .addColumn('updated_at', millis, (c) => c.notNull())
    .addColumn('last_login_at', millis)
    .execute();

  await db.schema
    .createTable('iam_groups')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_at', millis, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('iam_group_members')
    .addColumn('group_name', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('iam_group_members_pk', ['group_name', 'user_id'])
    .execute();
  await db.schema
    .createIndex('iam_group_members_by_user')
    .on('iam_group_members')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('iam_workspaces')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_at', millis, (c) => c.notNull())
    .execute();
  // The key makes "a namespace belongs to at most one workspace" a constraint, not a check.
  await db.schema
    .createTable('iam_workspace_namespaces')
    .addColumn('cluster', 'text', (c) => c.notNull())
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('workspace', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('iam_workspace_namespaces_pk', ['cluster', 'namespace'])
    .execute();

  // Scope columns are '' where they do not apply, so the unique constraint covers every level.
  await db.schema
    .createTable('iam_role_bindings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('workspace', 'text', (c) => c.notNull())
    .addColumn('cluster', 'text', (c) => c.notNull())
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('created_at', millis, (c) => c.notNull())
    .addUniqueConstraint('iam_role_bindings_unique', [
      'subject_kind',
      'subject_name',
      'role',
      'level',
      'workspace',
      'cluster',
      'namespace',
    ])
    .execute();

  await db.schema
    .createTable('iam_sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('created_at', millis, (c) => c.notNull())
    .addColumn('last_seen_at', millis, (c) => c.notNull())
    .addColumn('expires_at', millis, (c) => c.notNull())
    .addColumn('source_ip', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('iam_sessions_by_user').on('iam_sessions').column('user_id').execute();

  await db.schema
    .createTable('iam_api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_at', millis, (c) => c.notNull())
    .addColumn('expires_at', millis, (c) => c.notNull())
    .addColumn('last_used_at', millis)
    .addColumn('revoked_at', millis)
    .execute();
  await db.schema.createIndex('iam_api_tokens_by_user').on('iam_api_tokens').column('user_id').execute();

  await db.schema
    .createTable('iam_login_throttles')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', millis, (c) => c.notNull())
    .addColumn('previous_failure_at', millis)
    .execute();

  await db.schema
    .createTable('iam_oidc_logins')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('return_to', 'text', (c) => c.notNull())
    .addColumn('expires_at', millis, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_records')
    .addColumn('id', pg ? 'bigint' : 'integer', (c) =>
      pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('at', millis, (c) => c.notNull())
    .addColumn('actor', 'text')
    .addColumn('credential', 'text')
    .addColumn('source_ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('verb', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('resource_kind', 'text')
    .addColumn('resource_name', 'text')
    .addColumn('cluster', 'text')
    .addColumn('namespace', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('detail', 'text')
    .execute();
  // Pages are newest first by id; these serve the common filters and pruning by age.
  await db.schema.createIndex('audit_records_by_at').on('audit_records').column('at').execute();
  await db.schema
    .createIndex('audit_records_by_actor')
    .on('audit_records')
    .columns(['actor', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_records_by_cluster')
    .on('audit_records')
    .columns(['cluster', 'namespace', 'id'])
    .execute();
}

import { type Kysely, sql } from 'kysely';
import { type Migration, Migrator } from 'kysely/migration';
import { createInitialTables } from './0001-initial.ts';
import { createIamAndAuditTables } from './0002-iam-audit.ts';
import { addPodRequests } from './0003-pod-requests.ts';
import { addNamespaceCounts } from './0004-namespace-counts.ts';
import { moveObjects } from './0005-resource-objects.ts';
import { maskStoredSecrets } from './0006-masked-secrets.ts';
import { addReplicaLeases } from './0007-replica-leases.ts';
import { addPlaceCreatedIndex } from './0008-place-created-index.ts';
import { storeObjectsAsText } from './0009-objects-as-text.ts';
import { addPlaceNameIndex } from './0010-place-name-index.ts';
import { keepObjectsInline } from './0011-objects-inline.ts';
import { rewriteWorkloadWords } from './0012-workload-health-words.ts';
import { addJobs } from './0013-jobs.ts';
import { addChartRepositories } from './0014-chart-repositories.ts';
import { addTerminalSessions } from './0015-terminal-sessions.ts';
import { addPropagations } from './0016-propagations.ts';
import { addMultiClusterServices } from './0017-multicluster-services.ts';
import { addMetricsEngine } from './0018-metrics-engine.ts';
import { addAlerting } from './0019-alerting.ts';
import { addNotifications } from './0020-notifications.ts';
import { addInspections } from './0021-inspections.ts';
import { addLifecycle } from './0022-lifecycle.ts';
import { addBackups } from './0023-backups.ts';
import { addLabelIndex } from './0024-label-index.ts';
import { addClusterReasonCodes } from './0025-cluster-reason-codes.ts';
import { addSyncReasonCodes } from './0026-sync-reason-codes.ts';
import { addPropagationReasonCodes } from './0027-propagation-reason-codes.ts';
import { addAlertTextCodes } from './0028-alert-text-codes.ts';
import { addJobErrorCodes } from './0029-job-error-codes.ts';
import { addAlertEventCodes } from './0030-alert-event-codes.ts';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * The schema, one migration per change in order, each in its own file named as the migration and
 * never edited once released. Both dialects get the same tables; see each migration for how they differ.
 */
function migrations(dialect: SqlDialect): Record<string, Migration> {
  return {
    '0001-initial': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => createInitialTables(db, dialect)),
    },
    '0002-iam-audit': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => createIamAndAuditTables(db, dialect)),
    },
    '0003-pod-requests': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => addPodRequests(db, dialect)),
    },
    '0004-namespace-counts': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => addNamespaceCounts(db, dialect)),
    },
    '0005-resource-objects': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => moveObjects(db, dialect)),
    },
    '0006-masked-secrets': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => maskStoredSecrets(db, dialect)),
    },
    '0007-replica-leases': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => addReplicaLeases(db, dialect)),
    },
    '0008-place-created-index': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => addPlaceCreatedIndex(db, dialect)),
    },
    '0009-objects-as-text': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => storeObjectsAsText(db, dialect)),
    },
    '0010-place-name-index': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => addPlaceNameIndex(db, dialect)),
    },
    '0011-objects-inline': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => keepObjectsInline(db, dialect)),
    },
    '0012-workload-health-words': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => rewriteWorkloadWords(db, dialect)),
    },
    '0013-jobs': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => addJobs(db, dialect)),
    },
    '0014-chart-repositories': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => addChartRepositories(db, dialect)),
    },
    '0015-terminal-sessions': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => addTerminalSessions(db, dialect)),
    },
    '0017-multicluster-services': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => addMultiClusterServices(db, dialect)),
    },
    '0016-propagations': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => addPropagations(db, dialect)),
    },
    '0018-metrics-engine': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => addMetricsEngine(db, dialect)),
    },
    '0019-alerting': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => addAlerting(db, dialect)),
    },
    '0021-inspections': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => addInspections(db, dialect)),
    },
    '0020-notifications': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => addNotifications(db, dialect)),
    },
    '0022-lifecycle': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => addLifecycle(db, dialect)),
    },
    '0023-backups': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => addBackups(db, dialect)),
    },
    '0024-label-index': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => addLabelIndex(db, dialect)),
    },
    '0025-cluster-reason-codes': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => addClusterReasonCodes(db, dialect)),
    },
    '0026-sync-reason-codes': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => addSyncReasonCodes(db, dialect)),
    },
    '0027-propagation-reason-codes': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => addPropagationReasonCodes(db, dialect)),
    },
    '0028-alert-text-codes': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => addAlertTextCodes(db, dialect)),
    },
    '0029-job-error-codes': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => addJobErrorCodes(db, dialect)),
    },
    '0030-alert-event-codes': {
      up: (db: Kysely<unknown>) => atomically(db, dialect, () => addAlertEventCodes(db, dialect)),
    },
  };
}

/** Kysely runs PostgreSQL migrations in a transaction but not SQLite's, though SQLite's DDL is transactional. */
async function atomically(db: Kysely<unknown>, dialect: SqlDialect, up: () => Promise<void>): Promise<void> {
  if (dialect === 'postgres') return up();
  await sql`begin`.execute(db);
  try {
    await up();
    await sql`commit`.execute(db);
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  }
}

/** Brings the schema to the latest version; fails with the migration that broke and why. */
export async function migrateToLatest(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  // Kysely looks for its bookkeeping tables in every schema unless told which: name the one in use, so
  // another schema's copy (another Portolan, another test) is not mistaken for ours.
  const schema =
    dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations(dialect) },
    ...(schema && { migrationTableSchema: schema }),
  });
  let { error, results } = await migrator.migrateToLatest();
  // Kysely's introspection reads every schema's tables; a schema, table or column dropped meanwhile by
  // another client (invalid_schema_name 3F000, undefined_table 42P01, seen when tests drop their schemas
  // in parallel; undefined_column 42703, when another schema's migration dropped a column between the
  // catalog read and pg_get_serial_sequence) fails that read, not our migration: try again. A
  // migration failing on its own table fails the same way each time and is reported below.
  for (
    let attempt = 0;
    attempt < 3 && (error as { cause?: { code?: string }; code?: string } | undefined);
    attempt++
  ) {
    const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
    if (code !== '3F000' && code !== '42P01' && code !== '42703') break;
    ({ error, results } = await migrator.migrateToLatest());
  }
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `store: migration ${failed} failed on ${dialect}: ${reason}. The database is unchanged by that ` +
        'migration; fix the cause (permissions, disk space, a newer schema from a newer Portolan) and start again.',
      { cause: error },
    );
  }
}

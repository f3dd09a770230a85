import { type Kysely, sql } from 'kysely';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Migration 0012: a workload's status word became its health in words (Available, Progressing,
 * Degraded, Paused, Suspended, Complete), the same words the console shows and filters by, and an
 * event's became its type (Normal, Warning), so the events list filters by type on the server. Rows stored
 * before keep Ready/NotReady/Running/Failed, and a relist leaves rows of an unchanged resourceVersion as
 * they are; their resourceVersion is blanked so the next list of each cluster (at start-up) rewrites
 * them, with their counts, through the one code path that computes the word.
 */
export async function rewriteWorkloadWords(db: Kysely<unknown>, _dialect: SqlDialect): Promise<void> {
  await sql`
    update resources set resource_version = ''
    where type_id in (
      select id from resource_types
      where (api_group = 'apps' and resource in ('deployments', 'statefulsets', 'daemonsets'))
         or (api_group = 'batch' and resource in ('jobs', 'cronjobs'))
         or (api_group in ('', 'events.k8s.io') and resource = 'events')
    )`.execute(db);
}

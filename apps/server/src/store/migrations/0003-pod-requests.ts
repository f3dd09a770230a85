import { type Kysely, sql } from 'kysely';
import { heldRequest, podRequest } from '../resources/pod-requests.ts';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Migration 0003: each pod row keeps its effective request (so a change knows what the old version
 * held without reading its object), and pod_requests the sums per (cluster, namespace). Pods stored
 * before are filled in here, a page at a time, from their objects.
 */
export async function addPodRequests(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const pg = dialect === 'postgres';
  await db.schema.alterTable('resources').addColumn('cpu_request', 'bigint').execute();
  await db.schema.alterTable('resources').addColumn('memory_request', 'bigint').execute();
  let table = db.schema
    .createTable('pod_requests')
    .addColumn('cluster_id', 'text', (c) => c.notNull())
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('pods', 'bigint', (c) => c.notNull())
    .addColumn('cpu_millicores', 'bigint', (c) => c.notNull())
    .addColumn('memory_bytes', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('pod_requests_pk', ['cluster_id', 'namespace']);
  if (!pg) table = table.modifyEnd(sql`without rowid`);
  await table.execute();

  const { rows: types } = await sql<{ id: number }>`
    select id from resource_types where api_group = '' and resource = 'pods'`.execute(db);
  if (types.length === 0) return;
  const typeIds = types.map((t) => Number(t.id));
  const sums = new Map<
    string,
    { clusterId: string; namespace: string; pods: number; cpu: number; memory: number }
  >();
  let after = -1;
  for (;;) {
    const { rows } = await sql<{
      id: number;
      cluster_id: string;
      namespace: string;
      phase: string | null;
      object: unknown;
    }>`select id, cluster_id, namespace, phase, object from resources
       where type_id in (${sql.join(typeIds)}) and id > ${after} order by id limit 1000`.execute(db);
    if (rows.length === 0) break;
    after = Number(rows.at(-1)?.id);
    const values = [];
    for (const row of rows) {
      const object = typeof row.object === 'string' ? JSON.parse(row.object) : row.object;
      const request = podRequest(object);
      values.push(
        sql`(cast(${Number(row.id)} as bigint), cast(${request.cpuMillicores} as bigint), cast(${request.memoryBytes} as bigint))`,
      );
      const held = heldRequest(row.phase, request);
      if (held.pods === 0) continue;
      const key = `${row.cluster_id}\u0000${row.namespace}`;
      const sum = sums.get(key) ?? {
        clusterId: row.cluster_id,
        namespace: row.namespace,
        pods: 0,
        cpu: 0,
        memory: 0,
      };
      sum.pods += held.pods;
      sum.cpu += held.cpuMillicores;
      sum.memory += held.memoryBytes;
      sums.set(key, sum);
    }
    // VALUES columns are column1, column2, … in both dialects.
    await sql`update resources set cpu_request = v.column2, memory_request = v.column3
      from (values ${sql.join(values)}) as v where resources.id = v.column1`.execute(db);
  }
  const all = [...sums.values()];
  for (let i = 0; i < all.length; i += 500) {
    const part = all
      .slice(i, i + 500)
      .map((s) => sql`(${s.clusterId}, ${s.namespace}, ${s.pods}, ${s.cpu}, ${s.memory})`);
    await sql`insert into pod_requests (cluster_id, namespace, pods, cpu_millicores, memory_bytes)
      values ${sql.join(part)}`.execute(db);
  }
}

/**
 * Makes a PostgreSQL store filled by bench/search.bench.ts N times larger inside the database, for a
 * search run at ten million rows that a fill through the store could not reach in the time a session
 * has (1,500–5,000 rows/s on this machine). Each row gets N−1 copies in its own cluster and namespace,
 * named `<name>-r<k>` (uid and the object's metadata.name follow), so every search shape keeps its
 * shares: a namespace, a phase, a label holds N times the rows. The counts are multiplied to match.
 * The secondary indexes are dropped and built again afterwards, as a bulk load is done.
 *
 *   node bench/amplify.ts --database-url URL [--times 10]
 */
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values } = parseArgs({
  options: { 'database-url': { type: 'string' }, times: { type: 'string', default: '10' } },
});
const url = values['database-url'];
const times = Number(values.times);
if (!url || !Number.isInteger(times) || times < 2)
  throw new Error('give --database-url of a store filled by bench/search.bench.ts and --times 2 or more');

const log = (message: string) => process.stderr.write(`amplify: ${new Date().toISOString()} ${message}\n`);
const client = new pg.Client({ connectionString: url });
await client.connect();
const query = async (sql: string) => (await client.query(sql)).rows;

const [{ rows, top }] = (await query(
  'select count(*)::bigint as rows, max(id)::bigint as top from resources',
)) as [{ rows: string; top: string }];
log(`${rows} rows, ids up to ${top}; making ${times} times as many`);
const step = Number(top) + 1;
await query("set maintenance_work_mem = '1GB'");
const indexes = (await query(
  "select indexname, indexdef from pg_indexes where tablename = 'resources' and indexname <> 'resources_pkey'",
)) as { indexname: string; indexdef: string }[];
for (const index of indexes) await query(`drop index ${index.indexname}`);
log(`dropped ${indexes.length} secondary indexes`);

const columns =
  'cluster_id, type_id, namespace, name, uid, resource_version, labels, owner_uid, node_name, phase, created_at, synced_at, cpu_request, memory_request';
for (let k = 1; k < times; k++) {
  await query(`
    insert into resources (id, ${columns}) overriding system value
    select id + ${k * step}, cluster_id, type_id, namespace, name || '-r${k}', uid || '-r${k}', resource_version,
           labels, owner_uid, node_name, phase, created_at, synced_at, cpu_request, memory_request
    from resources where id < ${step}`);
  await query(`
    insert into resource_objects (id, object)
    select o.id + ${k * step}, jsonb_set(o.object::jsonb, '{metadata,name}', to_jsonb(r.name || '-r${k}'))::text
    from resource_objects o join resources r on r.id = o.id where o.id < ${step}`);
  log(`copy ${k} of ${times - 1} written`);
}
await query(`select setval(pg_get_serial_sequence('resources', 'id'), ${times * step})`);
await query(`update resource_counts set count = count * ${times}`);
await query(`update resource_namespace_counts set count = count * ${times}`);
for (const index of indexes) {
  await query(index.indexdef);
  log(`built ${index.indexname}`);
}
await query('vacuum analyze resources');
await query('vacuum analyze resource_objects');
const [{ size }] = (await query('select pg_size_pretty(pg_database_size(current_database())) as size')) as [
  { size: string },
];
log(`done: ${Number(rows) * times} rows, database ${size}`);
await client.end();

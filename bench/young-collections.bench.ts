/**
 * What a page-sized query leaves to V8's young-generation collections: 100 rows shaped like a search
 * page's, `--queries` times, through Kysely on a bare pg.Pool (pg's own promise-returning query) and
 * on the pool as the PostgreSQL store opens it (queries through pg's callback form), each in a child
 * process under `--trace-gc-nvp`. Prints and writes section "Young collections (PostgreSQL client)".
 *
 *   node bench/young-collections.bench.ts [--database-url postgresql://…] [--queries 6000]
 * Without --database-url, PORTOLAN_TEST_POSTGRES_URL (bash scripts/postgres.sh start); needs no table.
 */
import { parseArgs } from 'node:util';
import { youngCollections } from '../apps/server/src/store/testing/young-collections.ts';
import { createResults } from './report.ts';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    queries: { type: 'string', default: '6000' },
  },
});
const url = values['database-url'] ?? process.env.PORTOLAN_TEST_POSTGRES_URL;
if (!url) {
  process.stderr.write(
    'usage: node bench/young-collections.bench.ts --database-url URL [--queries N] (or set PORTOLAN_TEST_POSTGRES_URL)\n',
  );
  process.exit(2);
}
const queries = Number(values.queries);
const results = createResults((message) => process.stderr.write(`bench: ${message}\n`));
const describe = (measured: Awaited<ReturnType<typeof youngCollections>>) =>
  `${measured.count} collections, median pause ${measured.medianPause.toFixed(2)} ms, median ${(measured.medianKept / 1024).toFixed(0)} KB kept by each (copied or moved to the old generation)`;
for (let round = 1; round <= 2; round++) {
  results.row(
    `${queries.toLocaleString('en')} queries, bare pg.Pool (round ${round})`,
    describe(await youngCollections({ url, queries, plain: true })),
  );
  results.row(
    `${queries.toLocaleString('en')} queries, the store's pool (round ${round})`,
    describe(await youngCollections({ url, queries })),
  );
}
await results.publish(
  'Young collections (PostgreSQL client)',
  `node bench/young-collections.bench.ts --database-url postgresql://… --queries ${queries}`,
);

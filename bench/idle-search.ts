/**
 * A search after a quiet spell against searches in a row, on a filled store (search.bench.ts
 * --fill-only): a person clicking through the console pauses, the benchmarks never do. Prints the
 * time of each search; a pause longer than the PostgreSQL pool's idle limit used to cost a new
 * connection's set-up.
 *
 *   node bench/idle-search.ts --data-dir DIR [--database-url URL] [--pause-seconds 12]
 */
import { parseArgs } from 'node:util';
import { openStore } from '../apps/server/src/store/open-store.ts';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    'database-url': { type: 'string' },
    'pause-seconds': { type: 'string', default: '12' },
  },
});
if (!values['data-dir']) {
  process.stderr.write(
    'usage: node bench/idle-search.ts --data-dir DIR [--database-url URL] [--pause-seconds N]\n',
  );
  process.exit(2);
}
const store = await openStore({ dataDir: values['data-dir'], databaseUrl: values['database-url'] });
const pause = Number(values['pause-seconds']) * 1000;
const search = async (label: string) => {
  const started = performance.now();
  // What a search reads besides its page: the clusters, on another connection.
  await Promise.all([
    store.resources.search({ kinds: ['Pod'], namespaces: ['ns-3'], limit: 100, objects: 'none' }),
    store.clusters.list(),
  ]);
  process.stdout.write(`${label}: ${(performance.now() - started).toFixed(1)} ms\n`);
};
try {
  for (let i = 0; i < 5; i++) await search('in a row');
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, pause));
    await search(`after ${pause / 1000} s of quiet`);
    await search('in a row');
  }
} finally {
  await store.close();
}

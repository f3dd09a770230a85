/**
 * One Portolan server of search-ab.ts in a process of its own, as a replica runs: the two servers of a
 * side-by-side run then do not share a heap, so one's garbage collections do not pause the other, nor
 * the client. Serves the store of `--data-dir` (PostgreSQL's at `--database-url` when given) with the
 * code of the checkout `--code` (this one when absent),
 * writes `{ url, headers, tokens }` as one line of JSON on stdout once it answers, and stops when its
 * stdin closes. Node's options for it come before the script: `node --max-semi-space-size=32 …`.
 * With --gc-pauses FILE it writes its garbage-collection pauses there as JSON when it stops.
 *
 *   node bench/search-server.ts --data-dir DIR [--database-url URL] [--code DIR] [--gc-pauses FILE]
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { startHarness } from '../apps/server/src/testing/portolan-harness.ts';
import { recordGcPauses } from './gc-pauses.ts';
import { viewerTokens } from './search-shapes.ts';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    'database-url': { type: 'string' },
    code: { type: 'string', default: path.resolve(import.meta.dirname, '..') },
    'gc-pauses': { type: 'string' },
  },
});
const pauses = values['gc-pauses'] ? recordGcPauses() : [];
const { 'data-dir': dataDir, 'database-url': databaseUrl, code } = values;
if (!dataDir) {
  process.stderr.write(
    'usage: node bench/search-server.ts --data-dir DIR [--database-url URL] [--code DIR]\n',
  );
  process.exit(2);
}
const harnessOf = (await import(path.resolve(code, 'apps/server/src/testing/portolan-harness.ts'))) as {
  startHarness: typeof startHarness;
};
const harness = await harnessOf.startHarness({
  dataDir,
  args: [...(databaseUrl ? ['--database-url', databaseUrl] : []), '--probe-interval', '3600'],
});
const tokens = await viewerTokens(harness);
process.stdout.write(`${JSON.stringify({ url: harness.url, headers: harness.headers, tokens })}\n`);
process.stdin.resume();
process.stdin.on('end', async () => {
  if (values['gc-pauses']) writeFileSync(values['gc-pauses'], JSON.stringify(pauses));
  await harness.stop();
  process.exit(0);
});

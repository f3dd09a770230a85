/**
 * The search benchmark's client in a process of its own, as a browser or the CLI is: reads
 * `{ url, callers, runs }` as JSON on stdin, measures every search shape (search-measure.ts), and
 * writes the timings as JSON on stdout. search.bench.ts starts it unless told `--client in-process`.
 */
import { text } from 'node:stream/consumers';
import { type Callers, measureShapes } from './search-measure.ts';

const { url, callers, runs } = JSON.parse(await text(process.stdin)) as {
  url: string;
  callers: Callers;
  runs: number;
};
process.stdout.write(JSON.stringify(await measureShapes(url, callers, runs)));

import { spawn } from 'node:child_process';
import path from 'node:path';
import { SEARCH_SHAPES, type SearchShape } from './search-shapes.ts';

/**
 * One shape's timings: each request's milliseconds as the client saw them, the server's own part
 * of each (its Server-Timing header), and the items its pages held on average.
 */
export interface ShapeTimes {
  name: string;
  times: number[];
  /** When each request was sent, in milliseconds since the epoch. */
  starts: number[];
  serverTimes: number[];
  itemsPerPage: number;
}

/** The milliseconds of `app;dur=…` in a Server-Timing header, NaN without one. */
export const serverTiming = (header: string | null) =>
  Number(/app;dur=([\d.]+)/.exec(header ?? '')?.[1] ?? NaN);

/** Who asks: the administrator's and each Viewer's Authorization header. */
export type Callers = Record<SearchShape['caller'], string>;

/**
 * Times `runs` requests of each search shape through HTTP (after 20 not timed), as a client of the
 * server at `url`: the body of every answer is read and parsed, as a client's would be. A paging shape
 * asks each time for the page after the one before.
 */
export async function measureShapes(
  url: string,
  callers: Callers,
  runs: number,
  shapes: SearchShape[] = SEARCH_SHAPES,
): Promise<ShapeTimes[]> {
  const measured: ShapeTimes[] = [];
  for (const shape of shapes) {
    let token: string | undefined;
    let server = Number.NaN;
    const call = async (i: number) => {
      const response = await fetch(`${url}${shape.route(i, token)}`, {
        headers: { authorization: callers[shape.caller] },
      });
      const body = (await response.json()) as { items?: unknown[]; continue?: string };
      if (response.status !== 200)
        throw new Error(`${shape.name}: ${response.status} ${JSON.stringify(body)}`);
      if (shape.paging) token = body.continue;
      server = serverTiming(response.headers.get('server-timing'));
      return body.items?.length ?? 0;
    };
    for (let i = 0; i < 20; i++) await call(i);
    const times: number[] = [];
    const starts: number[] = [];
    const serverTimes: number[] = [];
    let items = 0;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      items += await call(i);
      times.push(performance.now() - started);
      starts.push(performance.timeOrigin + started);
      serverTimes.push(server);
    }
    measured.push({ name: shape.name, times, starts, serverTimes, itemsPerPage: items / runs });
  }
  return measured;
}

/**
 * The searches measured by a client in a process of its own (search-client.ts), as a browser or the
 * CLI is: its parsing of each answer does not hold up the server's thread, as it would in-process.
 */
export async function measureApart(url: string, callers: Callers, runs: number): Promise<ShapeTimes[]> {
  const client = spawn(process.execPath, [path.join(import.meta.dirname, 'search-client.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const chunks: Buffer[] = [];
  client.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  client.stdin.end(JSON.stringify({ url, callers, runs }));
  const code = await new Promise<number | null>((resolve) => client.on('exit', resolve));
  if (code !== 0) throw new Error(`the search client exited with ${code}`);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as ShapeTimes[];
}

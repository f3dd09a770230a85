import { spawn } from 'node:child_process';
import path from 'node:path';

/** A Portolan server of search-server.ts, in a process of its own. */
export interface ServerProcess {
  url: string;
  headers: Record<string, string>;
  tokens: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts search-server.ts with the code of the checkout `code` on the store of `dataDir` (PostgreSQL's
 * at `databaseUrl` when given); `nodeOptions` go to Node, `extraArgs` to the script.
 */
export async function serverProcess(options: {
  code: string;
  dataDir: string;
  databaseUrl?: string | undefined;
  nodeOptions?: string;
  extraArgs?: string[];
}): Promise<ServerProcess> {
  const script = path.resolve(import.meta.dirname, 'search-server.ts');
  const args = [
    ...(options.nodeOptions ?? '').split(' ').filter(Boolean),
    script,
    '--data-dir',
    options.dataDir,
    ...(options.databaseUrl ? ['--database-url', options.databaseUrl] : []),
    '--code',
    options.code,
    ...(options.extraArgs ?? []),
  ];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Node's own tracing (--trace-gc) may write on stdout too: the answer is the line that is ours.
  const started = await new Promise<Omit<ServerProcess, 'stop'>>((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const line = seen.split('\n').find((l) => l.startsWith('{"url"'));
      if (line) resolve(JSON.parse(line) as Omit<ServerProcess, 'stop'>);
    });
    child.once('exit', (code) =>
      reject(new Error(`the server of ${options.code} stopped (${code}) before it answered`)),
    );
  });
  return {
    ...started,
    async stop() {
      child.stdin.end();
      await exited;
    },
  };
}

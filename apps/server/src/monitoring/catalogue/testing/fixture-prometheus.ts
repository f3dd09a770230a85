import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '#server/monitoring/engine/prometheus-process.ts';

/**
 * A real Prometheus (Debian's, through scripts/prometheus.sh) scraping a local exposition every
 * second with honor_labels, so a test decides every series and label (cluster, namespace, pod…)
 * exactly as the metrics engine's would arrive, and runs the catalogue's PromQL against them.
 */
export interface FixturePrometheus {
  url: string;
  /** An instant query's vector (or refusal) as Prometheus answers it. */
  query(promql: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>>;
  stop(): Promise<void>;
}

const repoRoot = path.resolve(import.meta.dirname, '../../../../../..');

export async function prometheusBinary(): Promise<string> {
  const { stdout } = await promisify(execFile)('bash', [path.join(repoRoot, 'scripts/prometheus.sh')], {
    env: process.env,
  });
  return stdout.trim().split('\n').at(-1) ?? '';
}

/** Starts Prometheus scraping `exposition()` (text format, read at every scrape) each second. */
export async function startFixturePrometheus(
  exposition: () => string | Promise<string>,
): Promise<FixturePrometheus> {
  const target = http.createServer((_request, response) => {
    Promise.resolve()
      .then(exposition)
      .then(
        (text) => response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(text),
        (error: unknown) => response.writeHead(502).end(String(error)),
      );
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  const targetPort = (target.address() as net.AddressInfo).port;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'portolan-promql-'));
  const config = {
    global: { scrape_interval: '1s', evaluation_interval: '1s' },
    scrape_configs: [
      { job_name: 'fixture', honor_labels: true, static_configs: [{ targets: [`127.0.0.1:${targetPort}`] }] },
    ],
  };
  await writeFile(path.join(dir, 'prometheus.yml'), JSON.stringify(config));
  const port = await freePort('127.0.0.1');
  const child: ChildProcess = spawn(
    await prometheusBinary(),
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    target.close();
    await rm(dir, { recursive: true, force: true });
  };
  for (let waited = 0; ; waited += 100) {
    const ready = await fetch(`${url}/-/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (child.exitCode !== null || waited > 30_000) {
      await stop();
      throw new Error(`Prometheus did not start: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    stop,
    async query(promql) {
      const response = await fetch(`${url}/api/v1/query`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ query: promql }),
      });
      const body = (await response.json()) as { status: string; error?: string; data?: { result: unknown } };
      if (body.status !== 'success') throw new Error(`Prometheus refused ${promql}: ${body.error}`);
      return body.data?.result as Array<{ metric: Record<string, string>; value: [number, string] }>;
    },
  };
}

/** Text-format label values: backslash, quote and newline escaped. */
const labelValue = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** One exposition line. */
export function sample(name: string, labels: Record<string, string>, value: number): string {
  const text = Object.entries(labels)
    .map(([key, v]) => `${key}="${labelValue(v)}"`)
    .join(',');
  return `${name}{${text}} ${value}`;
}

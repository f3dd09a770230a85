import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { fetchText, type PrometheusEndpoint } from './prometheus-api.ts';

/** How Prometheus is started: its binary, files and limits. */
export interface PrometheusLaunch {
  binary: string;
  host: string;
  configFile: string;
  dataDir: string;
  retention: string;
  retentionBytes: number;
}

export interface RunningPrometheus {
  readonly pid: number;
  /** http://host:port */
  readonly url: string;
  /** Resolves with the exit code (or signal) when the process ends, for whatever reason. */
  readonly exited: Promise<string>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
  /** Its last lines of output, for messages about why it died. */
  lastLines(): string[];
}

/** A free TCP port on the host (Prometheus binds it a moment later; a clash is retried by the caller). */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Prometheus' start arguments: retention in time and size, the lifecycle API for reloads. */
export function prometheusArgs(launch: PrometheusLaunch, port: number): string[] {
  return [
    `--config.file=${launch.configFile}`,
    `--storage.tsdb.path=${launch.dataDir}`,
    `--storage.tsdb.retention.time=${launch.retention}`,
    `--storage.tsdb.retention.size=${launch.retentionBytes}B`,
    `--web.listen-address=${launch.host.includes(':') ? `[${launch.host}]` : launch.host}:${port}`,
    '--web.enable-lifecycle',
    '--log.level=warn',
  ];
}

/**
 * Starts Prometheus and waits until it is ready (GET /-/ready answers 200), or throws with its own
 * last words when it exits first or is not ready within `readyTimeoutMs`.
 */
export async function startPrometheus(
  launch: PrometheusLaunch,
  readyTimeoutMs = 60_000,
): Promise<RunningPrometheus> {
  const port = await freePort(launch.host);
  const child: ChildProcess = spawn(launch.binary, prometheusArgs(launch, port), {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(line.trim());
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `exit code ${code}`));
    child.once('error', (error) => resolve(`could not start: ${error.message}`));
  });
  let done = false;
  void exited.then(() => {
    done = true;
  });
  const host = launch.host.includes(':') ? `[${launch.host}]` : launch.host;
  const url = `http://${host}:${port}`;
  const endpoint: PrometheusEndpoint = { url, timeoutMs: 2000, describe: 'the managed Prometheus' };
  const deadline = Date.now() + readyTimeoutMs;
  const running: RunningPrometheus = {
    pid: child.pid ?? 0,
    url,
    exited,
    lastLines: () => [...lines],
    async stop(graceMs = 10_000) {
      if (done) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  for (;;) {
    if (done)
      throw new Error(`Prometheus stopped at start (${await exited}): ${lines.slice(-3).join(' | ')}`);
    const ready = await fetchText(endpoint, '/-/ready').catch(() => undefined);
    if (ready?.status === 200) return running;
    if (Date.now() > deadline) {
      await running.stop(2000);
      throw new Error(
        `Prometheus was not ready within ${readyTimeoutMs / 1000} s: ${lines.slice(-3).join(' | ')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

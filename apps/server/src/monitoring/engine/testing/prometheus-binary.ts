import { execFile } from 'node:child_process';
import path from 'node:path';

/**
 * Debian's Prometheus for tests and benchmarks: PORTOLAN_PROMETHEUS_BIN (scripts/setup.sh exports
 * it), else what scripts/prometheus.sh fetches into its cache (a second or two, once).
 */
export function prometheusBinary(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.PORTOLAN_PROMETHEUS_BIN) return Promise.resolve(env.PORTOLAN_PROMETHEUS_BIN);
  const script = path.join(import.meta.dirname, '../../../../../../scripts/prometheus.sh');
  return new Promise((resolve, reject) => {
    execFile('bash', [script], { timeout: 300_000 }, (error, stdout, stderr) => {
      const binary = stdout.trim().split('\n').pop();
      if (error || !binary) reject(new Error(`scripts/prometheus.sh failed: ${stderr || error?.message}`));
      else resolve(binary);
    });
  });
}

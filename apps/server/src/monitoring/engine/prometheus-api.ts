import http from 'node:http';
import https from 'node:https';
import { MetricsEngineUnavailableError, PromqlError } from '../contract.ts';

/** Where a Prometheus-compatible query API answers, and how to reach it. */
export interface PrometheusEndpoint {
  /** Base URL, e.g. http://127.0.0.1:9090 or https://prom.example.com/prometheus */
  url: string;
  bearerToken?: string;
  skipTlsVerify?: boolean;
  timeoutMs: number;
  /** Names the engine in errors: "the managed metrics engine", "cluster eu's Prometheus at …". */
  describe: string;
}

/** An instant vector or matrix as the Prometheus HTTP API answers it. */
export interface PromVectorEntry {
  metric: Record<string, string>;
  value?: [number, string];
  values?: Array<[number, string]>;
}

export interface PromTarget {
  labels: Record<string, string>;
  scrapePool: string;
  scrapeUrl: string;
  health: 'up' | 'down' | 'unknown';
  lastError: string;
  lastScrape: string;
  lastScrapeDuration: number;
}

/** The answer's body, or throws: PromqlError for a query the engine refused, else unavailable. */
export async function promGet<T>(
  endpoint: PrometheusEndpoint,
  path: string,
  params: Array<[string, string]> = [],
): Promise<T> {
  const { status, text } = await fetchText(endpoint, path, params);
  let body: { status?: string; data?: T; error?: string; errorType?: string };
  try {
    body = JSON.parse(text);
  } catch {
    throw new MetricsEngineUnavailableError(
      `${endpoint.describe} answered ${path} with HTTP ${status} and no JSON: ${text.slice(0, 200)}`,
    );
  }
  if (body.status === 'success') return body.data as T;
  // 400 bad_data and 422 execution errors are the query's fault; the rest the engine's.
  if (status === 400 || status === 422)
    throw new PromqlError(body.error ?? `the query was refused (${status})`);
  throw new MetricsEngineUnavailableError(
    `${endpoint.describe} failed (${status}${body.errorType ? ` ${body.errorType}` : ''}): ${body.error ?? text.slice(0, 200)}`,
  );
}

/** A GET that resolves with any status and its text, or throws MetricsEngineUnavailableError. */
export function fetchText(
  endpoint: PrometheusEndpoint,
  path: string,
  params: Array<[string, string]> = [],
): Promise<{ status: number; text: string }> {
  const base = new URL(endpoint.url);
  const url = new URL(`${base.pathname.replace(/\/+$/, '')}${path}`, base);
  for (const [key, value] of params) url.searchParams.append(key, value);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'GET',
        headers: {
          accept: 'application/json',
          ...(endpoint.bearerToken ? { authorization: `Bearer ${endpoint.bearerToken}` } : {}),
        },
        ...(url.protocol === 'https:' ? { rejectUnauthorized: !endpoint.skipTlsVerify } : {}),
        timeout: endpoint.timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', (error) => reject(unavailable(endpoint, error)));
      },
    );
    request.on('timeout', () =>
      request.destroy(new Error(`no answer within ${Math.round(endpoint.timeoutMs / 1000)} s`)),
    );
    request.on('error', (error) => reject(unavailable(endpoint, error)));
    request.end();
  });
}

function unavailable(endpoint: PrometheusEndpoint, error: Error): MetricsEngineUnavailableError {
  const code = (error as NodeJS.ErrnoException).code;
  return new MetricsEngineUnavailableError(
    `${endpoint.describe} cannot be reached: ${error.message}${code && !error.message.includes(code) ? ` (${code})` : ''}`,
  );
}

/** Seconds (Prometheus' float) → milliseconds, and the sample's text → number (NaN, ±Inf kept). */
export const sampleOf = ([at, value]: [number, string]): [number, number] => [
  Math.round(at * 1000),
  Number(value),
];

import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';

/**
 * True when `url` answers 200 with a whole body within `timeoutMs`. Every way the exchange can
 * break is a plain `false`: the probed process may exit mid-answer (it failed to start, or it was
 * another process on a port we picked), and an error event nobody listens to would crash the CLI.
 */
export function httpOk(
  url: string,
  timeoutMs = 2000,
  /** PEM files of a client certificate (and the CA that signed the server) for servers that ask for one. */
  tls?: { ca: string; cert: string; key: string },
): Promise<boolean> {
  const client = url.startsWith('https') ? https : http;
  let identity = {};
  try {
    if (tls)
      identity = { ca: readFileSync(tls.ca), cert: readFileSync(tls.cert), key: readFileSync(tls.key) };
  } catch {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    let settled = false;
    let answered = false;
    const settle = (ok: boolean) => {
      if (settled) return;
      settled = true;
      resolve(ok);
    };
    const request = client.get(
      url,
      { rejectUnauthorized: false, timeout: timeoutMs, ...identity },
      (response) => {
        answered = true;
        response.on('error', () => settle(false));
        response.on('aborted', () => settle(false));
        response.on('end', () => settle(response.statusCode === 200 && response.complete));
        response.on('close', () => settle(false));
        response.resume();
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => settle(false));
    request.on('close', () => {
      // Closed before any answer: nothing more will come.
      if (!answered) settle(false);
    });
  });
}

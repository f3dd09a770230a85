import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { RepositoryProblem } from '@portolan/api';

/** Why a repository could not be read, as a stable word and in English; `field` is the setting at fault. */
export class RepositoryError extends Error {
  readonly problem: RepositoryProblem;
  readonly field: string | undefined;
  constructor(problem: RepositoryProblem, message: string, field?: string) {
    super(message);
    this.name = 'RepositoryError';
    this.problem = problem;
    this.field = field;
  }
}

/** How to reach one repository: its TLS trust and credentials. */
export interface RepositoryAccess {
  caPem?: string | null;
  skipTlsVerify?: boolean;
  /** Basic auth; for OCI also what the token service is asked with. */
  username?: string;
  password?: string | null;
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface HttpRequest {
  url: string;
  access: RepositoryAccess;
  headers?: Record<string, string>;
  /** Refuse (as a bad answer) bodies larger than this. */
  maxBytes: number;
  timeoutMs?: number;
  /** Basic auth with the access's username and password (off for an OCI bearer token request). */
  basicAuth?: boolean;
  signal?: AbortSignal;
  /** Redirects left to follow. */
  redirects?: number;
}

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
]);

/** The words for a transport failure, naming the host. */
export function transportProblem(error: unknown, host: string, timeoutMs: number): RepositoryError {
  const code = (error as { code?: string }).code ?? '';
  const detail = (error as Error).message;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new RepositoryError('unreachable', `cannot resolve the host ${host} (DNS): check the URL`, 'url');
  if (code === 'ECONNREFUSED')
    return new RepositoryError('unreachable', `${host} refused the connection: nothing listens there`, 'url');
  if (code === 'ETIMEDOUT' || code === 'ABORT_ERR' || (error as Error).name === 'TimeoutError')
    return new RepositoryError('unreachable', `${host} did not answer within ${timeoutMs / 1000} s`, 'url');
  if (code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return new RepositoryError('unreachable', `cannot reach ${host}: ${detail}`, 'url');
  if (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL'))
    return new RepositoryError(
      'tls',
      `the TLS certificate of ${host} is not trusted (${detail}): give the CA that signed it, or fix the server's certificate`,
      'caPem',
    );
  return new RepositoryError('unreachable', `cannot reach ${host}: ${detail}`, 'url');
}

/** What a failing HTTP status means for a repository. */
export function statusProblem(status: number, url: URL): RepositoryError {
  if (status === 401 || status === 403)
    return new RepositoryError(
      'bad-credentials',
      `${url.host} refused the credentials (HTTP ${status}): check the username and password`,
      'password',
    );
  if (status === 404)
    return new RepositoryError(
      'not-found',
      `${url.host} has nothing at ${url.pathname} (HTTP 404): check the URL`,
      'url',
    );
  return new RepositoryError('bad-answer', `${url.host} answered HTTP ${status} for ${url.pathname}`, 'url');
}

/**
 * One GET against a repository with its own trust and credentials, following redirects (credentials
 * only to the same host), reading at most `maxBytes`. Transport failures become RepositoryErrors that
 * name the host; HTTP statuses are the caller's to judge.
 */
export function getFromRepository(request: HttpRequest): Promise<HttpAnswer> {
  const url = new URL(request.url);
  const timeoutMs = request.timeoutMs ?? 15_000;
  const headers: Record<string, string> = { 'user-agent': 'Portolan', ...request.headers };
  const { access } = request;
  if (request.basicAuth !== false && access.username)
    headers.authorization = `Basic ${Buffer.from(`${access.username}:${access.password ?? ''}`).toString('base64')}`;
  const secure = url.protocol === 'https:';
  if (!secure && url.protocol !== 'http:')
    return Promise.reject(new RepositoryError('bad-answer', `${url.protocol} is not http or https`, 'url'));
  const options: https.RequestOptions = {
    method: 'GET',
    headers,
    timeout: timeoutMs,
    // A given CA is trusted besides the system's, not instead of them.
    ...(secure && access.caPem ? { ca: [...tls.rootCertificates, access.caPem] } : {}),
    ...(secure && access.skipTlsVerify ? { rejectUnauthorized: false } : {}),
  };
  return new Promise<HttpAnswer>((resolve, reject) => {
    const req = (secure ? https : http).request(url, options, (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && status !== 304 && location) {
        response.resume();
        if ((request.redirects ?? 5) <= 0) {
          reject(new RepositoryError('bad-answer', `${url.host} redirected too many times`, 'url'));
          return;
        }
        const next = new URL(location, url);
        // A credential is for its own host: never handed to where a redirect points.
        const sameHost = next.host === url.host;
        const { authorization: _dropped, ...rest } = headers;
        resolve(
          getFromRepository({
            ...request,
            url: next.toString(),
            headers: sameHost ? headers : rest,
            basicAuth: sameHost ? request.basicAuth : false,
            redirects: (request.redirects ?? 5) - 1,
          }),
        );
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > request.maxBytes) {
          req.destroy(
            new RepositoryError(
              'bad-answer',
              `${url.host} sent more than ${Math.round(request.maxBytes / 1024)} KiB for ${url.pathname}`,
            ),
          );
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => resolve({ status, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', (error) =>
        reject(error instanceof RepositoryError ? error : transportProblem(error, url.host, timeoutMs)),
      );
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (error) =>
      reject(error instanceof RepositoryError ? error : transportProblem(error, url.host, timeoutMs)),
    );
    if (request.signal) {
      if (request.signal.aborted) req.destroy(Object.assign(new Error('aborted'), { code: 'ABORT_ERR' }));
      request.signal.addEventListener('abort', () =>
        req.destroy(Object.assign(new Error('aborted'), { code: 'ABORT_ERR' })),
      );
    }
    req.end();
  });
}

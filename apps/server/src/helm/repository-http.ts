import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
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
  /**
   * Connect only to public addresses (not loopback, private, link-local or unique-local), checked on
   * the address actually connected to: for URLs a chart's index names, such as its icon, so a chart
   * cannot make Portolan call into its own network.
   */
  publicOnly?: boolean;
}

/** Loopback, private, link-local, carrier-grade NAT, unique-local and unspecified addresses. */
export function isInternalAddress(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (net.isIPv4(v4)) {
    const [a = 0, b = 0] = v4.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  const lower = address.toLowerCase();
  return lower === '::' || lower === '::1' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower);
}

/** dns.lookup that refuses internal addresses, so the check holds for the address connected to. */
const publicLookup: net.LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const list = addresses as dns.LookupAddress[];
    const internal = list.find((entry) => isInternalAddress(entry.address));
    if (internal || list.length === 0)
      return callback(
        Object.assign(new Error(`${internal?.address ?? 'no address'}`), { code: 'EINTERNAL' }),
        '',
        0,
      );
    if (options.all) return callback(null, list as never);
    const first = list[0] as dns.LookupAddress;
    callback(null, first.address, first.family);
  });
};

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
  if (code === 'EINTERNAL')
    return new RepositoryError('unreachable', `${host} is an internal address (${detail})`, 'url');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new RepositoryError('unreachable', `cannot resolve the host ${host} (DNS): check the URL`, 'url');
  if (code === 'ECONNREFUSED')
    return new RepositoryError('unreachable', `${host} refused the connection: nothing listens there`, 'url');
  if (code === 'ETIMEDOUT' || code === 'ABORT_ERR' || (error as Error).name === 'TimeoutError')
    return new RepositoryError('unreachable', `${host} did not answer within ${timeoutMs / 1000} s`, 'url');
  if (code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return new RepositoryError('unreachable', `cannot reach ${host}: ${detail}`, 'url');
  if (code === 'EPROTO' && /wrong version number|packet length too long/i.test(detail))
    return new RepositoryError(
      'tls',
      `${host} does not answer TLS: it may serve plain HTTP (registries are read over HTTPS only; for a chart repository write http://)`,
      'url',
    );
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
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (
    // A name (localhost too) is checked on the address it resolves to, a literal address here.
    request.publicOnly &&
    net.isIP(literal) &&
    isInternalAddress(literal)
  )
    return Promise.reject(new RepositoryError('unreachable', `${url.host} is an internal address`, 'url'));
  const options: https.RequestOptions = {
    method: 'GET',
    headers,
    timeout: timeoutMs,
    // A given CA is trusted besides the system's, not instead of them.
    ...(secure && access.caPem ? { ca: [...tls.rootCertificates, access.caPem] } : {}),
    ...(secure && access.skipTlsVerify ? { rejectUnauthorized: false } : {}),
    ...(request.publicOnly ? { lookup: publicLookup } : {}),
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
      let tooBig = false;
      response.on('data', (chunk: Buffer) => {
        if (tooBig) return;
        size += chunk.length;
        if (size > request.maxBytes) {
          tooBig = true;
          reject(
            new RepositoryError(
              'bad-answer',
              `${url.host} sent more than ${Math.round(request.maxBytes / 1024)} KiB for ${url.pathname}`,
            ),
          );
          req.destroy();
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

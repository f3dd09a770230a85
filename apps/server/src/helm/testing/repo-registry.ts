/**
 * The OCI distribution registry for tests (built by scripts/registry.sh, cached), over TLS with a
 * test CA, and a token gate in front of it that speaks the registry token handshake (401 with
 * `WWW-Authenticate: Bearer realm=…`, a token for basic credentials), so both auth schemes are
 * exercised against the real registry's API.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../../../../..');

/** The registry binary: PORTOLAN_REGISTRY_BIN, or built (once, then cached) by scripts/registry.sh. */
export async function findRegistry(): Promise<{ bin?: string; reason?: string }> {
  if (process.env.PORTOLAN_REGISTRY_BIN) return { bin: process.env.PORTOLAN_REGISTRY_BIN };
  try {
    const { stdout } = await run('bash', [path.join(repoRoot, 'scripts/registry.sh')], {
      maxBuffer: 1024 * 1024,
    });
    const bin = stdout.trim().split('\n').pop();
    return bin ? { bin } : { reason: 'scripts/registry.sh printed no binary' };
  } catch (error) {
    return {
      reason: `scripts/registry.sh failed: ${(error as { stderr?: string }).stderr?.trim().split('\n').pop() ?? error}`,
    };
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function get(url: string, ca: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    https
      .get(url, { ca, headers, timeout: 2000 }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      })
      .on('error', () => resolve(0));
  });
}

export interface TestRegistry {
  /** host:port */
  host: string;
  close(): Promise<void>;
}

/** Starts the registry on a free loopback port with TLS; resolves once /v2/ answers. */
export async function startRegistry(
  bin: string,
  dir: string,
  tls: { certFile: string; keyFile: string; caPem: string },
): Promise<TestRegistry> {
  const port = await freePort();
  await mkdir(path.join(dir, 'storage'), { recursive: true });
  const config = path.join(dir, 'config.yml');
  await writeFile(
    config,
    [
      'version: 0.1',
      'log: { level: error, accesslog: { disabled: true } }',
      `storage: { filesystem: { rootdirectory: ${path.join(dir, 'storage')} } }`,
      'http:',
      `  addr: 127.0.0.1:${port}`,
      `  tls: { certificate: ${tls.certFile}, key: ${tls.keyFile} }`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(bin, ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const deadline = Date.now() + 20_000;
  while ((await get(`https://127.0.0.1:${port}/v2/`, tls.caPem)) !== 200) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill();
      throw new Error(`the test registry did not start: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    host: `127.0.0.1:${port}`,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    },
  };
}

/**
 * A token gate before the registry: every /v2/ request needs `Bearer <token>`; the token comes from
 * /token for the right basic credentials, as a registry's token service does. Counts token grants.
 */
export async function startTokenGate(
  registryHost: string,
  tls: { cert: string; key: string; caPem: string },
  credentials: { username: string; password: string },
): Promise<{ host: string; grants: string[]; close(): Promise<void> }> {
  const token = 'gate-token-1';
  const grants: string[] = [];
  let realm = '';
  const server = https.createServer({ cert: tls.cert, key: tls.key }, (request, response) => {
    const url = new URL(request.url ?? '/', 'https://gate');
    if (url.pathname === '/token') {
      const expected = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
      if (request.headers.authorization !== expected) {
        response.writeHead(401).end('{"errors":[{"code":"UNAUTHORIZED"}]}');
        return;
      }
      grants.push(url.searchParams.get('scope') ?? '');
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token }));
      return;
    }
    if (request.headers.authorization !== `Bearer ${token}`) {
      response
        .writeHead(401, { 'www-authenticate': `Bearer realm="${realm}",service="test-gate"` })
        .end('{"errors":[{"code":"UNAUTHORIZED"}]}');
      return;
    }
    const upstream = https.request(
      `https://${registryHost}${request.url}`,
      { method: request.method, headers: { accept: request.headers.accept ?? '*/*' }, ca: tls.caPem },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.writeHead(502).end());
    upstream.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  realm = `https://127.0.0.1:${port}/token`;
  return {
    host: `127.0.0.1:${port}`,
    grants,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

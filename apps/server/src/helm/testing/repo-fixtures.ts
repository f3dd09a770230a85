/**
 * Chart repositories for tests, made for real: charts packaged by the sandbox build's helm, indexed
 * with `helm repo index`, served on loopback over HTTP or HTTPS (a CA made with openssl), with basic
 * auth on request; and the OCI distribution registry (scripts/registry.sh) with charts pushed by
 * `helm push`. No imitation of a repository: helm itself writes what the catalogue reads.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findSandboxBinaries } from '@portolan/sandbox';
import { testTempDir } from '#server/testing/temp-dir.ts';

const run = promisify(execFile);

/** A 1×1 PNG, served as a chart's icon. */
export const ICON_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

export interface TestChart {
  name: string;
  version: string;
  appVersion?: string;
  description?: string;
  keywords?: string[];
  category?: string;
  icon?: string;
  readme?: string;
  values?: string;
  schema?: object;
  dependencies?: Array<{ name: string; version: string; repository: string }>;
}

/** helm with its own config, cache and data directories, so tests never touch the user's. */
export async function helmOf(): Promise<{
  helm: (args: string[]) => Promise<string>;
  home: string;
  bin: string;
}> {
  const bin = await findSandboxBinaries();
  const home = await testTempDir('portolan-helm-home-');
  const env = {
    ...process.env,
    HELM_CONFIG_HOME: path.join(home, 'config'),
    HELM_CACHE_HOME: path.join(home, 'cache'),
    HELM_DATA_HOME: path.join(home, 'data'),
    HELM_REGISTRY_CONFIG: path.join(home, 'registry.json'),
  };
  const helm = async (args: string[]) => {
    try {
      return (await run(path.join(bin, 'helm'), args, { env, maxBuffer: 16 * 1024 * 1024 })).stdout;
    } catch (error) {
      throw new Error(`helm ${args.join(' ')} failed: ${(error as { stderr?: string }).stderr ?? error}`);
    }
  };
  return { helm, home, bin };
}

/** Writes a chart's files and packages it with helm into `outDir`; answers the .tgz path. */
export async function packageChart(
  helm: (args: string[]) => Promise<string>,
  workDir: string,
  outDir: string,
  chart: TestChart,
  subcharts: string[] = [],
): Promise<string> {
  const dir = path.join(workDir, `${chart.name}-${chart.version}`, chart.name);
  await mkdir(path.join(dir, 'templates'), { recursive: true });
  const lines = [
    'apiVersion: v2',
    `name: ${chart.name}`,
    `version: ${chart.version}`,
    `appVersion: "${chart.appVersion ?? '1.0'}"`,
    `description: ${JSON.stringify(chart.description ?? `The ${chart.name} chart`)}`,
    ...(chart.keywords ? [`keywords: ${JSON.stringify(chart.keywords)}`] : []),
    ...(chart.icon ? [`icon: ${chart.icon}`] : []),
    ...(chart.category ? ['annotations:', `  artifacthub.io/category: ${chart.category}`] : []),
    ...(chart.dependencies
      ? [
          'dependencies:',
          ...chart.dependencies.map(
            (d) => `  - name: ${d.name}\n    version: "${d.version}"\n    repository: "${d.repository}"`,
          ),
        ]
      : []),
  ];
  await writeFile(path.join(dir, 'Chart.yaml'), `${lines.join('\n')}\n`);
  await writeFile(path.join(dir, 'values.yaml'), chart.values ?? 'replicaCount: 1\n');
  if (chart.readme !== undefined) await writeFile(path.join(dir, 'README.md'), chart.readme);
  if (chart.schema)
    await writeFile(path.join(dir, 'values.schema.json'), JSON.stringify(chart.schema, null, 2));
  await writeFile(
    path.join(dir, 'templates', 'configmap.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-config\ndata:\n  replicas: "{{ .Values.replicaCount }}"\n',
  );
  if (subcharts.length > 0) {
    await mkdir(path.join(dir, 'charts'), { recursive: true });
    for (const sub of subcharts)
      await writeFile(path.join(dir, 'charts', path.basename(sub)), await readFile(sub));
  }
  await mkdir(outDir, { recursive: true });
  await helm(['package', dir, '--destination', outDir]);
  return path.join(outDir, `${chart.name}-${chart.version}.tgz`);
}

/** A CA and a certificate for 127.0.0.1 signed by it, made with openssl. */
export async function makeTestPki(
  dir: string,
): Promise<{ caPem: string; cert: string; key: string; caFile: string; certFile: string; keyFile: string }> {
  await mkdir(dir, { recursive: true });
  const f = (name: string) => path.join(dir, name);
  const openssl = (args: string[]) => run('openssl', args);
  await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', f('ca.key')]);
  await openssl([
    'req',
    '-x509',
    '-new',
    '-key',
    f('ca.key'),
    '-subj',
    '/CN=portolan-test-repository-ca',
    '-days',
    '2',
    '-out',
    f('ca.pem'),
  ]);
  await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', f('server.key')]);
  await openssl(['req', '-new', '-key', f('server.key'), '-subj', '/CN=127.0.0.1', '-out', f('server.csr')]);
  await writeFile(f('ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n');
  await openssl([
    'x509',
    '-req',
    '-in',
    f('server.csr'),
    '-CA',
    f('ca.pem'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-out',
    f('server.pem'),
    '-extfile',
    f('ext.cnf'),
  ]);
  return {
    caPem: await readFile(f('ca.pem'), 'utf8'),
    cert: await readFile(f('server.pem'), 'utf8'),
    key: await readFile(f('server.key'), 'utf8'),
    caFile: f('ca.pem'),
    certFile: f('server.pem'),
    keyFile: f('server.key'),
  };
}

export interface RepoServer {
  url: string;
  dir: string;
  /** Requests by path with the answer's status, e.g. `GET /index.yaml 304`. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Serves a directory as a chart repository: files by path, with an ETag of their content (and a 304
 * for a matching If-None-Match), basic auth when given, TLS when given.
 */
export async function serveRepository(
  dir: string,
  options: { basicAuth?: { username: string; password: string }; tls?: { cert: string; key: string } } = {},
): Promise<RepoServer> {
  const requests: string[] = [];
  const handler: http.RequestListener = async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const answer = (status: number, body?: Buffer | string, headers: Record<string, string> = {}) => {
      requests.push(`${request.method} ${pathname} ${status}`);
      response.writeHead(status, headers).end(body);
    };
    if (options.basicAuth) {
      const expected = `Basic ${Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`).toString('base64')}`;
      if (request.headers.authorization !== expected)
        return answer(401, 'unauthorized', { 'www-authenticate': 'Basic realm="charts"' });
    }
    const file = path.join(dir, path.normalize(pathname).replace(/^(\.\.[/\\])+/, ''));
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return answer(404, 'not found');
    const body = await readFile(file);
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    if (request.headers['if-none-match'] === etag) return answer(304, undefined, { etag });
    const type = file.endsWith('.yaml')
      ? 'application/yaml'
      : file.endsWith('.png')
        ? 'image/png'
        : 'application/octet-stream';
    answer(200, body, { etag, 'content-type': type });
  };
  const server = options.tls
    ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, handler)
    : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    dir,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Packages the charts into `dir` and writes its index.yaml with `helm repo index`. */
export async function buildRepository(
  helm: (args: string[]) => Promise<string>,
  dir: string,
  charts: TestChart[],
): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'portolan-charts-'));
  try {
    const packaged = new Map<string, string>();
    for (const chart of charts) {
      const subcharts = (chart.dependencies ?? [])
        .map((d) => packaged.get(`${d.name}-${d.version}`))
        .filter((p): p is string => p !== undefined);
      packaged.set(`${chart.name}-${chart.version}`, await packageChart(helm, work, dir, chart, subcharts));
    }
    await helm(['repo', 'index', dir]);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

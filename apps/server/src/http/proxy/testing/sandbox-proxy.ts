/** A Fastify app with the Kubernetes proxy in front of a sandbox cluster, for the proxy's cluster tests. */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import type net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import type { SharedSandbox } from '@portolan/sandbox/testing';
import Fastify from 'fastify';
import type { Permission } from '#server/iam/permissions.ts';
import { renderIssuedKubeconfig } from '#server/proxy/issued-kubeconfig.ts';
import type { ProxyTarget } from '#server/proxy/proxy-target.ts';
import { sandboxConnection, unreachableConnection } from '#server/testing/sandbox-clients.ts';
import { registerKubeProxy } from '../kube-proxy-routes.ts';

export const TOKEN = 'portolan-test-token';
/** Impersonated by the `as-jane` cluster entry. */
export const JANE = { user: 'proxy-test-jane', groups: ['proxy-test-group'] };

export interface TestProxy {
  baseUrl: string;
  /** The certificate the server presents (self-signed). */
  ca: string;
  /** Contexts: `sandbox` (admin), `as-jane` (impersonates JANE), `gone` (unreachable), `nowhere` (unknown). */
  kubeconfig: string;
  wrongTokenKubeconfig: string;
  /** The Upgrade header of each upgrade request the server received. */
  upgrades: string[];
  close(): Promise<void>;
}

/** A self-signed certificate for 127.0.0.1, which the issued kubeconfig trusts. */
async function serverCertificate(dir: string): Promise<{ cert: string; key: string }> {
  const cert = path.join(dir, 'server.crt');
  const key = path.join(dir, 'server.key');
  await promisify(execFile)('openssl', [
    ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
    ...['-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=portolan-proxy-test'],
    ...['-addext', 'subjectAltName=IP:127.0.0.1'],
  ]);
  return { cert: await readFile(cert, 'utf8'), key: await readFile(key, 'utf8') };
}

/** Serves the proxy over https: kubectl sends no bearer token over plain http. */
export async function startTestProxy(sandbox: SharedSandbox, dir: string): Promise<TestProxy> {
  const connection = await sandboxConnection(sandbox.kubeconfig);
  const gone = await unreachableConnection();
  const targets: Record<string, ProxyTarget> = {
    sandbox: { connection },
    'as-jane': { connection, impersonate: JANE },
    gone: { connection: gone },
  };
  const tls = await serverCertificate(dir);
  const app = Fastify({ logger: false, https: tls });
  const proxy = registerKubeProxy(app, {
    authenticate: (request) =>
      request.headers.authorization === `Bearer ${TOKEN}` ? { name: 'admin' } : undefined,
    targets: { resolve: (name) => targets[name] },
    // The lead adds a proxy permission to PERMISSIONS; this app checks none.
    permission: 'public' as Permission,
  });
  const upgrades: string[] = [];
  app.server.on('upgrade', (request, socket, head) => {
    upgrades.push(String(request.headers.upgrade));
    if (!proxy.handleUpgrade(request, socket, head)) socket.destroy();
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as net.AddressInfo;
  const baseUrl = `https://127.0.0.1:${port}`;
  const clusters = ['sandbox', 'as-jane', 'gone', 'nowhere'];
  const kubeconfig = path.join(dir, 'issued.kubeconfig');
  const wrongTokenKubeconfig = path.join(dir, 'wrong-token.kubeconfig');
  const issue = (token: string) =>
    renderIssuedKubeconfig({ baseUrl, clusters, token, certificateAuthority: tls.cert });
  await writeFile(kubeconfig, issue(TOKEN));
  await writeFile(wrongTokenKubeconfig, issue('wrong'));
  return { baseUrl, ca: tls.cert, kubeconfig, wrongTokenKubeconfig, upgrades, close: () => app.close() };
}

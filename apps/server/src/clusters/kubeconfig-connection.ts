import type { KubeConnection } from '#server/kube/kube-connection.ts';
import { parseProxyUrl } from '#server/kube/proxy-tunnel.ts';
import type { Clock } from '#server/time/clock.ts';
import { type SelectedContext, selectContext } from './kubeconfig.ts';
import { credentialsFromKubeconfig, type KubeconfigCredentials } from './kubeconfig-credentials.ts';
import { KubeconfigError } from './kubeconfig-errors.ts';
import {
  checkCertificatesPem,
  decodeBase64Field,
  type FileAccess,
  fieldAt,
  readReferencedFile,
} from './kubeconfig-files.ts';
import { checkHeaderValue, impersonateExtraHeader } from './kubeconfig-headers.ts';
import type { Kubeconfig } from './kubeconfig-types.ts';

export interface KubeconfigConnectionOptions {
  /** Defaults to current-context. */
  context?: string;
  clock: Clock;
  /** The environment exec plugins start from. */
  env: NodeJS.ProcessEnv;
  /** Exec plugins run commands on this server: allow them only for trusted callers. */
  allowExec: boolean;
  files: FileAccess;
  /** The exec plugin time limit (default DEFAULT_EXEC_TIMEOUT_MS). */
  execTimeoutMs?: number;
}

export interface KubeconfigConnection {
  context: SelectedContext;
  connection: KubeConnection;
  credentials: KubeconfigCredentials;
  /** Accepted but risky settings, e.g. insecure-skip-tls-verify. */
  warnings: string[];
}

/** The kubeconfig's `as*` fields as Impersonate-* headers, each value checked where it was written. */
function impersonationHeaders(
  config: Kubeconfig,
  context: SelectedContext,
): Record<string, string | string[]> {
  const user = context.user.value;
  const at = (key: string) => fieldAt(config, 'users', context.user, key);
  const checked = (value: string, key: string, where = at(key)) => {
    checkHeaderValue(value, {
      where,
      fix: 'write it as plain text on one line, without line breaks or typographic quotes',
    });
    return value;
  };
  const headers: Record<string, string | string[]> = {};
  if (user.as) headers['impersonate-user'] = checked(user.as, 'as');
  if (user['as-uid']) headers['impersonate-uid'] = checked(user['as-uid'], 'as-uid');
  if (user['as-groups']?.length) {
    headers['impersonate-group'] = user['as-groups'].map((group, index) =>
      checked(group, 'as-groups', { ...at('as-groups'), field: `${at('as-groups').field}[${index}]` }),
    );
  }
  for (const [key, values] of Object.entries(user['as-user-extra'] ?? {})) {
    const where = { ...at('as-user-extra'), field: `${at('as-user-extra').field}.${key}` };
    headers[impersonateExtraHeader(key)] = (values ?? []).map((value) =>
      checked(value, 'as-user-extra', where),
    );
  }
  return headers;
}

/** Chooses a context and turns it into what the Kubernetes client needs. */
export async function connectionFromKubeconfig(
  config: Kubeconfig,
  options: KubeconfigConnectionOptions,
): Promise<KubeconfigConnection> {
  const context = selectContext(config, options.context);
  const cluster = context.cluster.value;
  const at = (key: string) => fieldAt(config, 'clusters', context.cluster, key);
  const warnings: string[] = [];

  const rawServer = typeof cluster.server === 'string' ? cluster.server.trim() : '';
  if (!rawServer) {
    throw new KubeconfigError(
      'invalid-server',
      `cluster "${context.cluster.name}" has no server; set it to the API server's URL (https://host:port)`,
      at('server'),
    );
  }
  let server: URL;
  try {
    // kubectl accepts a bare host:port and assumes https.
    server = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(rawServer) ? rawServer : `https://${rawServer}`);
  } catch {
    throw new KubeconfigError(
      'invalid-server',
      `cluster "${context.cluster.name}" has server "${rawServer}", which is not a URL; write it as https://host:port`,
      at('server'),
    );
  }
  if (server.protocol !== 'https:' && server.protocol !== 'http:') {
    throw new KubeconfigError(
      'invalid-server',
      `cluster "${context.cluster.name}" has server "${rawServer}"; it must start with https://`,
      at('server'),
    );
  }
  if (server.protocol === 'http:') {
    warnings.push(
      `the server ${server.host} is reached over plain http: credentials and data travel unencrypted`,
    );
  }

  let ca: string | undefined;
  if (cluster['certificate-authority-data']) {
    ca = decodeBase64Field(cluster['certificate-authority-data'], at('certificate-authority-data')).toString(
      'utf8',
    );
    checkCertificatesPem(ca, at('certificate-authority-data'));
  } else if (cluster['certificate-authority']) {
    const where = at('certificate-authority');
    ca = (await readReferencedFile(config, options.files, cluster['certificate-authority'], where)).toString(
      'utf8',
    );
    checkCertificatesPem(ca, where);
  }
  const insecure = cluster['insecure-skip-tls-verify'] === true;
  if (insecure && ca) {
    throw new KubeconfigError(
      'invalid-kubeconfig',
      `cluster "${context.cluster.name}" sets both a certificate authority and insecure-skip-tls-verify; remove insecure-skip-tls-verify (the CA is the safe choice)`,
      at('insecure-skip-tls-verify'),
    );
  }
  if (insecure) {
    warnings.push(
      `insecure-skip-tls-verify is set for cluster "${context.cluster.name}": the API server's identity is not checked, so anyone in between can read the credentials; set certificate-authority-data instead`,
    );
  }

  let proxyUrl: string | undefined;
  if (cluster['proxy-url']) {
    try {
      proxyUrl = parseProxyUrl(cluster['proxy-url']).href;
    } catch (error) {
      throw new KubeconfigError('unsupported-proxy', (error as Error).message, at('proxy-url'));
    }
  }

  const clusterInfo: Record<string, unknown> = {
    server: server.href.replace(/\/$/, ''),
    ...(cluster['tls-server-name'] ? { 'tls-server-name': cluster['tls-server-name'] } : {}),
    ...(insecure ? { 'insecure-skip-tls-verify': true } : {}),
    ...(ca ? { 'certificate-authority-data': Buffer.from(ca).toString('base64') } : {}),
    ...(proxyUrl ? { 'proxy-url': proxyUrl } : {}),
  };
  const credentials = await credentialsFromKubeconfig(config, context, clusterInfo, {
    clock: options.clock,
    env: options.env,
    allowExec: options.allowExec,
    files: options.files,
    ...(options.execTimeoutMs !== undefined ? { execTimeoutMs: options.execTimeoutMs } : {}),
  });
  warnings.push(...credentials.warnings);
  if (credentials.kinds.length === 0) {
    warnings.push(`context "${context.name}" has no credentials: requests are anonymous`);
  }

  const headers = impersonationHeaders(config, context);
  const connection: KubeConnection = {
    server: server.href.replace(/\/$/, ''),
    credentials: credentials.source,
    ...(ca ? { ca } : {}),
    ...(cluster['tls-server-name'] ? { tlsServerName: cluster['tls-server-name'] } : {}),
    ...(insecure ? { insecureSkipTlsVerify: true } : {}),
    ...(proxyUrl ? { proxyUrl } : {}),
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
  };
  return { context, connection, credentials, warnings };
}

import path from 'node:path';
import { parseArgs } from 'node:util';
import { type MetricsSettings, metricsSettings } from './metrics-settings.ts';
import type { OidcSettings } from './oidc-settings.ts';
import { originOnly } from './origins.ts';
import { parseTrustedProxies } from './trusted-proxies.ts';

/** Every setting of the server, read once at start from flags, then environment, then defaults. */
export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** `text`: plain lines for people (the default); `json`: one JSON object a line, for machines. */
  logFormat: 'text' | 'json';
  /** The built web console served at / (apps/web/dist of this repository by default). */
  webDir: string;
  /** Restart sandboxes that were running before Portolan stopped. */
  recoverSandboxes: boolean;
  /** PostgreSQL when set; otherwise SQLite in the data directory. */
  databaseUrl: string | undefined;
  /** The key that seals cluster credentials; made (mode 0600) when absent. */
  encryptionKeyFile: string;
  /** How often each cluster's /readyz is probed. */
  probeIntervalMs: number;
  /** Time limits: one probe; a registration's whole connection check; one exec plugin run. */
  probeTimeoutMs: number;
  connectTimeoutMs: number;
  execTimeoutMs: number;
  /** How long audit records are kept. */
  auditRetentionDays: number;
  /** `default`, or a list of `group/resource` to sync (core group: `pods`). */
  syncResources: 'default' | string[];
  /** Let kubeconfigs sent over the API run exec plugins and read files on this server. */
  trustKubeconfigExec: boolean;
  trustKubeconfigFiles: boolean;
  /** The https listener of the Kubernetes API proxy (0 picks a free port). */
  proxyPort: number;
  /** Its certificate; a self-signed one is made in the data directory when unset. */
  tlsCertFile: string | undefined;
  tlsKeyFile: string | undefined;
  /** How users reach the proxy, for issued kubeconfigs (default https://<host>:<proxy port>). */
  proxyUrl: string | undefined;
  /** Session cookies only over https (set when users reach Portolan through https). */
  secureCookies: boolean;
  /** OpenID Connect sign-in, when an issuer is configured. */
  oidc: OidcSettings | undefined;
  /** Origins besides Portolan's own whose pages may open WebSockets with the session cookie. */
  allowedOrigins: string[];
  /** How often open streams check their caller's access again (changes saved by other replicas). */
  accessRecheckMs: number;
  /** The largest request body in bytes: on routes taking manifests (apply, objects), and on the others. */
  manifestBodyLimitBytes: number;
  bodyLimitBytes: number;
  /** Reverse proxies whose X-Forwarded-For gives the client's address (sign-in throttling, audit). */
  trustedProxies: string[];
  /**
   * The administrator made on first start (PORTOLAN_ADMIN_USER, default admin, and
   * PORTOLAN_ADMIN_PASSWORD, generated when unset); iam/bootstrap-admin.ts checks them.
   */
  admin: { username: string | undefined; password: string | undefined };
  /** PORTOLAN_ENCRYPTION_KEY: comma-separated base64 keys, active first; the key file when unset. */
  encryptionKeys: string | undefined;
  /**
   * Replicas on one database: a work lease (a cluster's sync, a singleton job) lasts this long
   * unrenewed, so a dead replica's work moves within duration + renew interval.
   */
  leaseDurationMs: number;
  /** How often leases are renewed, heartbeats written and clusters rebalanced. */
  leaseRenewMs: number;
  /** How often the cluster list is read again from the store (besides the instant notices). */
  registryRefreshMs: number;
  /** Web terminals: how long they wait, how many may be open, whether what they print is kept. */
  terminals: TerminalSettings;
  /** The managed metrics engine (Prometheus) and its limits: PORTOLAN_PROMETHEUS_BIN, PORTOLAN_METRICS_*. */
  metrics: MetricsSettings;
  /** How often alert rules are evaluated (the alert-evaluator job). */
  alertEvaluationMs: number;
}

export interface TerminalSettings {
  /** A session without input this long ends ('idle'); a warning goes out a minute before. */
  idleTimeoutMs: number;
  /** A session nobody is attached to ends this long after its browser left ('detached'). */
  detachGraceMs: number;
  /** Open sessions allowed to one user, and to this replica. */
  maxPerUser: number;
  maxPerReplica: number;
  /** Keep what each session printed (up to 8 MiB) for platform Admins to read. */
  transcripts: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function pick(flag: string | undefined, env: string | undefined, fallback: string): string {
  return flag ?? env ?? fallback;
}

export function loadConfig(argv: string[], env: NodeJS.ProcessEnv): ServerConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'log-level': { type: 'string' },
      'log-format': { type: 'string' },
      'web-dir': { type: 'string' },
      'recover-sandboxes': { type: 'string' },
      'database-url': { type: 'string' },
      'encryption-key-file': { type: 'string' },
      'probe-interval': { type: 'string' },
      'probe-timeout': { type: 'string' },
      'connect-timeout': { type: 'string' },
      'exec-timeout': { type: 'string' },
      'audit-retention-days': { type: 'string' },
      'sync-resources': { type: 'string' },
      'trust-kubeconfig-exec': { type: 'string' },
      'trust-kubeconfig-files': { type: 'string' },
      'proxy-port': { type: 'string' },
      'tls-cert-file': { type: 'string' },
      'tls-key-file': { type: 'string' },
      'proxy-url': { type: 'string' },
      'secure-cookies': { type: 'string' },
      'allowed-origins': { type: 'string' },
      'access-recheck-seconds': { type: 'string' },
      'body-limit-mib': { type: 'string' },
      'manifest-body-limit-mib': { type: 'string' },
      'trusted-proxies': { type: 'string' },
      'lease-duration': { type: 'string' },
      'lease-renew-interval': { type: 'string' },
      'registry-refresh-interval': { type: 'string' },
      'terminal-idle-timeout': { type: 'string' },
      'terminal-detach-grace': { type: 'string' },
      'terminal-max-per-user': { type: 'string' },
      'terminal-max-per-replica': { type: 'string' },
      'terminal-transcripts': { type: 'string' },
      'alert-evaluation-interval': { type: 'string' },
    },
  });
  const portText = pick(values.port, env.PORTOLAN_PORT, '8080');
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new ConfigError(`port "${portText}" (--port or PORTOLAN_PORT) must be a number from 0 to 65535`);
  }
  const logLevel = pick(values['log-level'], env.PORTOLAN_LOG_LEVEL, 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(
      `log level "${logLevel}" (--log-level or PORTOLAN_LOG_LEVEL) must be one of ${LOG_LEVELS.join(', ')}`,
    );
  }
  const logFormat = pick(values['log-format'], env.PORTOLAN_LOG_FORMAT, 'text');
  if (logFormat !== 'text' && logFormat !== 'json') {
    throw new ConfigError(
      `log format "${logFormat}" (--log-format or PORTOLAN_LOG_FORMAT) must be text (for people) or json (for machines)`,
    );
  }
  const flag = (name: string, value: string | undefined, variable: string, fallback: string) => {
    const text = pick(value, env[variable], fallback);
    if (text !== 'true' && text !== 'false')
      throw new ConfigError(`${name} "${text}" (--${name} or ${variable}) must be true or false`);
    return text === 'true';
  };
  const probeText = pick(values['probe-interval'], env.PORTOLAN_PROBE_INTERVAL_SECONDS, '10');
  const probeSeconds = Number(probeText);
  if (!Number.isFinite(probeSeconds) || probeSeconds < 1 || probeSeconds > 3600) {
    throw new ConfigError(
      `probe interval "${probeText}" (--probe-interval or PORTOLAN_PROBE_INTERVAL_SECONDS) must be 1 to 3600 seconds`,
    );
  }
  const retentionText = pick(values['audit-retention-days'], env.PORTOLAN_AUDIT_RETENTION_DAYS, '365');
  const retentionDays = Number(retentionText);
  if (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > 36_500) {
    throw new ConfigError(
      `audit retention "${retentionText}" (--audit-retention-days or PORTOLAN_AUDIT_RETENTION_DAYS) must be a whole number of days from 1 to 36500`,
    );
  }
  const syncText = pick(values['sync-resources'], env.PORTOLAN_SYNC_RESOURCES, 'default').trim();
  const dataDir = path.resolve(pick(values['data-dir'], env.PORTOLAN_DATA_DIR, 'data'));
  const databaseUrl = values['database-url'] ?? env.PORTOLAN_DATABASE_URL;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(
      'database URL (--database-url or PORTOLAN_DATABASE_URL) must start with postgresql://',
    );
  }
  const proxyPortText = pick(values['proxy-port'], env.PORTOLAN_PROXY_PORT, '8443');
  if (!/^\d+$/.test(proxyPortText) || Number(proxyPortText) > 65535) {
    throw new ConfigError(
      `proxy port "${proxyPortText}" (--proxy-port or PORTOLAN_PROXY_PORT) must be a number from 0 to 65535`,
    );
  }
  const tlsCertFile = values['tls-cert-file'] ?? env.PORTOLAN_TLS_CERT_FILE;
  const tlsKeyFile = values['tls-key-file'] ?? env.PORTOLAN_TLS_KEY_FILE;
  if (Boolean(tlsCertFile) !== Boolean(tlsKeyFile)) {
    throw new ConfigError(
      'give both --tls-cert-file and --tls-key-file (PORTOLAN_TLS_CERT_FILE, PORTOLAN_TLS_KEY_FILE), or neither',
    );
  }
  const proxyUrl = values['proxy-url'] ?? env.PORTOLAN_PROXY_URL;
  if (proxyUrl !== undefined && !/^https:\/\//.test(proxyUrl)) {
    throw new ConfigError(
      `proxy URL "${proxyUrl}" (--proxy-url or PORTOLAN_PROXY_URL) must start with https://: kubectl sends no token over http`,
    );
  }
  let trustedProxies: string[];
  try {
    trustedProxies = parseTrustedProxies(pick(values['trusted-proxies'], env.PORTOLAN_TRUSTED_PROXIES, ''));
  } catch (error) {
    throw new ConfigError(
      `trusted proxy (--trusted-proxies or PORTOLAN_TRUSTED_PROXIES): ${(error as Error).message}`,
    );
  }
  const allowedOrigins = parseAllowedOrigins(
    pick(values['allowed-origins'], env.PORTOLAN_ALLOWED_ORIGINS, ''),
  );
  const recheckText = pick(values['access-recheck-seconds'], env.PORTOLAN_ACCESS_RECHECK_SECONDS, '5');
  const recheckSeconds = Number(recheckText);
  if (!Number.isFinite(recheckSeconds) || recheckSeconds < 0.1 || recheckSeconds > 60) {
    throw new ConfigError(
      `access recheck "${recheckText}" (--access-recheck-seconds or PORTOLAN_ACCESS_RECHECK_SECONDS) must be 0.1 to 60 seconds`,
    );
  }
  const leases = leaseTimings(values, env);
  return {
    ...leases,
    metrics: metricsSettings(env, (message) => new ConfigError(message)),
    terminals: {
      ...terminalSettings(values, env),
      transcripts: flag(
        'terminal-transcripts',
        values['terminal-transcripts'],
        'PORTOLAN_TERMINAL_TRANSCRIPTS',
        'false',
      ),
    },
    accessRecheckMs: recheckSeconds * 1000,
    allowedOrigins,
    trustedProxies,
    secureCookies: flag('secure-cookies', values['secure-cookies'], 'PORTOLAN_SECURE_COOKIES', 'false'),
    oidc: oidcFromEnv(env),
    bodyLimitBytes: mebibytes('body-limit-mib', values['body-limit-mib'], env.PORTOLAN_BODY_LIMIT_MIB, 1),
    manifestBodyLimitBytes: mebibytes(
      'manifest-body-limit-mib',
      values['manifest-body-limit-mib'],
      env.PORTOLAN_MANIFEST_BODY_LIMIT_MIB,
      8,
    ),
    proxyPort: Number(proxyPortText),
    tlsCertFile: tlsCertFile || undefined,
    tlsKeyFile: tlsKeyFile || undefined,
    proxyUrl: proxyUrl || undefined,
    host: pick(values.host, env.PORTOLAN_HOST, '127.0.0.1'),
    port,
    dataDir,
    logLevel: logLevel as ServerConfig['logLevel'],
    logFormat,
    // Beside this file in the repository: apps/server/src/config → apps/web/dist.
    webDir: path.resolve(
      pick(values['web-dir'], env.PORTOLAN_WEB_DIR, path.join(import.meta.dirname, '../../../web/dist')),
    ),
    recoverSandboxes: flag(
      'recover-sandboxes',
      values['recover-sandboxes'],
      'PORTOLAN_RECOVER_SANDBOXES',
      'true',
    ),
    databaseUrl: databaseUrl || undefined,
    admin: { username: env.PORTOLAN_ADMIN_USER?.trim() || undefined, password: env.PORTOLAN_ADMIN_PASSWORD },
    encryptionKeys: env.PORTOLAN_ENCRYPTION_KEY?.trim() || undefined,
    encryptionKeyFile: path.resolve(
      pick(
        values['encryption-key-file'],
        env.PORTOLAN_ENCRYPTION_KEY_FILE,
        path.join(dataDir, 'encryption.key'),
      ),
    ),
    probeIntervalMs: probeSeconds * 1000,
    alertEvaluationMs: seconds(
      'alert-evaluation-interval',
      values['alert-evaluation-interval'],
      env,
      'PORTOLAN_ALERT_EVALUATION_SECONDS',
      '30',
    ),
    probeTimeoutMs: seconds(
      'probe-timeout',
      values['probe-timeout'],
      env,
      'PORTOLAN_PROBE_TIMEOUT_SECONDS',
      '5',
    ),
    connectTimeoutMs: seconds(
      'connect-timeout',
      values['connect-timeout'],
      env,
      'PORTOLAN_CONNECT_TIMEOUT_SECONDS',
      '10',
    ),
    execTimeoutMs: seconds(
      'exec-timeout',
      values['exec-timeout'],
      env,
      'PORTOLAN_EXEC_TIMEOUT_SECONDS',
      '10',
    ),
    auditRetentionDays: retentionDays,
    syncResources:
      syncText === 'default'
        ? 'default'
        : syncText
            .split(',')
            .map((item) => item.trim())
            .filter(Boolean),
    trustKubeconfigExec: flag(
      'trust-kubeconfig-exec',
      values['trust-kubeconfig-exec'],
      'PORTOLAN_TRUST_KUBECONFIG_EXEC',
      'false',
    ),
    trustKubeconfigFiles: flag(
      'trust-kubeconfig-files',
      values['trust-kubeconfig-files'],
      'PORTOLAN_TRUST_KUBECONFIG_FILES',
      'false',
    ),
  };
}

/** A body limit given in MiB (fractions allowed, e.g. 0.5), as bytes. */
function mebibytes(name: string, flag: string | undefined, variable: string | undefined, fallback: number) {
  const text = flag ?? variable ?? String(fallback);
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0.001 || value > 1024) {
    const env = `PORTOLAN_${name.toUpperCase().replaceAll('-', '_')}`;
    throw new ConfigError(
      `${name} "${text}" (--${name} or ${env}) must be a number of MiB from 0.001 to 1024`,
    );
  }
  return Math.round(value * 1024 * 1024);
}

/** A comma-separated list of origins (scheme://host[:port], nothing after), in their normal form. */
function parseAllowedOrigins(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const origin = originOnly(item);
      if (!origin)
        throw new ConfigError(
          `allowed origin "${item}" (--allowed-origins or PORTOLAN_ALLOWED_ORIGINS) must be an origin such as https://portolan.example.com: http or https, a host, an optional port, no path`,
        );
      return origin;
    });
}

/** A time limit in seconds (0.1 to 600) from a flag or variable, in milliseconds. */
function seconds(
  name: string,
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  variable: string,
  fallback: string,
): number {
  const text = pick(flag, env[variable], fallback);
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0.1 || value > 600) {
    throw new ConfigError(`${name} "${text}" (--${name} or ${variable}) must be 0.1 to 600 seconds`);
  }
  return Math.round(value * 1000);
}

/** The lease timings of replicas sharing a database, checked against each other. */
function leaseTimings(
  values: Record<string, string | boolean | undefined>,
  env: NodeJS.ProcessEnv,
): Pick<ServerConfig, 'leaseDurationMs' | 'leaseRenewMs' | 'registryRefreshMs'> {
  const text = (name: string) => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  const leaseDurationMs = seconds(
    'lease-duration',
    text('lease-duration'),
    env,
    'PORTOLAN_LEASE_DURATION_SECONDS',
    '20',
  );
  const leaseRenewMs = seconds(
    'lease-renew-interval',
    text('lease-renew-interval'),
    env,
    'PORTOLAN_LEASE_RENEW_SECONDS',
    '5',
  );
  if (leaseRenewMs * 2 > leaseDurationMs) {
    throw new ConfigError(
      `lease renew interval ${leaseRenewMs / 1000} s (--lease-renew-interval or PORTOLAN_LEASE_RENEW_SECONDS) must be at most half the lease duration ${leaseDurationMs / 1000} s (--lease-duration or PORTOLAN_LEASE_DURATION_SECONDS): a lease is renewed at least twice before it expires, so one slow renewal does not move a cluster`,
    );
  }
  const registryRefreshMs = seconds(
    'registry-refresh-interval',
    text('registry-refresh-interval'),
    env,
    'PORTOLAN_REGISTRY_REFRESH_SECONDS',
    '3',
  );
  return { leaseDurationMs, leaseRenewMs, registryRefreshMs };
}

/** Web terminals' timeouts and limits: whole numbers in ranges that keep a terminal usable. */
function terminalSettings(
  values: Record<string, string | boolean | undefined>,
  env: NodeJS.ProcessEnv,
): Omit<TerminalSettings, 'transcripts'> {
  const number = (
    name: string,
    variable: string,
    fallback: number,
    min: number,
    max: number,
    unit: string,
  ) => {
    const flagValue = values[name];
    const text = pick(typeof flagValue === 'string' ? flagValue : undefined, env[variable], String(fallback));
    const value = Number(text);
    if (!/^\d+$/.test(text.trim()) || value < min || value > max)
      throw new ConfigError(
        `${name} "${text}" (--${name} or ${variable}) must be a whole number of ${unit} from ${min} to ${max}`,
      );
    return value;
  };
  return {
    idleTimeoutMs:
      number('terminal-idle-timeout', 'PORTOLAN_TERMINAL_IDLE_TIMEOUT_SECONDS', 900, 1, 86_400, 'seconds') *
      1000,
    detachGraceMs:
      number('terminal-detach-grace', 'PORTOLAN_TERMINAL_DETACH_GRACE_SECONDS', 300, 1, 86_400, 'seconds') *
      1000,
    maxPerUser: number('terminal-max-per-user', 'PORTOLAN_TERMINAL_MAX_PER_USER', 5, 1, 1000, 'sessions'),
    maxPerReplica: number(
      'terminal-max-per-replica',
      'PORTOLAN_TERMINAL_MAX_PER_REPLICA',
      50,
      1,
      10_000,
      'sessions',
    ),
  };
}

/** OpenID Connect from PORTOLAN_OIDC_*: issuer, client id and redirect URI are required together. */
function oidcFromEnv(env: NodeJS.ProcessEnv): OidcSettings | undefined {
  const issuer = env.PORTOLAN_OIDC_ISSUER;
  if (!issuer) return undefined;
  const clientId = env.PORTOLAN_OIDC_CLIENT_ID;
  const redirectUri = env.PORTOLAN_OIDC_REDIRECT_URI;
  if (!clientId || !redirectUri) {
    throw new ConfigError(
      'PORTOLAN_OIDC_ISSUER needs PORTOLAN_OIDC_CLIENT_ID and PORTOLAN_OIDC_REDIRECT_URI (…/api/v1/auth/oidc/callback as users reach it)',
    );
  }
  return {
    issuer,
    clientId,
    redirectUri,
    ...(env.PORTOLAN_OIDC_CLIENT_SECRET ? { clientSecret: env.PORTOLAN_OIDC_CLIENT_SECRET } : {}),
    ...(env.PORTOLAN_OIDC_NAME ? { displayName: env.PORTOLAN_OIDC_NAME } : {}),
    ...(env.PORTOLAN_OIDC_SCOPES ? { scopes: env.PORTOLAN_OIDC_SCOPES.split(/[ ,]+/).filter(Boolean) } : {}),
    ...(env.PORTOLAN_OIDC_GROUPS_CLAIM ? { groupsClaim: env.PORTOLAN_OIDC_GROUPS_CLAIM } : {}),
  };
}

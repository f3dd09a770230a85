import type { DiscoveredResource } from '#server/kube/discovery-types.ts';
import { createKubeClient, type KubeClientOptions } from '#server/kube/http-kube-client.ts';
import type { KubeClient } from '#server/kube/kube-client.ts';
import type { KubeConnection } from '#server/kube/kube-connection.ts';
import type { RequestStep } from '#server/kube/kube-connection-errors.ts';
import { type ConnectionFailure, KubeConnectionError } from '#server/kube/kube-connection-errors.ts';
import { KubeError } from '#server/kube/kube-errors.ts';
import type { Clock } from '#server/time/clock.ts';
import { countNodes, whoAmI } from './cluster-facts.ts';
import { type CredentialExpiryItem, certificateValidity, credentialExpiry } from './credential-expiry.ts';
import { parseKubeconfig, readKubeconfigFile } from './kubeconfig.ts';
import { connectionFromKubeconfig, type KubeconfigConnection } from './kubeconfig-connection.ts';
import { KubeconfigError, type KubeconfigProblem } from './kubeconfig-errors.ts';
import { detectPlatform, type Platform } from './platform-detect.ts';
import { type MissingPermission, missingSyncPermissions } from './sync-permissions.ts';

export type KubeconfigSource = { text: string; baseDir?: string } | { file: string };

export type CheckProblem = KubeconfigProblem | ConnectionFailure | 'unauthorized' | 'api-error';

export interface ClusterFacts {
  context: { name: string; cluster: string; user: string; namespace: string | undefined };
  server: string;
  /** Who the credentials authenticate as, when the server says (SelfSubjectReview). */
  identity: { username: string; groups: string[] } | undefined;
  version: { gitVersion: string; major: string; minor: string };
  platform: Platform;
  platformEvidence: string;
  /** Undefined when the credentials may not list nodes. */
  nodeCount: number | undefined;
  /** What sync needs but the credentials may not do (list/watch in all namespaces). */
  missingPermissions: MissingPermission[];
  credentialExpiry: CredentialExpiryItem[];
  warnings: string[];
}

export type ConnectionCheck =
  | { ok: true; cluster: ClusterFacts }
  | {
      ok: false;
      problem: CheckProblem;
      message: string;
      field?: string;
      line?: number;
      column?: number;
      /** For a timeout: the step that ran out of time (credentials, proxy, connect, tls, first-byte, body). */
      step?: RequestStep;
    };

/** How long registration and a connection check may take in all, unless configured. */
export const DEFAULT_CHECK_TIMEOUT_MS = 10_000;

export interface ConnectionCheckDeps {
  clock: Clock;
  /** The environment exec plugins start from. */
  env: NodeJS.ProcessEnv;
  /** Exec plugins and file references act on the Portolan server: allow them only for trusted callers. */
  allowExec: boolean;
  allowFiles: boolean;
  /** Warn about credentials that expire within this many days (default 30). */
  expiryWarningDays?: number;
  /**
   * Which of the served resources sync will keep, so their permissions are checked. Sync decides
   * (sync/resource-selection.ts, with the configured PORTOLAN_SYNC_RESOURCES); the composition root
   * hands its choice down, as clusters/ sits below sync/.
   */
  syncedResources: (served: DiscoveredResource[]) => DiscoveredResource[];
  /** The whole check's time limit, across every request it makes (default DEFAULT_CHECK_TIMEOUT_MS). */
  timeoutMs?: number;
  /** The exec plugin time limit (default DEFAULT_EXEC_TIMEOUT_MS). */
  execTimeoutMs?: number;
  createClient?: (connection: KubeConnection, options: KubeClientOptions) => KubeClient;
}

/** The field a timed-out step depends on, so the message points at what to check. */
function timeoutField(prepared: KubeconfigConnection, step: RequestStep): string {
  const { cluster, user } = prepared.context;
  if (step === 'credentials') {
    const kinds = prepared.credentials.kinds;
    const key = kinds.includes('exec') ? '.exec' : kinds.includes('token-file') ? '.tokenFile' : '';
    return `users[${user.name}].user${key}`;
  }
  return `clusters[${cluster.name}].cluster.${step === 'proxy' ? 'proxy-url' : 'server'}`;
}

function refuse(error: unknown, prepared?: KubeconfigConnection): ConnectionCheck {
  if (error instanceof KubeconfigError) {
    return {
      ok: false,
      problem: error.problem,
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
      ...(error.line !== undefined ? { line: error.line, column: error.column ?? 1 } : {}),
    };
  }
  if (error instanceof KubeConnectionError) {
    const step = error.step;
    if (!step || !prepared) return { ok: false, problem: error.failure, message: error.message };
    const field = timeoutField(prepared, step);
    const exec = prepared.context.user.value.exec;
    const message =
      step === 'credentials' && exec
        ? `the credential plugin "${exec.command ?? ''}" (${field}) did not return in time: ${error.message}`
        : error.message;
    return { ok: false, problem: error.failure, message, field, step };
  }
  if (error instanceof KubeError) {
    return { ok: false, problem: error.code === 401 ? 'unauthorized' : 'api-error', message: error.message };
  }
  // Whatever else the cluster's answers caused is still a refusal with its reason, never a 500.
  return {
    ok: false,
    problem: 'api-error',
    message: `checking the cluster failed: ${error instanceof Error ? error.message : String(error)}`,
  };
}

/** Refuses credentials that are already expired or not yet valid, naming the date. */
function expiredBeforeConnecting(prepared: KubeconfigConnection, now: Date): ConnectionCheck | undefined {
  for (const material of prepared.credentials.material()) {
    if (material.certificatePem) {
      const validity = certificateValidity(material.certificatePem);
      if (validity.notAfter <= now || validity.notBefore > now) {
        const expired = validity.notAfter <= now;
        return {
          ok: false,
          problem: 'credential-expired',
          field: material.field,
          message: expired
            ? `the client certificate (${validity.subject}) from ${material.field} expired at ${validity.notAfter.toISOString()}; get a new certificate for this user and replace the kubeconfig`
            : `the client certificate (${validity.subject}) from ${material.field} is not valid before ${validity.notBefore.toISOString()}; check this server's clock`,
        };
      }
    }
  }
  const expiredToken = credentialExpiry(prepared.credentials.material())
    .warnings(now, 0)
    .find((warning) => warning.expired);
  if (expiredToken) {
    return {
      ok: false,
      problem: 'credential-expired',
      field: expiredToken.field,
      message: expiredToken.message,
    };
  }
  return undefined;
}

/** Connects with an already prepared kubeconfig connection and gathers what the registry records. */
export async function checkConnection(
  prepared: KubeconfigConnection,
  deps: ConnectionCheckDeps,
): Promise<ConnectionCheck> {
  const expired = expiredBeforeConnecting(prepared, deps.clock());
  if (expired) return expired;
  // One budget for the whole check: a server, proxy or plugin that never answers is refused in time.
  const limitMs = deps.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const endsAt = deps.clock().getTime() + limitMs;
  const client = (deps.createClient ?? createKubeClient)(prepared.connection, {
    timeoutMs: limitMs,
    remainingMs: () => endsAt - deps.clock().getTime(),
  });
  try {
    const version = await client.get<{ gitVersion?: string; major?: string; minor?: string }>('/version');
    const identity = await whoAmI(client);
    const nodes = await countNodes(client);
    const discovery = await client.discover();
    const platform = detectPlatform({
      gitVersion: version.gitVersion ?? '',
      nodes: nodes.sample,
      apiGroups: discovery.groups.map((group) => group.name),
    });
    const wanted = deps.syncedResources(discovery.resources);
    const missingPermissions = await missingSyncPermissions(client, wanted);
    const expiry = credentialExpiry(prepared.credentials.material());
    const warnings = [
      ...prepared.warnings,
      ...expiry.warnings(deps.clock(), deps.expiryWarningDays ?? 30).map((warning) => warning.message),
      ...(nodes.count === undefined
        ? ['the credentials may not list nodes, so the node count is unknown']
        : []),
      ...(missingPermissions.length > 0
        ? [
            `sync cannot list and watch ${missingPermissions.length} resource type(s) in all namespaces: ${missingPermissions
              .slice(0, 8)
              .map((entry) => (entry.group ? `${entry.resource}.${entry.group}` : entry.resource))
              .join(', ')}${missingPermissions.length > 8 ? ', …' : ''}`,
          ]
        : []),
      ...discovery.failed.map(
        (failure) => `API ${failure.groupVersion} could not be discovered: ${failure.message}`,
      ),
    ];
    const { context } = prepared;
    return {
      ok: true,
      cluster: {
        context: {
          name: context.name,
          cluster: context.cluster.name,
          user: context.user.name,
          namespace: context.namespace,
        },
        server: prepared.connection.server,
        identity,
        version: {
          gitVersion: version.gitVersion ?? '',
          major: version.major ?? '',
          minor: version.minor ?? '',
        },
        platform: platform.platform,
        platformEvidence: platform.evidence,
        nodeCount: nodes.count,
        missingPermissions,
        credentialExpiry: expiry.items,
        warnings,
      },
    };
  } catch (error) {
    if (error instanceof KubeError && error.code === 401) {
      const stale = credentialExpiry(prepared.credentials.material())
        .warnings(deps.clock(), 0)
        .map((warning) => ` (${warning.message})`)
        .join('');
      return {
        ok: false,
        problem: 'unauthorized',
        message: `the API server at ${prepared.connection.server} did not accept the credentials of user "${prepared.context.user.name}" (401 Unauthorized)${stale}; get current credentials for this cluster`,
      };
    }
    return refuse(error, prepared);
  } finally {
    client.close();
  }
}

/** Everything before saving a cluster: parse, choose the context, connect, and gather facts. */
export async function checkKubeconfig(
  request: { kubeconfig: KubeconfigSource; context?: string },
  deps: ConnectionCheckDeps,
): Promise<ConnectionCheck> {
  let prepared: KubeconfigConnection;
  try {
    const source = request.kubeconfig;
    const config = 'file' in source ? await readKubeconfigFile(source.file) : parseKubeconfig(source.text);
    const baseDir = 'file' in source ? undefined : source.baseDir;
    prepared = await connectionFromKubeconfig(config, {
      ...(request.context ? { context: request.context } : {}),
      clock: deps.clock,
      env: deps.env,
      allowExec: deps.allowExec,
      files: { allowFiles: deps.allowFiles, ...(baseDir ? { baseDir } : {}) },
      ...(deps.execTimeoutMs !== undefined ? { execTimeoutMs: deps.execTimeoutMs } : {}),
    });
  } catch (error) {
    return refuse(error);
  }
  return checkConnection(prepared, deps);
}

import type { KubeClientOptions } from '#server/kube/http-kube-client.ts';
import type { KubeClient } from '#server/kube/kube-client.ts';
import type { KubeConnection } from '#server/kube/kube-connection.ts';
import type { Cluster, Store } from '#server/store/store.ts';
import type { Clock } from '#server/time/clock.ts';
import { type ClusterError, clusterError } from './cluster-errors.ts';
import { reasonOfUnopenable } from './cluster-reasons.ts';
import { type ClusterFacts, type ConnectionCheckDeps, checkConnection } from './connection-check.ts';
import type { CredentialCipher } from './credential-cipher.ts';
import { type CredentialWarning, credentialExpiry } from './credential-expiry.ts';
import { parseKubeconfig } from './kubeconfig.ts';
import { connectionFromKubeconfig, type KubeconfigConnection } from './kubeconfig-connection.ts';
import { KubeconfigError } from './kubeconfig-errors.ts';
import { flattenKubeconfig } from './kubeconfig-flatten.ts';
import {
  type ClusterNotices,
  clusterChanges,
  type OpenedCredentials,
  type RefreshTimer,
  sealedText,
} from './registry-refresh.ts';

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export interface KubeconfigInput {
  kubeconfig: string;
  context?: string;
}

export interface RegisterInput extends KubeconfigInput {
  name: string;
  displayName?: string;
  description?: string;
  labels?: Record<string, string>;
}

/** What the caller may let a kubeconfig do on this server. */
export interface TrustOptions {
  allowExec: boolean;
  allowFiles: boolean;
}

/** A cluster as the API shows it: never its credentials. */
export interface ClusterView extends Omit<Cluster, 'credentials'> {
  credentialExpiry: { kind: string; field: string; expiresAt: string | null; renewable: boolean }[];
  warnings: string[];
}

export interface ClusterRegistry {
  /** Opens a client for every stored cluster and starts their sync (and the refresh timer, if any). */
  start(): Promise<void>;
  /**
   * Matches the stored clusters: opens those registered or given new credentials elsewhere, closes
   * (and purges) those removed elsewhere. Replicas on one database call it on a timer.
   */
  refresh(): Promise<void>;
  stop(): Promise<void>;
  register(input: RegisterInput, trust: TrustOptions): Promise<{ cluster: ClusterView; facts: ClusterFacts }>;
  /** Registration's connection check on a kubeconfig, saving nothing: the facts, or the refusal. */
  testConnection(input: KubeconfigInput, trust: TrustOptions): Promise<ClusterFacts>;
  list(): Promise<ClusterView[]>;
  get(name: string): Promise<ClusterView>;
  update(
    name: string,
    patch: { displayName?: string; description?: string; labels?: Record<string, string> },
  ): Promise<ClusterView>;
  /** New credentials for the same cluster; its data and settings are kept. */
  replaceKubeconfig(name: string, input: KubeconfigInput, trust: TrustOptions): Promise<ClusterView>;
  remove(name: string): Promise<void>;
  clientOf(clusterId: string): KubeClient | undefined;
  connectionOf(name: string): Promise<{ cluster: Cluster; connection: KubeConnection } | undefined>;
}

export interface ClusterRegistryDeps {
  store: Store;
  cipher: CredentialCipher;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  /** `options` bound a connection check's requests; a cluster's own client gets none. */
  createClient: (connection: KubeConnection, options?: KubeClientOptions) => KubeClient;
  /** How long registration's connection check may take in all (default DEFAULT_CHECK_TIMEOUT_MS). */
  checkTimeoutMs?: number;
  /** The exec plugin time limit (default DEFAULT_EXEC_TIMEOUT_MS). */
  execTimeoutMs?: number;
  /** Called when a cluster's client is ready (start its sync) or gone (stop it). */
  onClientReady: (clusterId: string, client: KubeClient) => Promise<void>;
  onClientGone: (clusterId: string) => Promise<void>;
  /** After a cluster is removed (its rows are purged): forget what else names it. */
  onRemoved?: (cluster: Cluster) => Promise<void>;
  /** After a refresh finds a cluster removed by another replica and closes it here. */
  onRemovedElsewhere?: (clusterId: string) => Promise<void>;
  /** While the cluster is still connected, just before removal: undo what Portolan set up on it. */
  beforeRemove?: (cluster: Cluster, client: KubeClient) => Promise<void>;
  expiryWarningDays?: number;
  /** What sync will keep of a cluster's resources: registration checks that it may list and watch them. */
  syncedResources: ConnectionCheckDeps['syncedResources'];
  /**
   * Replicas sharing a database: refresh from the store this often, since others change it too,
   * and at once when another replica announces a change through `notices` (this one announces its own).
   */
  refresh?: { everyMs: number; timer: RefreshTimer; notices?: ClusterNotices };
}

/**
 * The registered clusters: checked before they are saved, credentials sealed at rest (the cluster
 * id is bound into the ciphertext), one client each while the server runs.
 */
export function createClusterRegistry(deps: ClusterRegistryDeps): ClusterRegistry {
  const clients = new Map<string, KubeClient>();
  const prepared = new Map<string, KubeconfigConnection>();
  const warningDays = deps.expiryWarningDays ?? 30;
  const execLimit = deps.execTimeoutMs !== undefined ? { execTimeoutMs: deps.execTimeoutMs } : {};
  const opened: OpenedCredentials = new Map();
  let refreshing: { cancel(): void } | undefined;
  // Refreshes and this replica's own registrations, replacements and removals run one at a time,
  // so a refresh never opens a cluster that is half registered or being removed here.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };
  // A refresh asked for while one waits in the queue is already covered by it.
  let refreshQueued = false;
  // Once stopped, a late notice must not open the clusters again.
  let stopped = false;
  const refreshSoon = () => {
    if (refreshQueued || stopped) return;
    refreshQueued = true;
    void exclusive(async () => {
      refreshQueued = false;
      await refresh();
    }).catch(() => undefined);
  };
  const notices = deps.refresh?.notices;
  /** Other replicas refresh now; a lost notice is caught by their timer. */
  const announce = () => notices?.announce().catch(() => undefined);

  async function prepare(kubeconfigText: string, context: string | undefined, trust: TrustOptions) {
    try {
      const config = parseKubeconfig(kubeconfigText);
      const files = { allowFiles: trust.allowFiles };
      // Checked as the user wrote it, so errors name their fields and lines (client-certificate,
      // not the client-certificate-data that flattening makes of it); the flat copy is what is kept.
      const connection = await connectionFromKubeconfig(config, {
        ...(context ? { context } : {}),
        clock: deps.clock,
        env: deps.env,
        allowExec: trust.allowExec,
        files,
        ...execLimit,
      });
      const flat = await flattenKubeconfig(config, context, files);
      return { flat, connection };
    } catch (error) {
      if (error instanceof KubeconfigError) throw clusterError('invalid-kubeconfig', error.message, error);
      throw error;
    }
  }

  async function check(connection: KubeconfigConnection): Promise<ClusterFacts> {
    const result = await checkConnection(connection, {
      clock: deps.clock,
      env: deps.env,
      allowExec: true,
      allowFiles: true,
      expiryWarningDays: warningDays,
      createClient: deps.createClient,
      syncedResources: deps.syncedResources,
      ...(deps.checkTimeoutMs !== undefined ? { timeoutMs: deps.checkTimeoutMs } : {}),
      ...execLimit,
    });
    if (!result.ok) throw clusterError('connection-failed', result.message, result);
    return result.cluster;
  }

  async function open(cluster: Cluster): Promise<void> {
    opened.set(cluster.id, sealedText(cluster));
    const text = deps.cipher
      .decrypt(Buffer.from(cluster.credentials).toString('utf8'), cluster.id)
      .toString('utf8');
    const connection = await connectionFromKubeconfig(parseKubeconfig(text), {
      clock: deps.clock,
      env: deps.env,
      allowExec: true,
      files: { allowFiles: true },
      ...execLimit,
    });
    await close(cluster.id);
    const client = deps.createClient(connection.connection);
    clients.set(cluster.id, client);
    prepared.set(cluster.id, connection);
    await deps.onClientReady(cluster.id, client);
  }

  async function close(clusterId: string): Promise<void> {
    const client = clients.get(clusterId);
    clients.delete(clusterId);
    prepared.delete(clusterId);
    if (client) {
      await deps.onClientGone(clusterId);
      client.close();
    }
  }

  function view(cluster: Cluster): ClusterView {
    const { credentials: _sealed, ...rest } = cluster;
    const connection = prepared.get(cluster.id);
    const expiry = connection ? credentialExpiry(connection.credentials.material()) : undefined;
    const warnings: CredentialWarning[] = expiry ? expiry.warnings(deps.clock(), warningDays) : [];
    return {
      ...rest,
      credentialExpiry: (expiry?.items ?? []).map((item) => ({
        kind: item.kind,
        field: item.field,
        expiresAt: item.expiresAt?.toISOString() ?? null,
        renewable: item.renewable,
      })),
      warnings: [...(connection?.warnings ?? []), ...warnings.map((warning) => warning.message)],
    };
  }

  async function load(name: string): Promise<Cluster> {
    const cluster = await deps.store.clusters.getByName(name);
    if (!cluster)
      throw clusterError('not-found', `no cluster named "${name}"; GET /api/v1/clusters lists them`, {
        params: { kind: 'cluster', name },
      });
    return cluster;
  }

  /** Opens the cluster; credentials that cannot be opened leave it Offline with the reason. */
  async function openOrMarkOffline(cluster: Cluster): Promise<void> {
    await open(cluster).catch(async (error: unknown) => {
      await deps.store.clusters.setHealth(cluster.id, { status: 'Offline', ...reasonOfUnopenable(error) });
    });
  }

  async function refresh(): Promise<void> {
    const changes = clusterChanges(await deps.store.clusters.list(), opened);
    for (const clusterId of changes.close) {
      opened.delete(clusterId);
      await close(clusterId);
      // Its sync wrote until it stopped just now, after the replica that removed it purged its rows.
      await deps.store.resources.purgeCluster(clusterId);
      await deps.onRemovedElsewhere?.(clusterId);
    }
    for (const cluster of changes.open) await openOrMarkOffline(cluster);
  }

  const seal = (text: string, clusterId: string) =>
    new TextEncoder().encode(deps.cipher.encrypt(text, clusterId));

  return {
    async start() {
      // Listening first, so a change made while the clusters below are opened is not missed.
      await notices?.listen(refreshSoon);
      for (const stored of await deps.store.clusters.list()) {
        let cluster = stored;
        // After a key rotation, credentials sealed with an older key are sealed again with the new one.
        const sealed = Buffer.from(cluster.credentials).toString('utf8');
        if (sealed && deps.cipher.needsReencryption(sealed)) {
          const resealed = deps.cipher.reencrypt(sealed, cluster.id);
          cluster = await deps.store.clusters.update(cluster.id, {
            credentials: new TextEncoder().encode(resealed),
          });
        }
        await openOrMarkOffline(cluster);
      }
      if (deps.refresh && !refreshing) {
        const { everyMs, timer } = deps.refresh;
        refreshing = timer.every(everyMs, refreshSoon);
      }
    },
    refresh: () => exclusive(refresh),
    async stop() {
      stopped = true;
      refreshing?.cancel();
      refreshing = undefined;
      await exclusive(async () => {
        for (const clusterId of [...clients.keys()]) await close(clusterId);
        opened.clear();
      });
      await notices?.close();
    },

    async register(input, trust) {
      if (!NAME.test(input.name) || input.name.length > 63) {
        throw clusterError(
          'invalid',
          `name "${input.name}" must be 1-63 lower-case letters, digits or "-", starting and ending with a letter or digit`,
          { field: 'name' },
        );
      }
      if (await deps.store.clusters.getByName(input.name)) {
        throw clusterError(
          'conflict',
          `a cluster named "${input.name}" is already registered; choose another name`,
        );
      }
      const { flat, connection } = await prepare(input.kubeconfig, input.context, trust);
      const facts = await check(connection);
      return exclusive(async () => {
        // The id is bound into the ciphertext, so it is sealed after the row exists.
        let cluster = await deps.store.clusters.create({
          name: input.name,
          displayName: input.displayName ?? input.name,
          description: input.description ?? '',
          labels: input.labels ?? {},
          serverUrl: connection.connection.server,
          credentials: new Uint8Array(),
        });
        cluster = await deps.store.clusters.update(cluster.id, { credentials: seal(flat, cluster.id) });
        await deps.store.clusters.setHealth(cluster.id, {
          status: 'Ready',
          reason: null,
          lastSeenAt: deps.clock(),
          version: facts.version.gitVersion,
          platform: facts.platform,
          nodeCount: facts.nodeCount ?? null,
        });
        await open(cluster);
        await announce();
        return { cluster: view(await load(input.name)), facts };
      });
    },

    async testConnection(input, trust) {
      const { connection } = await prepare(input.kubeconfig, input.context, trust);
      return check(connection);
    },

    async list() {
      return (await deps.store.clusters.list()).map(view);
    },
    async get(name) {
      return view(await load(name));
    },
    async update(name, patch) {
      const cluster = await load(name);
      return view(await deps.store.clusters.update(cluster.id, patch));
    },

    async replaceKubeconfig(name, input, trust) {
      const cluster = await load(name);
      const { flat, connection } = await prepare(input.kubeconfig, input.context, trust);
      const facts = await check(connection);
      return exclusive(async () => {
        const updated = await deps.store.clusters.update(cluster.id, {
          serverUrl: connection.connection.server,
          credentials: seal(flat, cluster.id),
        });
        await deps.store.clusters.setHealth(cluster.id, {
          version: facts.version.gitVersion,
          platform: facts.platform,
          nodeCount: facts.nodeCount ?? null,
        });
        await open(updated);
        await announce();
        return view(await load(name));
      });
    },

    async remove(name) {
      const cluster = await load(name);
      const client = clients.get(cluster.id);
      if (client) await deps.beforeRemove?.(cluster, client);
      await exclusive(async () => {
        opened.delete(cluster.id);
        await close(cluster.id);
        await deps.store.clusters.delete(cluster.id);
      });
      await deps.onRemoved?.(cluster);
      await announce();
    },

    clientOf: (clusterId) => clients.get(clusterId),
    async connectionOf(name) {
      const cluster = await deps.store.clusters.getByName(name);
      const connection = cluster ? prepared.get(cluster.id) : undefined;
      return cluster && connection ? { cluster, connection: connection.connection } : undefined;
    },
  };
}

export type { ClusterError };

import type { ClusterRegistry } from '#server/clusters/cluster-registry.ts';
import { parseKubeconfig } from '#server/clusters/kubeconfig.ts';
import { connectionFromKubeconfig } from '#server/clusters/kubeconfig-connection.ts';
import { createKubeClient } from '#server/kube/http-kube-client.ts';
import type { Store } from '#server/store/store.ts';
import type { SyncManager } from '#server/sync/sync-manager.ts';
import type { Clock } from '#server/time/clock.ts';
import type { ManagedClusters } from './managed-clusters.ts';
import { waiting } from './step-words.ts';

/** The lifecycle's view of the cluster registry and sync on this replica. */
export function registryManagedClusters(deps: {
  clusters: ClusterRegistry;
  sync: Pick<SyncManager, 'status'>;
  store: Pick<Store, 'clusters'>;
  env: NodeJS.ProcessEnv;
  clock: Clock;
}): ManagedClusters {
  const byName = (name: string) => deps.store.clusters.getByName(name);
  return {
    async labelsOf(name) {
      return (await byName(name))?.labels;
    },
    async register(name, kubeconfig, labels) {
      // The provider's own kubeconfig: its certificate files may be read, no exec plugin runs.
      await deps.clusters.register({ name, kubeconfig, labels }, { allowExec: false, allowFiles: true });
    },
    async unregister(name) {
      await deps.clusters.remove(name);
    },
    async clientOf(name) {
      const cluster = await byName(name);
      return cluster ? deps.clusters.clientOf(cluster.id) : undefined;
    },
    async notSyncing(name) {
      const cluster = await byName(name);
      if (!cluster) return waiting('sync-unregistered', { cluster: name }, `${name} is not registered`);
      if (!deps.clusters.clientOf(cluster.id))
        return waiting('sync-client', { cluster: name }, `${name}'s client is not open yet`);
      const status = deps.sync.status(cluster.id);
      // Another replica may hold its sync lease: registered with an open client is as far as this one sees.
      if (!status) return undefined;
      if (status.state === 'syncing') return undefined;
      return waiting(
        'sync-state',
        { cluster: name, state: status.state, error: status.error ?? '' },
        `sync of ${name} is ${status.state}${status.error ? `: ${status.error}` : ''}`,
      );
    },
    async clientFromKubeconfig(kubeconfig) {
      const connection = await connectionFromKubeconfig(parseKubeconfig(kubeconfig), {
        clock: deps.clock,
        env: deps.env,
        allowExec: false,
        files: { allowFiles: true },
      });
      return createKubeClient(connection.connection);
    },
  };
}

import type { KubeClient } from '#server/kube/kube-client.ts';
import type { Waiting } from './step-words.ts';

/** Labels every cluster Portolan created carries in the registry. */
export const MANAGED_LABELS = {
  'portolan.dev/managed-by': 'lifecycle',
  'portolan.dev/provider': 'sandbox',
} as const;

/** What the lifecycle needs of the cluster registry and sync (wired in portolan.ts). */
export interface ManagedClusters {
  /** The registered cluster's labels, or undefined when no cluster has that name. */
  labelsOf(name: string): Promise<Record<string, string> | undefined>;
  register(name: string, kubeconfig: string, labels: Record<string, string>): Promise<void>;
  unregister(name: string): Promise<void>;
  /** The registered cluster's client (undefined while it is not registered or not open). */
  clientOf(name: string): Promise<KubeClient | undefined>;
  /** What is still awaited before the cluster syncs; undefined when it does. */
  notSyncing(name: string): Promise<Waiting | undefined>;
  /** A client on a kubeconfig a provider made (before the cluster is registered). */
  clientFromKubeconfig(kubeconfig: string): Promise<KubeClient>;
}

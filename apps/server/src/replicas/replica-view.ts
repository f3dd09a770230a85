import type { ReplicaList } from '@portolan/api';
import type { Store } from '#server/store/store.ts';
import type { Clock } from '#server/time/clock.ts';
import { DEFAULT_LEASE_TTL_MS } from './work-leases.ts';

/** The replicas sharing the database, each with the leases it holds now, for platform Admins. */
export async function listReplicas(
  deps: { store: Pick<Store, 'replicas' | 'clusters'>; clock: Clock; self: string | undefined },
  ttlMs = DEFAULT_LEASE_TTL_MS,
): Promise<ReplicaList> {
  const now = deps.clock().getTime();
  const [replicas, leases, clusters] = await Promise.all([
    deps.store.replicas.live(now - ttlMs),
    deps.store.replicas.list(),
    deps.store.clusters.list(),
  ]);
  const names = new Map(clusters.map((cluster) => [cluster.id, cluster.name]));
  const live = new Set(replicas.map((replica) => replica.id));
  const current = leases.filter((lease) => lease.owner !== '' && lease.expiresAt.getTime() > now);
  return {
    items: replicas.map((replica) => ({
      id: replica.id,
      address: replica.address,
      startedAt: replica.startedAt.toISOString(),
      heartbeatAt: replica.heartbeatAt.toISOString(),
      self: replica.id === deps.self,
      owns: current
        .filter((lease) => lease.owner === replica.id)
        .map((lease) => {
          const [kind, ...rest] = lease.name.split(':');
          const target = rest.join(':');
          return {
            lease: lease.name,
            kind: kind === 'job' ? ('job' as const) : ('cluster' as const),
            target: kind === 'job' ? target : (names.get(target) ?? target),
            generation: lease.generation,
            since: lease.acquiredAt.toISOString(),
            expiresAt: lease.expiresAt.toISOString(),
          };
        }),
    })),
    unowned: leases
      .filter((lease) => !current.includes(lease) || !live.has(lease.owner))
      .map((lease) => lease.name),
  };
}

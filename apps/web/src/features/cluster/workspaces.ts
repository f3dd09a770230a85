import { useQuery } from '@tanstack/react-query';
import { useCan } from '../../app/can.ts';
import { clusterApi } from './cluster-api.ts';

/**
 * Which workspace each namespace of the cluster belongs to. The API lists bindings per workspace, so
 * this reads every workspace the caller may see (page by page) and keeps the cluster's bindings; a caller who
 * may read no workspace gets an empty map.
 */
export function useWorkspaceOf(cluster: string): Map<string, string> {
  const can = useCan();
  const allowed = can('workspaces:read', { somewhere: true });
  const bindings = useQuery({
    queryKey: ['workspaces', 'bindings'],
    enabled: allowed,
    staleTime: 30_000,
    queryFn: async () => {
      const names = await clusterApi.allWorkspaces();
      const bound = await Promise.all(
        names.map((workspace) =>
          clusterApi
            .workspaceNamespaces(workspace)
            .then((answer) => answer.items)
            .catch(() => []),
        ),
      );
      return bound.flat();
    },
  });
  return new Map(
    (bindings.data ?? [])
      .filter((binding) => binding.cluster === cluster)
      .map((binding) => [binding.namespace, binding.workspace]),
  );
}

import { readFile } from 'node:fs/promises';
import type { SandboxManager, SandboxOptionsInput, StartReport } from '@portolan/sandbox';
import { ClusterError } from '#server/clusters/cluster-errors.ts';
import type { ClusterRegistry, ClusterView, TrustOptions } from '#server/clusters/cluster-registry.ts';
import type { Caller } from '#server/iam/caller.ts';
import { applyManifests } from '#server/resources/apply-service.ts';
import type { ResourceTargets } from '#server/resources/resource-targets.ts';
import { demoManifests } from './demo-manifests.ts';

/** One object the demo made, as the answer lists it (the console shows it as progress done). */
export interface DemoObject {
  kind: string;
  namespace?: string;
  name: string;
  outcome: 'created' | 'configured' | 'failed';
  error?: string;
}

export interface SandboxClusterReport {
  sandbox: StartReport;
  /** The registered cluster, named as the sandbox. */
  cluster: ClusterView;
  /** Present when the demo was asked for. */
  demo?: { failed: number; objects: DemoObject[] };
}

export interface SandboxClusters {
  /** Creates a sandbox, registers it as a cluster of the same name and, when asked, fills it with the demo. */
  create(
    caller: Caller,
    input: SandboxOptionsInput,
    options: { demo: boolean },
  ): Promise<SandboxClusterReport>;
}

/**
 * "Create a sandbox cluster" in one step: the sandbox's own admin kubeconfig is registered like any
 * other cluster, and the demo goes in through Portolan's apply service as the caller, so it takes
 * the same path (and the same checks) as a user's own manifests.
 */
export function createSandboxClusters(deps: {
  sandboxes: SandboxManager;
  clusters: ClusterRegistry;
  targets: ResourceTargets;
  trust: TrustOptions;
}): SandboxClusters {
  return {
    async create(caller, input, options) {
      // Refused before minutes of start-up rather than after.
      const taken = (await deps.clusters.list()).some((cluster) => cluster.name === input.name);
      if (taken)
        throw new ClusterError(
          'conflict',
          `a cluster named "${input.name}" is registered already; choose another sandbox name`,
          { field: 'name' },
        );
      const sandbox = await deps.sandboxes.create(input);
      const kubeconfig = await readFile(sandbox.sandbox.kubeconfigPath, 'utf8');
      const { cluster } = await deps.clusters.register(
        { name: input.name, kubeconfig, labels: { 'portolan.dev/sandbox': 'true' } },
        deps.trust,
      );
      if (!options.demo) return { sandbox, cluster };
      const target = await deps.targets.of(cluster.name, caller);
      const results = await applyManifests(target, demoManifests(), { fieldManager: 'portolan-demo' });
      const objects = results.map((result) => ({
        kind: result.kind,
        ...(result.namespace ? { namespace: result.namespace } : {}),
        name: result.name,
        outcome: result.outcome,
        ...(result.error ? { error: result.error.message } : {}),
      }));
      return {
        sandbox,
        cluster,
        demo: { failed: objects.filter((object) => object.outcome === 'failed').length, objects },
      };
    },
  };
}

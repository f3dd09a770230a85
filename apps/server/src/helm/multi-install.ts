import type { MultiInstallAnswer, MultiInstallBody } from '@portolan/api';
import { ClusterError } from '#server/clusters/cluster-errors.ts';
import { authorize } from '#server/iam/authorize.ts';
import type { Caller } from '#server/iam/caller.ts';
import { HelmCommandError, helmRefusal } from './helm-runner-errors.ts';
import type { ReleaseOperations } from './release-operations.ts';
import { parseValues } from './values-check.ts';

type Outcome = MultiInstallAnswer['items'][number];

/**
 * One chart on several clusters: a job per cluster, each with the shared values and its own laid
 * over them. A cluster the caller may not write in (or whose start fails: a values schema error, a
 * release already there, unless `upgradeExisting` asks to upgrade it) is refused for that cluster
 * only; bad YAML anywhere refuses the whole request.
 */
export async function installAcross(
  deps: { operations: ReleaseOperations; clusterExists: (name: string) => Promise<unknown> },
  caller: Caller,
  input: MultiInstallBody,
): Promise<MultiInstallAnswer> {
  const shared = parseValues(input.values, 'values');
  const targets = input.targets.map((target, index) => ({
    cluster: target.cluster,
    namespace: target.namespace ?? input.namespace,
    values: [shared, parseValues(target.values, `targets[${index}].values`)].filter(
      (text): text is string => text !== undefined,
    ),
  }));
  const seen = new Set<string>();
  const items: Outcome[] = [];
  // One after the other: each start renders the chart, and a machine has few cores to share.
  for (const target of targets) {
    const { cluster, namespace } = target;
    const key = `${cluster}/${namespace}`;
    if (seen.has(key)) {
      items.push({
        cluster,
        namespace,
        error: {
          code: 'duplicate',
          message: `cluster ${cluster} and namespace ${namespace} are listed twice; the first one counts`,
        },
      });
      continue;
    }
    seen.add(key);
    if (!authorize(caller, 'resources:write', { cluster, namespace })) {
      items.push({
        cluster,
        namespace,
        error: {
          code: 'forbidden',
          message: `you may not resources:write in namespace ${namespace} of cluster ${cluster}; ask its Admin for a role`,
        },
      });
      continue;
    }
    const release = { cluster, namespace, name: input.name };
    const timing = {
      ...(input.timeoutSeconds !== undefined ? { timeoutSeconds: input.timeoutSeconds } : {}),
      ...(input.wait !== undefined ? { wait: input.wait } : {}),
    };
    try {
      await deps.clusterExists(cluster);
      const job = await deps.operations
        .install(caller, release, {
          chart: input.chart,
          values: target.values,
          ...(input.createNamespace !== undefined ? { createNamespace: input.createNamespace } : {}),
          ...timing,
        })
        .then((started) => ({ action: 'install' as const, started }))
        .catch((error: unknown) => {
          if (
            !(input.upgradeExisting && error instanceof HelmCommandError && error.code === 'already-exists')
          )
            throw error;
          // Already there: brought to this chart and these values, and rolled back if that fails.
          return deps.operations
            .upgrade(caller, release, {
              chart: input.chart,
              values: target.values,
              rollbackOnFailure: true,
              ...timing,
            })
            .then((started) => ({ action: 'upgrade' as const, started }));
        });
      items.push({ cluster, namespace, action: job.action, job: job.started as Outcome['job'] & object });
    } catch (error) {
      items.push({ cluster, namespace, error: refusalOf(error) });
    }
  }
  return { items };
}

/** A refusal as the API's error body; anything unexpected still says what it was. */
function refusalOf(error: unknown): { code: string; message: string; field?: string } {
  const known = helmRefusal(error);
  if (known) return known.error;
  if (error instanceof ClusterError) return { code: error.code, message: error.message };
  return { code: 'failed', message: error instanceof Error ? error.message : String(error) };
}

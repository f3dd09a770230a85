import type { MultiInstallAnswer, MultiInstallBody, ReleasePreview } from '@portolan/api';
import type { Caller } from '#server/iam/caller.ts';
import type { Jobs } from '#server/jobs/jobs.ts';
import type { ResourceStore } from '#server/store/store.ts';
import type { ChartRef, ChartSource } from './chart-source.ts';
import type { HelmRunner } from './helm-runner.ts';
import { installAcross } from './multi-install.ts';
import { previewRelease } from './preview.ts';
import { createReleaseGuard, type ReleaseTarget } from './release-guard.ts';
import { createReleaseOperations, type ReleaseOperations } from './release-operations.ts';
import { createReleaseReads, type ReleaseReads } from './release-reads.ts';

/** Helm releases on member clusters: operations as jobs, live reads, previews, installs across clusters. */
export interface ReleaseService extends ReleaseOperations, ReleaseReads {
  preview(
    caller: Caller,
    target: ReleaseTarget,
    input: { chart: ChartRef; values: string[] },
  ): Promise<ReleasePreview>;
  installAcross(caller: Caller, input: MultiInstallBody): Promise<MultiInstallAnswer>;
}

export function createReleaseService(deps: {
  runner: HelmRunner;
  charts: ChartSource;
  jobs: Jobs;
  store: Pick<ResourceStore, 'search'>;
  /** The registered cluster of that name (throws ClusterError not-found otherwise). */
  cluster: (name: string) => Promise<{ id: string }>;
  pollMs?: number;
}): ReleaseService {
  const guard = createReleaseGuard(deps.jobs);
  const clusterId = async (name: string) => (await deps.cluster(name)).id;
  const common = { runner: deps.runner, store: deps.store, clusterId, guard };
  const operations = createReleaseOperations({
    ...common,
    charts: deps.charts,
    jobs: deps.jobs,
    ...(deps.pollMs !== undefined ? { pollMs: deps.pollMs } : {}),
  });
  return {
    ...operations,
    ...createReleaseReads(common),
    preview: (caller, target, input) => previewRelease(deps, caller, target, input),
    installAcross: (caller, input) =>
      installAcross({ operations, clusterExists: deps.cluster }, caller, input),
  };
}

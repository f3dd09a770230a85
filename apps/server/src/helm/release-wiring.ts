import type { IamServices } from '#server/iam/iam-services.ts';
import type { Jobs } from '#server/jobs/jobs.ts';
import type { ResourceStore } from '#server/store/store.ts';
import type { ChartSource } from './chart-source.ts';
import { createHelmRunner, findHelm } from './helm-runner.ts';
import { helmCredentialsFrom } from './helm-runner-credentials.ts';
import { createReleaseService, type ReleaseService } from './release-service.ts';

/**
 * Helm operations as the composition root wires them: helm found from the environment (or the
 * sandbox build), run through Portolan's own proxy with the caller's short-lived token.
 */
export function wireReleaseService(deps: {
  env: NodeJS.ProcessEnv;
  sandboxBinaries: () => Promise<string>;
  proxy: { url: () => string; certificateAuthority: string | undefined };
  iam: Pick<IamServices, 'tokens' | 'authenticate'>;
  charts: ChartSource;
  jobs: Jobs;
  store: Pick<ResourceStore, 'search'>;
  cluster: (name: string) => Promise<{ id: string }>;
}): ReleaseService {
  const runner = createHelmRunner({
    helmBin: findHelm(deps.env, deps.sandboxBinaries),
    proxy: deps.proxy,
    credentials: helmCredentialsFrom({
      tokens: deps.iam.tokens,
      forget: () => deps.iam.authenticate.forget(),
    }),
  });
  return createReleaseService({
    runner,
    charts: deps.charts,
    jobs: deps.jobs,
    store: deps.store,
    cluster: deps.cluster,
  });
}

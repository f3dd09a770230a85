import type {
  ReleaseHistory,
  ReleaseList,
  ReleaseManifest,
  ReleaseStatus,
  ReleaseValues,
} from '@portolan/api';
import type { Caller } from '#server/iam/caller.ts';
import type { ResourceStore } from '#server/store/store.ts';
import type { HelmRunner, HelmSession } from './helm-runner.ts';
import { countReady, objectHealth } from './manifest-health.ts';
import { objectRef, ownedObjects } from './manifest-objects.ts';
import {
  listReleases,
  releaseHistory,
  releaseInfo,
  releaseManifest,
  releaseValues,
  splitChart,
  valuesYaml,
} from './release-commands.ts';
import type { ReleaseGuard, ReleaseTarget } from './release-guard.ts';
import { notFound } from './release-operations.ts';

/** Live reads of releases, run by helm as the caller (the member cluster's RBAC decides). */
export interface ReleaseReads {
  list(caller: Caller, cluster: string, namespace: string | undefined): Promise<ReleaseList>;
  status(caller: Caller, target: ReleaseTarget): Promise<ReleaseStatus>;
  history(caller: Caller, target: ReleaseTarget): Promise<ReleaseHistory>;
  values(
    caller: Caller,
    target: ReleaseTarget,
    options: { revision?: number; all?: boolean },
  ): Promise<ReleaseValues>;
  manifest(caller: Caller, target: ReleaseTarget, revision?: number): Promise<ReleaseManifest>;
}

export function createReleaseReads(deps: {
  runner: HelmRunner;
  store: Pick<ResourceStore, 'search'>;
  clusterId: (name: string) => Promise<string>;
  guard: Pick<ReleaseGuard, 'runningJob'>;
}): ReleaseReads {
  /** One short helm session for one read; closed (its token revoked) however the read ends. */
  async function withSession<T>(
    caller: Caller,
    cluster: string,
    what: string,
    read: (s: HelmSession) => Promise<T>,
  ) {
    const session = await deps.runner.open(caller, cluster, what);
    try {
      return await read(session);
    } finally {
      await session.close();
    }
  }

  return {
    list: (caller, cluster, namespace) =>
      withSession(caller, cluster, 'list releases', async (session) => ({
        items: await listReleases(session, namespace),
      })),

    status: (caller, target) =>
      withSession(caller, target.cluster, `status ${target.name}`, async (session) => {
        const release = await releaseInfo(session, target.namespace, target.name);
        if (!release) throw notFound(target);
        const history = await releaseHistory(session, target.namespace, target.name);
        const current = history.find((revision) => revision.revision === release.revision) ?? history.at(-1);
        const chart = splitChart(current?.chart ?? '');
        const resources = await objectHealth(
          deps.store,
          await deps.clusterId(target.cluster),
          target.namespace,
          ownedObjects(release.manifest),
        );
        const running = await deps.guard.runningJob(target);
        return {
          name: release.name,
          namespace: release.namespace,
          revision: release.revision,
          status: release.status,
          chart: chart.name,
          ...(chart.version ? { chartVersion: chart.version } : {}),
          ...(current?.appVersion ? { appVersion: current.appVersion } : {}),
          updated: release.updated,
          description: release.description,
          ...(release.notes ? { notes: release.notes } : {}),
          resources,
          readiness: countReady(resources),
          ...(running ? { operation: running.id } : {}),
        };
      }),

    history: (caller, target) =>
      withSession(caller, target.cluster, `history ${target.name}`, async (session) => {
        if (!(await releaseInfo(session, target.namespace, target.name))) throw notFound(target);
        return { items: (await releaseHistory(session, target.namespace, target.name)).reverse() };
      }),

    values: (caller, target, options) =>
      withSession(caller, target.cluster, `values ${target.name}`, async (session) => {
        const release = await releaseInfo(session, target.namespace, target.name);
        if (!release) throw notFound(target);
        const values = await releaseValues(session, target.namespace, target.name, options);
        return {
          revision: options.revision ?? release.revision,
          all: options.all === true,
          values,
          yaml: valuesYaml(values),
        };
      }),

    manifest: (caller, target, revision) =>
      withSession(caller, target.cluster, `manifest ${target.name}`, async (session) => {
        const release = await releaseInfo(session, target.namespace, target.name);
        if (!release) throw notFound(target);
        const manifest = await releaseManifest(session, target.namespace, target.name, revision);
        return {
          revision: revision ?? release.revision,
          manifest,
          objects: ownedObjects(manifest).map(objectRef),
        };
      }),
  };
}

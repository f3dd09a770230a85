import type { Caller } from '#server/iam/caller.ts';
import type { JobContext, JobRecord, Jobs } from '#server/jobs/jobs.ts';
import type { ResourceStore } from '#server/store/store.ts';
import type { ChartRef, ChartSource, FetchedChart } from './chart-source.ts';
import type { HelmRunner, HelmSession } from './helm-runner.ts';
import { HelmCommandError } from './helm-runner-errors.ts';
import { objectHealth } from './manifest-health.ts';
import { type ManifestObject, ownedObjects } from './manifest-objects.ts';
import { type ReleaseInfo, releaseHistory, releaseInfo, releaseManifest } from './release-commands.ts';
import { type ReleaseGuard, type ReleaseTarget, refusePending } from './release-guard.ts';
import { followApply } from './release-progress.ts';
import { schemaProblem } from './values-check.ts';

export interface OperationTiming {
  /** helm's --timeout for hooks and readiness (default 300). */
  timeoutSeconds?: number;
  /** Wait for readiness (default true). */
  wait?: boolean;
}

export interface InstallInput extends OperationTiming {
  chart: ChartRef;
  /** Checked YAML documents (values-check.ts), laid over each other in order. */
  values: string[];
  createNamespace?: boolean;
}

export interface UpgradeInput extends OperationTiming {
  chart: ChartRef;
  /** The full user values to use from now on (helm's --reset-values, then these). */
  values: string[];
  rollbackOnFailure?: boolean;
}

export interface ReleaseOperations {
  install(caller: Caller, target: ReleaseTarget, input: InstallInput): Promise<JobRecord>;
  upgrade(caller: Caller, target: ReleaseTarget, input: UpgradeInput): Promise<JobRecord>;
  rollback(
    caller: Caller,
    target: ReleaseTarget,
    input: OperationTiming & { revision: number },
  ): Promise<JobRecord>;
  uninstall(
    caller: Caller,
    target: ReleaseTarget,
    input: { keepHistory?: boolean; timeoutSeconds?: number },
  ): Promise<JobRecord>;
}

export interface ReleaseOperationsDeps {
  runner: HelmRunner;
  charts: ChartSource;
  jobs: Jobs;
  guard: ReleaseGuard;
  store: Pick<ResourceStore, 'search'>;
  /** The store's id of a registered cluster. */
  clusterId: (name: string) => Promise<string>;
  /** How often a running operation reads its objects' state from the store (2 s). */
  pollMs?: number;
}

type Kind = 'install' | 'upgrade' | 'rollback' | 'uninstall';

const DEFAULT_TIMEOUT_SECONDS = 300;

/** helm's timing flags, and how long helm's process and token may live for it. */
function timing(input: OperationTiming) {
  const seconds = input.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  return {
    args: [`--wait=${input.wait === false ? 'hookOnly' : 'watcher'}`, '--timeout', `${seconds}s`],
    wait: input.wait !== false,
    seconds,
    // Fetching, rendering and helm's own bookkeeping take a little longer than its timeout.
    lifetimeMs: (seconds + 300) * 1000,
    killAfterMs: (seconds + 120) * 1000,
  };
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export function createReleaseOperations(deps: ReleaseOperationsDeps): ReleaseOperations {
  const pollMs = deps.pollMs ?? 2000;

  /**
   * What every operation shares: one operation per release, the caller's own helm session, the
   * checks that need the release as it is, then a job that owns the session (and chart) until it ends.
   */
  async function operate(
    caller: Caller,
    target: ReleaseTarget,
    kind: Kind,
    lifetimeMs: number,
    prepare: (
      session: HelmSession,
      release: ReleaseInfo | undefined,
    ) => Promise<{
      work: (job: JobContext) => Promise<unknown>;
      cleanup?: () => Promise<void>;
    }>,
  ): Promise<JobRecord> {
    const claim = await deps.guard.claim(target);
    let session: HelmSession | undefined;
    let cleanup: (() => Promise<void>) | undefined;
    const end = async () => {
      await cleanup?.().catch(() => undefined);
      await session?.close();
    };
    try {
      session = await deps.runner.open(caller, target.cluster, `${kind} ${target.name}`, lifetimeMs);
      const release = await releaseInfo(session, target.namespace, target.name);
      refusePending(release, target, kind === 'rollback' || kind === 'uninstall');
      const prepared = await prepare(session, release);
      cleanup = prepared.cleanup;
      return await deps.jobs.start(
        {
          kind: `helm.${kind}`,
          cluster: target.cluster,
          namespace: target.namespace,
          target: target.name,
          createdBy: { id: caller.userId, name: caller.username },
        },
        (job) => prepared.work(job).finally(end),
      );
    } catch (error) {
      await end();
      throw error;
    } finally {
      claim.free();
    }
  }

  /** The chart fetched and rendered with the values: helm's schema check runs here, before any job. */
  async function fetchAndRender(
    session: HelmSession,
    target: ReleaseTarget,
    ref: ChartRef,
    values: string[],
  ): Promise<{ chart: FetchedChart; objects: ManifestObject[] }> {
    const chart = await deps.charts.fetch(ref);
    try {
      const { objects } = await renderChart(session, chart, target, values);
      return { chart, objects };
    } catch (error) {
      await chart.release();
      throw error;
    }
  }

  const healthOf = (target: ReleaseTarget, objects: ManifestObject[]) => async () =>
    objectHealth(deps.store, await deps.clusterId(target.cluster), target.namespace, objects);

  const deployed = async (session: HelmSession, target: ReleaseTarget) =>
    (await releaseHistory(session, target.namespace, target.name))
      .filter((r) => r.status === 'deployed')
      .at(-1);

  /** The revision helm returned to after a failure it rolled back (its entry says `Rollback to N`). */
  const rolledBackTo = (session: HelmSession, target: ReleaseTarget) => async () => {
    const current = await deployed(session, target);
    const to = /Rollback to (\d+)/.exec(current?.description ?? '')?.[1];
    return to ? Number(to) : current?.revision;
  };

  /** Steps shared by install and upgrade: fetched, rendered, applying, then helm's apply followed. */
  function chartWork(
    session: HelmSession,
    target: ReleaseTarget,
    fetched: { chart: FetchedChart; objects: ManifestObject[] },
    helmArgs: string[],
    values: string[],
    time: ReturnType<typeof timing>,
  ) {
    return async (job: JobContext) => {
      const { chart, objects } = fetched;
      await job.step(
        'chart-fetched',
        { chart: chart.chart, version: chart.version },
        `Fetched chart ${chart.chart} ${chart.version}`,
      );
      await job.step('rendered', { count: objects.length }, `Rendered ${plural(objects.length, 'object')}`);
      await job.step(
        'applying',
        {},
        `Applying to namespace ${target.namespace} on cluster ${target.cluster}`,
      );
      const { stdout } = await followApply(
        job,
        {
          wait: time.wait,
          pollMs,
          health: healthOf(target, objects),
          rolledBackTo: rolledBackTo(session, target),
          timeoutSeconds: time.seconds,
        },
        () => session.run(helmArgs, { values, signal: job.signal, killAfterMs: time.killAfterMs }),
      );
      return { revision: revisionOf(stdout) };
    };
  }

  return {
    install(caller, target, input) {
      const time = timing(input);
      return operate(caller, target, 'install', time.lifetimeMs, async (session, release) => {
        if (release && release.status !== 'uninstalled')
          throw HelmCommandError.coded(
            409,
            'already-exists',
            {
              messageCode: 'release-exists',
              params: {
                name: target.name,
                namespace: target.namespace,
                revision: release.revision,
                status: release.status,
              },
            },
            'name',
          );
        const fetched = await fetchAndRender(session, target, input.chart, input.values);
        const args = [
          'install',
          target.name,
          fetched.chart.file,
          '--namespace',
          target.namespace,
          ...(input.createNamespace ? ['--create-namespace'] : []),
          ...time.args,
          '-o',
          'json',
        ];
        return {
          work: chartWork(session, target, fetched, args, input.values, time),
          cleanup: () => fetched.chart.release(),
        };
      });
    },

    upgrade(caller, target, input) {
      const time = timing(input);
      return operate(caller, target, 'upgrade', time.lifetimeMs, async (session, release) => {
        if (!release) throw notFound(target);
        const fetched = await fetchAndRender(session, target, input.chart, input.values);
        const args = [
          'upgrade',
          target.name,
          fetched.chart.file,
          '--namespace',
          target.namespace,
          // The values sent are the whole of the user's values: nothing of the last ones is reused.
          '--reset-values',
          ...(input.rollbackOnFailure ? ['--rollback-on-failure'] : []),
          ...time.args,
          '-o',
          'json',
        ];
        return {
          work: chartWork(session, target, fetched, args, input.values, time),
          cleanup: () => fetched.chart.release(),
        };
      });
    },

    rollback(caller, target, input) {
      const time = timing(input);
      return operate(caller, target, 'rollback', time.lifetimeMs, async (session, release) => {
        if (!release) throw notFound(target);
        const history = await releaseHistory(session, target.namespace, target.name);
        if (!history.some((revision) => revision.revision === input.revision))
          throw HelmCommandError.coded(
            404,
            'not-found',
            {
              messageCode: 'no-revision',
              params: {
                name: target.name,
                revision: input.revision,
                revisions: history.map((r) => r.revision).join(', '),
              },
            },
            'revision',
          );
        const objects = ownedObjects(
          await releaseManifest(session, target.namespace, target.name, input.revision),
        );
        return {
          work: async (job) => {
            await job.step(
              'rendered',
              { count: objects.length },
              `Revision ${input.revision} has ${plural(objects.length, 'object')}`,
            );
            await job.step('applying', {}, `Rolling back to revision ${input.revision}`);
            await followApply(
              job,
              {
                wait: time.wait,
                pollMs,
                health: healthOf(target, objects),
                rolledBackTo: rolledBackTo(session, target),
                timeoutSeconds: time.seconds,
              },
              () =>
                session.run(
                  [
                    'rollback',
                    target.name,
                    String(input.revision),
                    '--namespace',
                    target.namespace,
                    ...time.args,
                  ],
                  { signal: job.signal, killAfterMs: time.killAfterMs },
                ),
            );
            return { revision: (await deployed(session, target))?.revision };
          },
        };
      });
    },

    uninstall(caller, target, input) {
      const time = timing({ ...input, wait: true });
      return operate(caller, target, 'uninstall', time.lifetimeMs, async (_session, release) => {
        if (!release || release.status === 'uninstalled') throw notFound(target);
        return {
          work: async (job) => {
            const session = _session;
            await job.step(
              'applying',
              {},
              `Removing release ${target.name} from namespace ${target.namespace}`,
            );
            await session.run(
              [
                'uninstall',
                target.name,
                '--namespace',
                target.namespace,
                ...(input.keepHistory ? ['--keep-history'] : []),
                ...time.args,
              ],
              { signal: job.signal, killAfterMs: time.killAfterMs },
            );
            await job.step(
              'uninstalled',
              { keepHistory: input.keepHistory ? 'yes' : 'no' },
              input.keepHistory
                ? `Uninstalled release ${target.name}; its history is kept`
                : `Uninstalled release ${target.name}`,
            );
            return null;
          },
        };
      });
    },
  };
}

/**
 * Runs helm to render the chart as it would install it (`helm template`, or the given command, e.g. a
 * server-side dry run); a values schema error becomes a 400 naming the field.
 */
export async function renderChart(
  session: HelmSession,
  chart: FetchedChart,
  target: ReleaseTarget,
  values: string[],
  args: string[] = ['template', target.name, chart.file, '--namespace', target.namespace],
): Promise<{ stdout: string; objects: ManifestObject[] }> {
  try {
    const { stdout } = await session.run(args, { values });
    return { stdout, objects: args[0] === 'template' ? ownedObjects(stdout) : [] };
  } catch (error) {
    if (error instanceof HelmCommandError) {
      const problem = schemaProblem(error.helmOutput, chart.chart);
      if (problem) throw problem;
      // Refusals (forbidden, not found, conflict) keep their own status.
      if (error.status !== 422) throw error;
      throw HelmCommandError.coded(
        400,
        'render-failed',
        { messageCode: 'render-failed', params: { detail: error.message } },
        'values',
      );
    }
    throw error;
  }
}

export const notFound = (target: ReleaseTarget) =>
  HelmCommandError.coded(404, 'not-found', {
    messageCode: 'release-not-found',
    params: { name: target.name, namespace: target.namespace, cluster: target.cluster },
  });

/** The revision in helm's `-o json` answer to an install or upgrade. */
function revisionOf(stdout: string): number | undefined {
  try {
    const release = JSON.parse(stdout) as { version?: unknown };
    return typeof release.version === 'number' ? release.version : undefined;
  } catch {
    return undefined;
  }
}

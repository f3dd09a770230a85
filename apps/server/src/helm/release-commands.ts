import YAML from 'yaml';
import { isPlainObject } from '#server/resources/kube-object.ts';
import type { HelmSession } from './helm-runner.ts';
import { HelmCommandError } from './helm-runner-errors.ts';

/**
 * helm's read commands on one session, their JSON turned into plain records. helm 4's `status -o json`
 * has no chart; the newest history entry has it.
 */

export interface ReleaseInfo {
  name: string;
  namespace: string;
  revision: number;
  status: string;
  description: string;
  notes: string;
  updated: string;
  manifest: string;
}

export interface RevisionInfo {
  revision: number;
  status: string;
  /** `name-version`, as helm writes it. */
  chart: string;
  appVersion?: string;
  updated: string;
  description?: string;
}

export interface ListedRelease {
  name: string;
  namespace: string;
  revision: number;
  status: string;
  chart: string;
  chartVersion?: string;
  appVersion?: string;
  updated?: string;
}

const str = (value: unknown) => (typeof value === 'string' ? value : '');

function json(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw HelmCommandError.coded(502, 'helm-failed', { messageCode: 'not-json', params: { what } });
  }
}

/** Splits helm's `name-version` (`my-chart-1.2.0-rc.1` → my-chart, 1.2.0-rc.1). */
export function splitChart(chart: string): { name: string; version?: string } {
  const match = /^(.+?)-(v?\d+\.\d+\.\d+.*)$/.exec(chart);
  return match?.[1] && match[2] ? { name: match[1], version: match[2] } : { name: chart };
}

/** The release as it is now, or undefined when there is none of that name in the namespace. */
export async function releaseInfo(
  session: HelmSession,
  namespace: string,
  name: string,
  signal?: AbortSignal,
): Promise<ReleaseInfo | undefined> {
  let stdout: string;
  try {
    ({ stdout } = await session.run(['status', name, '--namespace', namespace, '-o', 'json'], opt(signal)));
  } catch (error) {
    if (error instanceof HelmCommandError && error.status === 404) return undefined;
    throw error;
  }
  return releaseFromJson(json(stdout, 'status'));
}

/** A release as `helm status|install|upgrade -o json` prints it. */
export function releaseFromJson(value: unknown): ReleaseInfo {
  const release = isPlainObject(value) ? value : {};
  const info = isPlainObject(release.info) ? release.info : {};
  return {
    name: str(release.name),
    namespace: str(release.namespace),
    revision: typeof release.version === 'number' ? release.version : 0,
    status: str(info.status),
    description: str(info.description),
    notes: str(info.notes),
    updated: str(info.last_deployed),
    manifest: str(release.manifest),
  };
}

/** Every kept revision, oldest first. */
export async function releaseHistory(
  session: HelmSession,
  namespace: string,
  name: string,
  signal?: AbortSignal,
): Promise<RevisionInfo[]> {
  const { stdout } = await session.run(
    ['history', name, '--namespace', namespace, '--max', '256', '-o', 'json'],
    opt(signal),
  );
  const items = json(stdout, 'history');
  return (Array.isArray(items) ? items : []).filter(isPlainObject).map((item) => ({
    revision: Number(item.revision),
    status: str(item.status),
    chart: str(item.chart),
    ...(str(item.app_version) ? { appVersion: str(item.app_version) } : {}),
    updated: str(item.updated),
    ...(str(item.description) ? { description: str(item.description) } : {}),
  }));
}

/** The releases of a namespace (or every namespace the caller may list), in every state but superseded. */
export async function listReleases(
  session: HelmSession,
  namespace: string | undefined,
): Promise<ListedRelease[]> {
  const { stdout } = await session.run([
    'list',
    ...(namespace ? ['--namespace', namespace] : ['--all-namespaces']),
    '--deployed',
    '--failed',
    '--pending',
    '--uninstalling',
    '--uninstalled',
    '--max',
    '0',
    '--time-format',
    '2006-01-02T15:04:05Z07:00',
    '-o',
    'json',
  ]);
  const items = json(stdout, 'list');
  return (Array.isArray(items) ? items : []).filter(isPlainObject).map((item) => {
    const chart = splitChart(str(item.chart));
    return {
      name: str(item.name),
      namespace: str(item.namespace),
      revision: Number(item.revision),
      status: str(item.status),
      chart: chart.name,
      ...(chart.version ? { chartVersion: chart.version } : {}),
      ...(str(item.app_version) ? { appVersion: str(item.app_version) } : {}),
      ...(str(item.updated) ? { updated: str(item.updated) } : {}),
    };
  });
}

/** The user-supplied values of a revision, or all computed values with `all`. */
export async function releaseValues(
  session: HelmSession,
  namespace: string,
  name: string,
  options: { revision?: number; all?: boolean },
): Promise<Record<string, unknown>> {
  const { stdout } = await session.run([
    'get',
    'values',
    name,
    '--namespace',
    namespace,
    ...(options.revision ? ['--revision', String(options.revision)] : []),
    ...(options.all ? ['--all'] : []),
    '-o',
    'json',
  ]);
  const values = json(stdout, 'values');
  return isPlainObject(values) ? values : {};
}

export async function releaseManifest(
  session: HelmSession,
  namespace: string,
  name: string,
  revision?: number,
  signal?: AbortSignal,
): Promise<string> {
  const { stdout } = await session.run(
    [
      'get',
      'manifest',
      name,
      '--namespace',
      namespace,
      ...(revision ? ['--revision', String(revision)] : []),
    ],
    opt(signal),
  );
  return stdout;
}

/** Values as YAML for the edit-and-send-back round trip (`{}` when there are none). */
export const valuesYaml = (values: Record<string, unknown>) =>
  Object.keys(values).length === 0 ? '{}\n' : YAML.stringify(values, { lineWidth: 0 });

const opt = (signal: AbortSignal | undefined) => (signal ? { signal } : {});

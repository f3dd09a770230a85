import type { ReleasePreview } from '@portolan/api';
import type { Caller } from '#server/iam/caller.ts';
import { stableYaml } from '#server/resources/object-diff.ts';
import { unifiedDiff } from '#server/resources/text-diff.ts';
import type { ChartRef, ChartSource } from './chart-source.ts';
import type { HelmRunner } from './helm-runner.ts';
import { type ManifestObject, objectKey, objectRef, ownedObjects } from './manifest-objects.ts';
import { releaseFromJson, releaseInfo } from './release-commands.ts';
import type { ReleaseTarget } from './release-guard.ts';
import { renderChart } from './release-operations.ts';

/**
 * What an install would apply (helm template), or for an existing release what an upgrade would
 * change: a server-side dry run as the caller, diffed object by object against what runs now.
 */
export async function previewRelease(
  deps: { runner: HelmRunner; charts: ChartSource },
  caller: Caller,
  target: ReleaseTarget,
  input: { chart: ChartRef; values: string[] },
): Promise<ReleasePreview> {
  const session = await deps.runner.open(caller, target.cluster, `preview ${target.name}`);
  try {
    const current = await releaseInfo(session, target.namespace, target.name);
    const chart = await deps.charts.fetch(input.chart);
    try {
      if (!current || current.status === 'uninstalled') {
        const rendered = await renderChart(session, chart, target, input.values);
        return {
          upgrade: false,
          manifest: rendered.stdout,
          objects: diffObjects([], rendered.objects, 0),
        };
      }
      const dryRun = await renderChart(session, chart, target, input.values, [
        'upgrade',
        target.name,
        chart.file,
        '--namespace',
        target.namespace,
        '--reset-values',
        '--dry-run=server',
        '-o',
        'json',
      ]);
      const next = releaseFromJson(JSON.parse(dryRun.stdout) as unknown);
      return {
        upgrade: true,
        manifest: next.manifest,
        ...(next.notes ? { notes: next.notes } : {}),
        objects: diffObjects(ownedObjects(current.manifest), ownedObjects(next.manifest), current.revision),
      };
    } finally {
      await chart.release();
    }
  } finally {
    await session.close();
  }
}

/** Each object of either side with how it changes, in the new rendering's order, removed ones last. */
export function diffObjects(
  before: ManifestObject[],
  after: ManifestObject[],
  revision: number,
): ReleasePreview['objects'] {
  const old = new Map(before.map((object) => [objectKey(object), object]));
  const seen = new Set<string>();
  const label = (object: ManifestObject) => `${object.kind}/${object.name}`;
  const entries: ReleasePreview['objects'] = after.map((object) => {
    const key = objectKey(object);
    seen.add(key);
    const previous = old.get(key);
    const diff = unifiedDiff(previous ? stableYaml(previous.object) : '', stableYaml(object.object), {
      before: previous ? `${label(object)} (revision ${revision})` : '/dev/null',
      after: `${label(object)} (preview)`,
    });
    return { ...objectRef(object), change: previous ? (diff ? 'changed' : 'unchanged') : 'added', diff };
  });
  for (const [key, object] of old) {
    if (seen.has(key)) continue;
    const diff = unifiedDiff(stableYaml(object.object), '', {
      before: `${label(object)} (revision ${revision})`,
      after: '/dev/null',
    });
    entries.push({ ...objectRef(object), change: 'removed', diff });
  }
  return entries;
}

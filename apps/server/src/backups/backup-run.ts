import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobContext } from '#server/jobs/jobs.ts';
import type { KubeClient } from '#server/kube/kube-client.ts';
import { ARCHIVE_FORMAT_VERSION, type ArchiveKind, type ArchiveManifest } from './archive-format.ts';
import type { ArchiveStorage } from './archive-storage.ts';
import { createArchiveWriter } from './archive-writer.ts';
import { type CollectFailure, collectObjects, type Selection } from './backup-collect.ts';

export interface BackupInput {
  id: string;
  cluster: string;
  plan: string | null;
  selection: Selection;
  /** The archive's key in its destination. */
  key: string;
  startedAt: Date;
}

export interface BackupOutcome {
  objects: number;
  failures: CollectFailure[];
  failed: number;
  sizeBytes: number;
  manifest: ArchiveManifest;
}

const MAX_LISTED_FAILURES = 100;

/**
 * One backup: lists the selection from the member cluster page by page, writes each cleaned object
 * into a `.tar.gz` in `workDir` as it comes, then hands the file to the destination. On any failure,
 * cancel or deadline the partial file is removed and nothing reaches the destination.
 */
export async function runBackup(
  input: BackupInput,
  deps: {
    client: KubeClient;
    storage: ArchiveStorage;
    workDir: string;
    job: Pick<JobContext, 'step'>;
    signal: AbortSignal;
  },
): Promise<BackupOutcome> {
  const { job, signal } = deps;
  await mkdir(deps.workDir, { recursive: true, mode: 0o700 });
  const file = join(deps.workDir, `${input.id}.tar.gz`);
  const writer = createArchiveWriter(file, input.startedAt);
  const failures: CollectFailure[] = [];
  let failed = 0;
  let skipped = 0;
  const kinds = new Map<string, ArchiveKind>();
  let objects = 0;
  try {
    const version = await deps.client
      .get<{ gitVersion?: string }>('/version', undefined, signal)
      .then((answer) => answer.gitVersion ?? null)
      .catch(() => null);
    await job.step('listing', { cluster: input.cluster }, `Listing the objects of cluster ${input.cluster}`);
    for await (const item of collectObjects(deps.client, input.selection, {
      signal,
      onFailure(failure) {
        failed++;
        if (failures.length < MAX_LISTED_FAILURES) failures.push(failure);
        void job.step(
          'object-failed',
          { kind: failure.kind, reason: failure.reason },
          failure.reason,
          'warning',
        );
      },
      onSkip() {
        skipped++;
      },
    })) {
      signal.throwIfAborted();
      await writer.add(item.place, item.object);
      objects++;
      const key = `${item.resource.group}/${item.resource.version}/${item.resource.resource}`;
      const kind = kinds.get(key) ?? {
        group: item.resource.group,
        version: item.resource.version,
        resource: item.resource.resource,
        kind: item.resource.kind,
        namespaced: item.resource.namespaced,
        count: 0,
      };
      kind.count++;
      kinds.set(key, kind);
      if (objects % 1000 === 0)
        void job.step('progress', { objects }, `${objects} objects written to the archive`);
    }
    const manifest: ArchiveManifest = {
      formatVersion: ARCHIVE_FORMAT_VERSION,
      cluster: input.cluster,
      kubernetesVersion: version,
      createdAt: input.startedAt.toISOString(),
      plan: input.plan,
      selection: {
        namespaces: input.selection.namespaces,
        labelSelector: input.selection.labelSelector ?? null,
        includeKinds: input.selection.includeKinds,
        excludeKinds: input.selection.excludeKinds,
        clusterScoped: input.selection.clusterScoped,
      },
      counts: { objects, failed, skipped },
      kinds: [...kinds.values()].sort((a, b) =>
        `${a.group}/${a.resource}`.localeCompare(`${b.group}/${b.resource}`),
      ),
    };
    const sizeBytes = await writer.finish(manifest);
    signal.throwIfAborted();
    await job.step(
      'uploading',
      { objects, sizeBytes },
      `Archive of ${objects} objects (${sizeBytes} bytes) written; storing it`,
    );
    await deps.storage.upload(file, input.key);
    await job.step('stored', { key: input.key }, `Archive stored as ${input.key}`);
    return { objects, failures, failed, sizeBytes, manifest };
  } catch (error) {
    await writer.abort();
    throw error;
  } finally {
    await rm(file, { force: true });
  }
}

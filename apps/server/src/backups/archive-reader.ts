import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { type ArchiveManifest, type ObjectPlace, placeOf } from './archive-format.ts';

export interface ArchiveEntry {
  place: ObjectPlace;
  /** The object; undefined when the reader was asked for paths only. */
  object?: Record<string, unknown>;
}

/**
 * Reads an archive as it streams in, calling `onObject` for each object file in order (with the
 * object parsed unless `pathsOnly`), and resolves with the manifest.
 */
export async function readArchive(
  input: Readable,
  onObject: (entry: ArchiveEntry) => void,
  options: { pathsOnly?: boolean; signal?: AbortSignal } = {},
): Promise<ArchiveManifest> {
  let manifest: ArchiveManifest | undefined;
  let failure: Error | undefined;
  const parser = new Parser({
    onReadEntry(entry: ReadEntry) {
      const place = placeOf(entry.path);
      const wanted = entry.path === 'manifest.json' || (place && !options.pathsOnly);
      if (!wanted) {
        if (place) onObject({ place });
        entry.resume();
        return;
      }
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      entry.on('end', () => {
        try {
          const value = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
          if (entry.path === 'manifest.json') manifest = value as unknown as ArchiveManifest;
          else if (place) onObject({ place, object: value });
        } catch (error) {
          failure ??= new Error(`archive entry ${entry.path} is not JSON: ${(error as Error).message}`);
        }
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    const gunzip = createGunzip();
    const stop = () => reject(options.signal?.reason ?? new Error('aborted'));
    options.signal?.addEventListener('abort', stop, { once: true });
    input.on('error', reject);
    gunzip.on('error', (error) => reject(new Error(`the archive is not gzip: ${error.message}`)));
    parser.on('error', reject);
    parser.on('end', () => resolve());
    input.pipe(gunzip).pipe(parser as unknown as NodeJS.WritableStream);
  });
  if (failure) throw failure;
  if (!manifest)
    throw new Error('the archive has no manifest.json: it is not a Portolan backup, or it is cut short');
  return manifest;
}

import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createGzip, type Gzip } from 'node:zlib';
import { Header, Pax } from 'tar';
import { type ArchiveManifest, type ObjectPlace, objectPath } from './archive-format.ts';

export interface ArchiveWriter {
  /** Adds one object's file; waits when the disk is behind, so memory stays flat. */
  add(place: ObjectPlace, object: unknown): Promise<void>;
  /** Writes the manifest and closes the file; resolves with the archive's size in bytes. */
  finish(manifest: ArchiveManifest): Promise<number>;
  /** Stops writing; resolves once the file is closed, so the caller's removal of it is final. */
  abort(): Promise<void>;
}

const BLOCK = 512;

/**
 * A streaming `.tar.gz` writer: each entry's header (with a PAX record when the path is long) and body
 * go through gzip to the file as they come. Entries are plain files, mode 0644, owned by uid 0.
 */
export function createArchiveWriter(file: string, mtime: Date): ArchiveWriter {
  const gzip: Gzip = createGzip({ level: 6 });
  const out: WriteStream = createWriteStream(file, { mode: 0o600 });
  gzip.pipe(out);
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
  };
  gzip.on('error', fail);
  out.on('error', fail);

  async function write(chunk: Buffer): Promise<void> {
    if (failure) throw failure;
    if (!gzip.write(chunk)) await once(gzip, 'drain');
  }

  async function entry(path: string, body: Buffer): Promise<void> {
    const data = { path, mode: 0o644, size: body.length, mtime, uid: 0, gid: 0, type: 'File' as const };
    const header = new Header(data);
    if (header.encode()) await write(new Pax(data).encode());
    await write(header.block as Buffer);
    const padding = (BLOCK - (body.length % BLOCK)) % BLOCK;
    await write(padding ? Buffer.concat([body, Buffer.alloc(padding)]) : body);
  }

  return {
    add: (place, object) => entry(objectPath(place), Buffer.from(JSON.stringify(object, null, 2))),
    async finish(manifest) {
      await entry('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)));
      // The end of a tar: two empty blocks.
      await write(Buffer.alloc(BLOCK * 2));
      gzip.end();
      await once(out, 'close');
      if (failure) throw failure;
      return out.bytesWritten;
    },
    async abort() {
      gzip.destroy();
      // A stream destroyed before its file opened still opens it, then closes: wait for that.
      const closed = out.closed ? undefined : once(out, 'close');
      out.destroy();
      await closed;
    },
  };
}

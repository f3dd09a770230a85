import { createReadStream } from 'node:fs';
import { access, constants, copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';

/** Where archives go: a folder on the Portolan host, or an S3 bucket. Keys are relative paths. */
export interface ArchiveStorage {
  /** Moves a finished archive file in under `key`. */
  upload(file: string, key: string): Promise<void>;
  download(key: string): Promise<Readable>;
  remove(key: string): Promise<void>;
  /** Whether Portolan can write there, in plain words. */
  test(): Promise<{ ok: boolean; message: string }>;
}

export interface FolderSettings {
  path: string;
}

export interface S3Settings {
  endpoint: string;
  bucket: string;
  region: string;
  prefix: string;
  forcePathStyle: boolean;
  accessKeyId: string;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function folderStorage(settings: FolderSettings): ArchiveStorage {
  const root = settings.path;
  const place = (key: string) => {
    const path = normalize(join(root, key));
    if (!isAbsolute(path) || !path.startsWith(`${normalize(root).replace(/\/+$/, '')}${sep}`))
      throw new Error(`archive key ${key} leaves the folder ${root}`);
    return path;
  };

  return {
    async upload(file, key) {
      const target = place(key);
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
      // A rename when the folder is on the same file system, else a copy.
      await rename(file, target).catch(async () => {
        await copyFile(file, target);
        await rm(file, { force: true });
      });
    },
    async download(key) {
      const path = place(key);
      await stat(path).catch(() => {
        throw new Error(`the archive ${key} is not in folder ${root}: it was removed outside Portolan`);
      });
      return createReadStream(path);
    },
    async remove(key) {
      await rm(place(key), { force: true });
    },
    async test() {
      try {
        await mkdir(root, { recursive: true, mode: 0o700 });
        await access(root, constants.W_OK);
        const probe = join(root, `.portolan-probe-${process.pid}`);
        await writeFile(probe, 'ok');
        await rm(probe, { force: true });
        return { ok: true, message: `Portolan can write to folder ${root}` };
      } catch (error) {
        return { ok: false, message: `folder ${root} is not writable: ${messageOf(error)}` };
      }
    },
  };
}

export function s3Storage(settings: S3Settings, secretAccessKey: string): ArchiveStorage {
  const client = new S3Client({
    endpoint: settings.endpoint,
    region: settings.region || 'us-east-1',
    forcePathStyle: settings.forcePathStyle,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const bucket = settings.bucket;
  const keyOf = (key: string) => (settings.prefix ? `${settings.prefix.replace(/\/+$/, '')}/${key}` : key);
  const where = `bucket ${bucket} at ${settings.endpoint}`;
  return {
    async upload(file, key) {
      const size = (await stat(file)).size;
      try {
        await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: keyOf(key),
            Body: createReadStream(file),
            ContentLength: size,
            ContentType: 'application/gzip',
          }),
        );
      } catch (error) {
        throw new Error(`uploading the archive to ${where} failed: ${messageOf(error)}`);
      } finally {
        await rm(file, { force: true });
      }
    },
    async download(key) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: keyOf(key) }));
        return answer.Body as Readable;
      } catch (error) {
        throw new Error(`reading the archive ${keyOf(key)} from ${where} failed: ${messageOf(error)}`);
      }
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: keyOf(key) }));
    },
    async test() {
      try {
        await client.send(new HeadBucketCommand({ Bucket: bucket }));
        const probe = keyOf('.portolan-probe');
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: probe, Body: 'ok' }));
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: probe }));
        return { ok: true, message: `Portolan can write to ${where}` };
      } catch (error) {
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        if (status === 403)
          return {
            ok: false,
            message: `${where} refused the credentials: check accessKeyId and secretAccessKey`,
          };
        if (status === 404)
          return { ok: false, message: `${where}: the bucket does not exist; create it first` };
        return { ok: false, message: `${where}: ${messageOf(error)}${status ? ` (HTTP ${status})` : ''}` };
      }
    },
  };
}

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface S3Server {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Where the posix backend keeps the bucket's objects (a file per object key). */
  root: string;
  stop(): Promise<void>;
}

/** The versitygw binary: PORTOLAN_VERSITYGW_BIN, or built once (then cached) by scripts/versitygw.sh. */
export async function versitygwBinary(): Promise<{ bin: string } | { skip: string }> {
  if (process.env.PORTOLAN_VERSITYGW_BIN) return { bin: process.env.PORTOLAN_VERSITYGW_BIN };
  // The test command tried the build already and said why it failed.
  if (process.env.PORTOLAN_VERSITYGW_SKIP) return { skip: process.env.PORTOLAN_VERSITYGW_SKIP };
  try {
    const { stdout } = await promisify(execFile)('bash', ['scripts/versitygw.sh'], { maxBuffer: 1 << 24 });
    return { bin: stdout.trim().split('\n').at(-1) ?? '' };
  } catch (error) {
    return {
      skip: `versitygw did not build (scripts/versitygw.sh): ${(error as Error).message.split('\n')[0]}`,
    };
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A real S3 server on 127.0.0.1: versitygw with its posix backend in a temporary directory and one bucket. */
export async function startVersitygw(bin: string, bucket = 'backups'): Promise<S3Server> {
  const root = await mkdtemp(join(tmpdir(), 'portolan-s3-'));
  // A bucket of the posix backend is a top-level directory; metadata goes to a sidecar (no xattrs needed).
  await mkdir(join(root, 'data', bucket), { recursive: true });
  await mkdir(join(root, 'meta'), { recursive: true });
  const port = await freePort();
  const accessKeyId = 'portolan-test';
  const secretAccessKey = `secret-${process.pid}-${Date.now()}`;
  const child: ChildProcess = spawn(
    bin,
    [
      '--access',
      accessKeyId,
      '--secret',
      secretAccessKey,
      '--port',
      `127.0.0.1:${port}`,
      '--quiet',
      'posix',
      '--sidecar',
      join(root, 'meta'),
      join(root, 'data'),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`versitygw exited (${child.exitCode}): ${stderr}`);
    const up = await fetch(endpoint).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline)
      throw new Error(`versitygw did not listen on ${endpoint} within 15 s: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    endpoint,
    bucket,
    accessKeyId,
    secretAccessKey,
    root: join(root, 'data', bucket),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await rm(root, { recursive: true, force: true });
    },
  };
}

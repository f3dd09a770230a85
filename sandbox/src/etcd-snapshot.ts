import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import https from 'node:https';
import { SandboxError } from './errors.ts';

/** The client certificate etcd accepts (the sandbox's API server's) and the CA that signed etcd's. */
export interface EtcdClient {
  url: string;
  caFile: string;
  certFile: string;
  keyFile: string;
}

/**
 * Streams an online snapshot of etcd (its maintenance Snapshot API through the gateway etcd serves
 * on its client port) into `file`; etcd goes on serving meanwhile. The stream ends with the
 * checksum etcdutl verifies on restore. Answers the size in bytes.
 */
export async function saveEtcdSnapshot(
  client: EtcdClient,
  file: string,
  timeoutMs = 120_000,
): Promise<number> {
  const [ca, cert, key] = await Promise.all(
    [client.caFile, client.certFile, client.keyFile].map((f) => readFile(f)),
  );
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  let size = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const request = https.request(
        new URL('/v3/maintenance/snapshot', client.url),
        {
          method: 'POST',
          ca,
          cert,
          key,
          timeout: timeoutMs,
          headers: { 'content-type': 'application/json' },
        },
        (response) => {
          if (response.statusCode !== 200) {
            let text = '';
            response.setEncoding('utf8').on('data', (chunk: string) => {
              text += chunk;
            });
            response.on('end', () =>
              reject(
                new SandboxError(
                  'snapshot-failed',
                  `etcd answered ${response.statusCode}: ${text.slice(0, 300)}`,
                  { component: 'etcd' },
                ),
              ),
            );
            return;
          }
          let pending = '';
          const take = (line: string) => {
            if (!line.trim()) return;
            const message = JSON.parse(line) as { result?: { blob?: string }; error?: { message?: string } };
            if (message.error)
              throw new SandboxError('snapshot-failed', `etcd: ${message.error.message}`, {
                component: 'etcd',
              });
            const blob = Buffer.from(message.result?.blob ?? '', 'base64');
            size += blob.length;
            out.write(blob);
          };
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            pending += chunk;
            const lines = pending.split('\n');
            pending = lines.pop() ?? '';
            try {
              for (const line of lines) take(line);
            } catch (error) {
              request.destroy(error as Error);
            }
          });
          response.on('end', () => {
            try {
              take(pending);
              resolve();
            } catch (error) {
              reject(error);
            }
          });
          response.on('error', reject);
        },
      );
      request.on('timeout', () =>
        request.destroy(new Error(`etcd's snapshot took longer than ${timeoutMs / 1000} s`)),
      );
      request.on('error', reject);
      request.end('{}');
    });
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    if (size === 0)
      throw new SandboxError('snapshot-failed', 'etcd sent an empty snapshot', { component: 'etcd' });
    await rename(partial, file);
    return size;
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error instanceof SandboxError
      ? error
      : new SandboxError('snapshot-failed', `taking etcd's snapshot failed: ${String(error)}`, {
          component: 'etcd',
        });
  }
}

/**
 * Makes a fresh etcd data directory `dataDir` from `snapshot` (etcdutl snapshot restore, which checks
 * the snapshot's checksum), for a one-member cluster named `name` at `peerUrl`. Removes what is
 * at `dataDir` first, so a restore interrupted half-way is simply done again.
 */
export async function restoreEtcdData(
  etcdutl: string,
  snapshot: string,
  dataDir: string,
  name: string,
  peerUrl: string,
): Promise<void> {
  await rm(dataDir, { recursive: true, force: true });
  await new Promise<void>((resolve, reject) => {
    execFile(
      etcdutl,
      [
        'snapshot',
        'restore',
        snapshot,
        `--data-dir=${dataDir}`,
        `--name=${name}`,
        `--initial-cluster=${name}=${peerUrl}`,
        `--initial-advertise-peer-urls=${peerUrl}`,
        // Past every revision a client (an informer of Portolan's) has seen, and compacted, so their
        // watches end with "too old" and they list again instead of missing or misreading changes.
        '--bump-revision=1000000000',
        '--mark-compacted',
      ],
      { maxBuffer: 4 << 20 },
      (error, _stdout, stderr) =>
        error
          ? reject(
              new SandboxError(
                'restore-failed',
                `etcdutl could not restore ${snapshot}: ${stderr.trim().split('\n').slice(-5).join('\n')}`,
                { component: 'etcd' },
              ),
            )
          : resolve(),
    );
  });
}

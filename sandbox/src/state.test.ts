import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { readState, type SandboxState, writeState } from './state.ts';

const dir = await mkdtemp(path.join(os.tmpdir(), 'portolan-state-'));
after(() => rm(dir, { recursive: true, force: true }));

const stateWith = (pid: number): SandboxState => ({
  name: 'demo',
  createdAt: '2026-01-01T00:00:00.000Z',
  options: {} as SandboxState['options'],
  ports: {
    etcdClient: 1,
    etcdPeer: 2,
    apiserver: 3,
    controllerManager: 4,
    scheduler: 5,
    kwok: 6,
    metricsServer: 7,
  },
  binDir: '/bin',
  // Large enough that a write is not one instant.
  pids: { etcd: pid, kwok: pid },
  ...({ padding: 'x'.repeat(200_000) } as object),
});

test('writers of one state file at once neither fail nor let a reader see half a file', async () => {
  // The CLI creating a sandbox and a server over the same data directory write the same file;
  // with one shared temporary name, one writer's rename found the file gone (ENOENT) and crashed
  // `portolan sandbox create`, or renamed the other's half-written file into place.
  let reading = true;
  const reads: (SandboxState | undefined)[] = [];
  const reader = (async () => {
    while (reading) reads.push(await readState(dir));
  })();
  const writes = await Promise.allSettled(
    Array.from({ length: 40 }, (_, index) => writeState(dir, stateWith(index + 1))),
  );
  reading = false;
  await reader;
  assert.deepEqual(
    writes.filter((write) => write.status === 'rejected').map((write) => String(write.reason)),
    [],
  );
  const seen = reads.filter((state) => state !== undefined);
  assert.ok(seen.every((state) => state.pids.etcd === state.pids.kwok && state.name === 'demo'));
  const last = await readState(dir);
  assert.ok(last && last.pids.etcd !== undefined && last.pids.etcd >= 1);
  assert.deepEqual(
    (await readdir(dir)).filter((file) => file.endsWith('.tmp')),
    [],
    'no temporary file is left',
  );
});

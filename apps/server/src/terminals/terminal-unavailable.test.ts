/**
 * Where terminals cannot run, opening one answers 503 with the runner's reason, which says how to fix
 * it; nothing is recorded and no token is minted. The real local sandbox runner, given no kubectl.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { TerminalStore } from '#server/store/terminals/terminal-store.ts';
import { createLocalSandboxRunner } from './local-sandbox-runner.ts';
import { findPtyBridge } from './runner/pty-bridge-binary.ts';
import { TerminalError } from './terminal-errors.ts';
import { createTerminalSessions } from './terminal-sessions.ts';

test('opening a terminal where the runner cannot run answers 503 with its reason, and mints nothing', async () => {
  const empty = await mkdtemp(path.join(os.tmpdir(), 'portolan-no-tools-'));
  const workDir = path.join(empty, 'work');
  const minted: string[] = [];
  const started: string[] = [];
  try {
    const sessions = createTerminalSessions({
      runner: createLocalSandboxRunner({
        ptyBridge: findPtyBridge(process.env),
        toolsDir: async () => empty,
        workDir,
      }),
      store: { start: async () => void started.push('row') } as unknown as TerminalStore,
      audit: { record: async () => undefined },
      credentials: {
        tokens: {
          createShortLived: async () => {
            minted.push('token');
            throw new Error('no token should be minted');
          },
          revoke: async () => undefined,
        },
        forget: () => undefined,
      },
      authenticateToken: async () => undefined,
      proxy: { url: () => 'https://127.0.0.1:8443', certificateAuthority: undefined },
      replicas: { live: async () => [] },
      replica: { id: 'r1' },
      settings: {
        idleTimeoutMs: 60_000,
        detachGraceMs: 60_000,
        maxPerUser: 5,
        maxPerReplica: 5,
        transcripts: false,
      },
      replicaTtlMs: 20_000,
      clock: () => new Date(),
      log: { warn: () => undefined },
    });
    const caller = {
      userId: 'u1',
      username: 'ada',
      groups: [],
      grants: [],
      credential: { kind: 'session' as const, sessionIdHash: 'x' },
    };
    const reason = await sessions.unavailable();
    assert.match(reason ?? '', new RegExp(`no kubectl in ${empty}: build the sandbox binaries`));
    await assert.rejects(sessions.open(caller, 'c1', { cols: 80, rows: 24 }), (error: unknown) => {
      assert.ok(error instanceof TerminalError);
      assert.equal(error.status, 503);
      assert.equal(error.code, 'terminals-unavailable');
      assert.match(
        error.message,
        /^web terminals cannot run on this server: no kubectl in .*bash sandbox\/build\.sh/,
      );
      return true;
    });
    assert.deepEqual(minted, []);
    assert.deepEqual(started, []);
  } finally {
    await rm(empty, { recursive: true, force: true });
  }
});

/**
 * Portolan servers as real processes (`node apps/server/src/main.ts`) sharing one PostgreSQL
 * database and encryption key, for tests that kill, pause and restart them as an operator or a
 * crash would. Each keeps its log lines, so a test can read what it said.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { eventually } from '@portolan/sandbox/testing';

const MAIN = path.join(import.meta.dirname, '../../main.ts');
const ADMIN_PASSWORD = 'replica-processes-admin';

export interface ReplicaProcess {
  readonly name: string;
  /** Where it answers now (a restart moves it to a new port). */
  url: string;
  child: ChildProcess;
  /** Its log lines (JSON), newest last, across restarts. */
  lines: string[];
  /** Resolves with the exit code (or signal) once the process is gone. */
  exited: Promise<number | string | null>;
  /** Whether a load balancer would send it requests: started, ready, not told to stop. */
  ready: boolean;
}

export interface ReplicaSet {
  replicas: ReplicaProcess[];
  /** An API token of the administrator, valid on every replica. */
  token: string;
  /** Starts a replica process and waits until it is ready (GET /readyz answers 200). */
  start(name: string): Promise<ReplicaProcess>;
  /** The same replica again over its data directory (after it stopped or was killed). */
  restart(replica: ReplicaProcess): Promise<void>;
  /** SIGTERM and wait for it to exit, as a rolling restart does. */
  terminate(replica: ReplicaProcess): Promise<void>;
  /** SIGKILL: a crash. */
  kill(replica: ReplicaProcess): Promise<void>;
  /** Kills whatever still runs and removes the data directories. */
  stopAll(): Promise<void>;
}

export async function replicaSet(options: {
  databaseUrl: string;
  /** Flags every replica gets (lease timings, probe interval). */
  args: string[];
}): Promise<ReplicaSet> {
  const encryptionKey = randomBytes(32).toString('base64');
  const dirs = new Map<string, string>();
  const replicas: ReplicaProcess[] = [];
  let token = '';

  async function spawnReplica(replica: Pick<ReplicaProcess, 'name'> & Partial<ReplicaProcess>) {
    let dataDir = dirs.get(replica.name);
    if (!dataDir) {
      dataDir = await mkdtemp(path.join(os.tmpdir(), `portolan-${replica.name}-`));
      dirs.set(replica.name, dataDir);
    }
    const child = spawn(
      process.execPath,
      [
        MAIN,
        '--port',
        '0',
        '--proxy-port',
        '0',
        '--data-dir',
        dataDir,
        '--database-url',
        options.databaseUrl,
        '--recover-sandboxes',
        'false',
        '--log-format',
        'json',
        ...options.args,
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          PATH: process.env.PATH,
          PORTOLAN_ENCRYPTION_KEY: encryptionKey,
          PORTOLAN_ADMIN_USER: 'admin',
          PORTOLAN_ADMIN_PASSWORD: ADMIN_PASSWORD,
        },
      },
    );
    const lines = replica.lines ?? [];
    let listening: (url: string) => void = () => {};
    const url = new Promise<string>((resolve) => {
      listening = resolve;
    });
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        lines.push(line);
        const found = /API and console listening at (http:\/\/[^\s"]+)/.exec(line);
        if (found?.[1]) listening(found[1]);
      });
    }
    const exited = new Promise<number | string | null>((resolve) =>
      child.once('exit', (code, signal) => resolve(code ?? signal)),
    );
    const started = await Promise.race([
      url,
      exited.then((code) => {
        throw new Error(`replica ${replica.name} exited (${code}) before listening:\n${lines.join('\n')}`);
      }),
    ]);
    await eventually(
      `replica ${replica.name} ready`,
      async () => ((await fetch(`${started}/readyz`)).status === 200 ? true : undefined),
      30_000,
      100,
    );
    return { url: started, child, lines, exited };
  }

  async function signInToken(url: string): Promise<string> {
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`signing in failed (${login.status}): ${await login.text()}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const created = await fetch(`${url}/api/v1/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ name: 'replica faults', scopes: 'all', expiresInDays: 1 }),
    });
    if (created.status !== 201) throw new Error(`a token was refused (${created.status})`);
    return ((await created.json()) as { token: string }).token;
  }

  const set: ReplicaSet = {
    replicas,
    get token() {
      return token;
    },
    async start(name) {
      const replica: ReplicaProcess = { name, ready: false, ...(await spawnReplica({ name })) };
      replica.ready = true;
      replicas.push(replica);
      if (!token) token = await signInToken(replica.url);
      return replica;
    },
    async restart(replica) {
      Object.assign(replica, await spawnReplica(replica));
      replica.ready = true;
    },
    async terminate(replica) {
      replica.ready = false;
      replica.child.kill('SIGTERM');
      await replica.exited;
    },
    async kill(replica) {
      replica.ready = false;
      replica.child.kill('SIGKILL');
      await replica.exited;
    },
    async stopAll() {
      for (const replica of replicas) {
        if (replica.child.exitCode !== null || replica.child.signalCode !== null) continue;
        replica.child.kill('SIGCONT');
        replica.child.kill('SIGKILL');
        await replica.exited;
      }
      for (const dir of dirs.values()) await rm(dir, { recursive: true, force: true });
    },
  };
  return set;
}

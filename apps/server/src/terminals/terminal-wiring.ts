import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TerminalSettings } from '#server/config/config.ts';
import type { IamServices } from '#server/iam/iam-services.ts';
import type { IdentityEvents } from '#server/iam/identity-events.ts';
import type { Store } from '#server/store/store.ts';
import type { Clock } from '#server/time/clock.ts';
import { createLocalSandboxRunner } from './local-sandbox-runner.ts';
import { findPtyBridge } from './runner/pty-bridge-binary.ts';
import { createTerminalSessions, type TerminalSessions } from './terminal-sessions.ts';

/**
 * Web terminals as the composition root wires them: shells in a local bubblewrap sandbox with the
 * sandbox build's kubectl and helm, each acting as its user through Portolan's own proxy.
 */
export function wireTerminalSessions(deps: {
  env: NodeJS.ProcessEnv;
  sandboxBinaries: () => Promise<string>;
  /** Host paths no shell may see (Portolan's data directory). */
  hide: string[];
  proxy: { url: () => string; certificateAuthority: string | undefined };
  iam: Pick<IamServices, 'tokens' | 'authenticate' | 'audit'>;
  identityEvents: Pick<IdentityEvents, 'subscribe'>;
  store: Pick<Store, 'terminals' | 'replicas'>;
  replica: { id: string };
  settings: TerminalSettings;
  replicaTtlMs: number;
  clock: Clock;
  log: { warn(fields: object, message: string): void };
}): TerminalSessions {
  // One work folder per replica, removed when it stops (the homes in it go with their sessions).
  const workDir = path.join(os.tmpdir(), `portolan-terminals-${deps.replica.id}`);
  const runner = createLocalSandboxRunner({
    ptyBridge: findPtyBridge(deps.env),
    toolsDir: deps.sandboxBinaries,
    hide: deps.hide,
    workDir,
    // A killed replica could not remove its folder: the next one to open a terminal here does.
    staleSiblings: 'portolan-terminals-',
  });
  const sessions = createTerminalSessions({
    runner,
    store: deps.store.terminals,
    audit: deps.iam.audit,
    credentials: { tokens: deps.iam.tokens, forget: () => deps.iam.authenticate.forget() },
    identityEvents: deps.identityEvents,
    authenticateToken: (token) => deps.iam.authenticate({ headers: { authorization: `Bearer ${token}` } }),
    proxy: deps.proxy,
    replicas: deps.store.replicas,
    replica: deps.replica,
    settings: deps.settings,
    replicaTtlMs: deps.replicaTtlMs,
    clock: deps.clock,
    log: deps.log,
  });
  let checking: Promise<unknown> = Promise.resolve();
  return {
    ...sessions,
    unavailable() {
      const answer = sessions.unavailable();
      checking = answer.catch(() => undefined);
      return answer;
    },
    async stop() {
      await sessions.stop();
      // A check still laying out the folder would leave it behind.
      await checking;
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

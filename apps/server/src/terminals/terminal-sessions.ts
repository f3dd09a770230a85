import { randomUUID } from 'node:crypto';
import {
  type TerminalEndReason,
  type TerminalHistoryPage,
  type TerminalHistoryQuery,
  type TerminalSession,
  terminalEnd,
} from '@portolan/api';
import type { AuditLog } from '#server/audit/audit-log.ts';
import type { TerminalSettings } from '#server/config/config.ts';
import { issueProxyCredential, type ProxyCredentialDeps } from '#server/helm/helm-runner-credentials.ts';
import { allowedInCluster } from '#server/iam/authorize.ts';
import type { Caller } from '#server/iam/caller.ts';
import type { IdentityEvents } from '#server/iam/identity-events.ts';
import { type ProxyEndpoint, renderProxyKubeconfig } from '#server/proxy/issued-kubeconfig.ts';
import { type RoundTimer, type SingletonJob, systemRoundTimer } from '#server/replicas/work-leases.ts';
import type { ReplicaStore } from '#server/store/replicas/replica-store.ts';
import type { TerminalStore } from '#server/store/terminals/terminal-store.ts';
import type { Clock } from '#server/time/clock.ts';
import { type EndSaid, endMessage, endSaid } from './end-messages.ts';
import type { SessionRunner } from './session-runner.ts';
import { noSuchTerminal, TerminalError } from './terminal-errors.ts';
import { recordTerminalEnd, terminalRecordOf } from './terminal-records.ts';
import { OpenTerminal } from './terminal-session.ts';

/** Where the session's kubeconfig is in its home, rewritten when its token is renewed. */
export const KUBECONFIG_HOME_PATH = '.kube/config';

export interface TerminalSessionsDeps {
  runner: SessionRunner;
  store: TerminalStore;
  audit: Pick<AuditLog, 'record'>;
  /** Mints and revokes the session's own proxy token. */
  credentials: ProxyCredentialDeps;
  /** Who a session's token stands for now, with their grants; undefined when it no longer counts. */
  authenticateToken(token: string): Promise<Caller | undefined>;
  /** Portolan's https proxy, and the CA that signed it when the system does not trust it. */
  proxy: ProxyEndpoint;
  /** Live replicas, for ending the sessions of one that died. */
  replicas: Pick<ReplicaStore, 'live'>;
  replica: { id: string };
  settings: TerminalSettings;
  clock: Clock;
  log: { warn(fields: object, message: string): void };
  newId?: () => string;
  /** A replica without a heartbeat this long is dead (the lease duration). */
  replicaTtlMs: number;
  /** How long a session's token lives before it is renewed (1 hour; renewed at 80 %). */
  tokenLifetimeMs?: number;
  /** Told after every identity change saved here, so open sessions are checked at once. */
  identityEvents?: Pick<IdentityEvents, 'subscribe'>;
  /** How often open sessions' tokens are checked, attached or not (10 s). */
  accessCheckMs?: number;
  /** How often open sessions' byte counts are written (60 s). */
  countEveryMs?: number;
  /** How often the sweep looks for terminals of dead replicas (10 s). */
  sweepMs?: number;
  timer?: RoundTimer;
}

export interface TerminalSessions {
  /** Why terminals cannot run here, in words that say how to fix it; undefined when they can. */
  unavailable(): Promise<string | undefined>;
  open(caller: Caller, cluster: string, size: { cols: number; rows: number }): Promise<TerminalSession>;
  /** The user's open sessions on this replica. */
  list(userId: string): TerminalSession[];
  /** The user's open session here: 404 when it is not theirs or not open, 409 on another replica. */
  find(userId: string, id: string): Promise<OpenTerminal>;
  /** `said`: why, in English or as a code and values (terminal-codes.ts); the reason's own words when absent. */
  end(id: string, reason: TerminalEndReason, said?: string | EndSaid): Promise<void>;
  /** Recorded sessions of every user, newest first. */
  history(query: TerminalHistoryQuery): Promise<TerminalHistoryPage>;
  /** What a session printed; undefined when it kept none. */
  transcript(id: string): Promise<Buffer | undefined>;
  /** Ends the open rows of replicas that died ('replica-lost'); the number ended. */
  sweep(): Promise<number>;
  sweeper(): SingletonJob;
  /** Deletes ended sessions (and transcripts) older than `before`. */
  prune(before: Date): Promise<number>;
  /** Starts the checks of open sessions' tokens and the byte counts. */
  start(): void;
  /** Ends every open session ('server-stopping'). */
  stop(): Promise<void>;
}

interface Live {
  terminal: OpenTerminal;
  credential: { token: string; revoke(): Promise<void> };
  renew: NodeJS.Timeout;
  counted: number;
}

const HOUR = 3_600_000;

export function createTerminalSessions(deps: TerminalSessionsDeps): TerminalSessions {
  const newId = deps.newId ?? randomUUID;
  const tokenLifetimeMs = deps.tokenLifetimeMs ?? HOUR;
  const sessions = new Map<string, Live>();
  /** Opens under way, counted against the limits before their shells exist. */
  const opening = new Map<string, number>();
  let timers: Array<{ cancel(): void }> = [];
  const timer = deps.timer ?? systemRoundTimer;

  /** Runs `run` one round at a time; a call during a round runs one more after it. */
  const serial = (run: () => Promise<unknown>, problem: string) => {
    let busy = false;
    let again = false;
    const go = () => {
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      run()
        .catch((error: unknown) => deps.log.warn({ err: error }, problem))
        .finally(() => {
          busy = false;
          if (again) {
            again = false;
            go();
          }
        });
    };
    return go;
  };
  let unsubscribe: (() => void) | undefined;
  const { settings } = deps;

  const ownedBy = (userId: string) =>
    [...sessions.values()].filter((live) => live.terminal.owner.userId === userId).length +
    (opening.get(userId) ?? 0);
  const openCount = () => sessions.size + [...opening.values()].reduce((sum, n) => sum + n, 0);

  /** `elsewhere`: the user's sessions open on other replicas, which count toward their limit too. */
  function checkLimits(userId: string, elsewhere: number): void {
    if (ownedBy(userId) + elsewhere >= settings.maxPerUser)
      throw TerminalError.coded(429, 'too-many-terminals', 'too-many-per-user', {
        limit: settings.maxPerUser,
        flag: '--terminal-max-per-user',
      });
    if (openCount() >= settings.maxPerReplica)
      throw TerminalError.coded(429, 'too-many-terminals', 'too-many-per-replica', {
        limit: settings.maxPerReplica,
        flag: '--terminal-max-per-replica',
      });
  }

  const kubeconfigFor = (caller: Caller, cluster: string, token: string) =>
    renderProxyKubeconfig(deps.proxy, cluster, caller.username, token);

  const issue = (caller: Caller, cluster: string) =>
    issueProxyCredential(deps.credentials, caller, `web terminal: ${cluster}`, tokenLifetimeMs);

  /**
   * A new token before the old one ends, written over the kubeconfig in the session's home; the old
   * one is revoked at once. A session whose owner can no longer get one ends at the next access check.
   */
  function scheduleRenewal(id: string, caller: Caller): NodeJS.Timeout {
    const timer = setTimeout(async () => {
      const live = sessions.get(id);
      if (!live) return;
      try {
        const next = await issue(caller, live.terminal.cluster);
        await live.terminal.process.home.write(
          KUBECONFIG_HOME_PATH,
          Buffer.from(kubeconfigFor(caller, live.terminal.cluster, next.token)),
        );
        const previous = live.credential;
        live.credential = next;
        await previous.revoke();
        if (!sessions.has(id)) return void (await next.revoke());
        live.renew = scheduleRenewal(id, caller);
      } catch (error) {
        deps.log.warn(
          { err: error, terminal: id },
          'renewing a terminal’s token failed; it ends when the token does',
        );
      }
    }, tokenLifetimeMs * 0.8);
    timer.unref();
    return timer;
  }

  async function end(
    id: string,
    reason: TerminalEndReason,
    said: string | EndSaid = endSaid(reason, settings),
  ) {
    const live = sessions.get(id);
    if (!live || live.terminal.ended) return;
    const { terminal } = live;
    terminal.finish(reason, said);
    const message = typeof said === 'string' ? said : said.message;
    sessions.delete(id);
    clearTimeout(live.renew);
    await terminal.process
      .close()
      .catch((error: unknown) =>
        deps.log.warn({ err: error, terminal: id }, 'ending a terminal’s shell failed'),
      );
    await live.credential.revoke();
    const at = deps.clock();
    const transcript = terminal.transcriptBytes();
    await deps.store
      .end(id, {
        at,
        reason,
        bytesIn: terminal.bytesIn,
        bytesOut: terminal.bytesOut,
        ...(transcript ? { transcript } : {}),
      })
      .catch((error: unknown) =>
        deps.log.warn({ err: error, terminal: id }, 'recording the end of a terminal failed'),
      );
    // The owner's DELETE is in the trail through the audit hook; every other end is recorded here.
    if (reason !== 'closed') {
      await recordTerminalEnd(
        deps,
        {
          id,
          user: { id: terminal.owner.userId, name: terminal.owner.username },
          cluster: terminal.cluster,
          startedAt: terminal.createdAt,
          bytesIn: terminal.bytesIn,
          bytesOut: terminal.bytesOut,
        },
        at,
        reason,
        message,
      );
    }
  }

  /** Ends sessions whose owner was disabled or removed, whose token was revoked, or who lost the cluster. */
  async function checkAccess(): Promise<void> {
    for (const [id, live] of [...sessions]) {
      const caller = await deps.authenticateToken(live.credential.token).catch(() => 'unknown' as const);
      if (caller === 'unknown') continue;
      if (!caller) await end(id, 'revoked', terminalEnd('revoked-user'));
      else if (!allowedInCluster(caller, 'clusters:proxy', live.terminal.cluster))
        await end(id, 'revoked', terminalEnd('revoked-cluster', { cluster: live.terminal.cluster }));
    }
  }

  async function writeCounts(): Promise<void> {
    for (const [id, live] of sessions) {
      const total = live.terminal.bytesIn + live.terminal.bytesOut;
      if (total === live.counted) continue;
      live.counted = total;
      await deps.store.count(id, live.terminal.bytesIn, live.terminal.bytesOut).catch(() => undefined);
    }
  }

  const service: TerminalSessions = {
    unavailable: () => deps.runner.unavailable(),
    async open(caller, cluster, size) {
      const problem = await deps.runner.unavailable();
      if (problem)
        throw TerminalError.coded(503, 'terminals-unavailable', 'unavailable', { detail: problem });
      checkLimits(caller.userId, await deps.store.openElsewhere(caller.userId, deps.replica.id));
      opening.set(caller.userId, (opening.get(caller.userId) ?? 0) + 1);
      const id = newId();
      let credential: Live['credential'] | undefined;
      let recorded = false;
      try {
        credential = await issue(caller, cluster);
        const kubeconfig = kubeconfigFor(caller, cluster, credential.token);
        await deps.store.start({
          id,
          user: { id: caller.userId, name: caller.username },
          cluster,
          replica: deps.replica.id,
          startedAt: deps.clock(),
        });
        recorded = true;
        const process = await deps.runner.start({
          sessionId: id,
          cluster,
          kubeconfig,
          cols: size.cols,
          rows: size.rows,
        });
        const terminal = new OpenTerminal({
          id,
          owner: { userId: caller.userId, username: caller.username },
          cluster,
          replica: deps.replica.id,
          process,
          clock: deps.clock,
          idleTimeoutMs: settings.idleTimeoutMs,
          detachGraceMs: settings.detachGraceMs,
          transcript: settings.transcripts,
          onEnd: (reason) => void end(id, reason),
        });
        sessions.set(id, { terminal, credential, renew: scheduleRenewal(id, caller), counted: 0 });
        return terminal.view();
      } catch (error) {
        await credential?.revoke();
        const message = error instanceof Error ? error.message : String(error);
        if (recorded)
          await deps.store
            .end(id, { at: deps.clock(), reason: 'failed', bytesIn: 0, bytesOut: 0 })
            .catch(() => undefined);
        if (error instanceof TerminalError) throw error;
        throw TerminalError.coded(500, 'terminal-failed', 'could-not-start', { detail: message });
      } finally {
        const left = (opening.get(caller.userId) ?? 1) - 1;
        if (left > 0) opening.set(caller.userId, left);
        else opening.delete(caller.userId);
      }
    },
    list: (userId) =>
      [...sessions.values()]
        .filter((live) => live.terminal.owner.userId === userId)
        .map((live) => live.terminal.view())
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    async find(userId, id) {
      const live = sessions.get(id);
      if (live) {
        if (live.terminal.owner.userId !== userId) throw noSuchTerminal(id);
        return live.terminal;
      }
      const row = await deps.store.get(id);
      if (row && row.user.id === userId && row.endedAt === null && row.replica !== deps.replica.id)
        throw TerminalError.coded(
          409,
          'other-replica',
          'other-replica',
          { id, replica: row.replica, here: deps.replica.id },
          row.replica,
        );
      throw noSuchTerminal(id);
    },
    end,
    async history(query) {
      const page = await deps.store.list({
        ...(query.user !== undefined ? { userId: query.user } : {}),
        ...(query.cluster !== undefined ? { cluster: query.cluster } : {}),
        ...(query.limit !== undefined ? { limit: query.limit } : {}),
        ...(query.cursor !== undefined ? { cursor: query.cursor } : {}),
      });
      return { items: page.items.map(terminalRecordOf), nextCursor: page.nextCursor };
    },
    transcript: (id) => deps.store.transcript(id),
    async sweep() {
      const now = deps.clock().getTime();
      const live = (await deps.replicas.live(now - deps.replicaTtlMs)).map((replica) => replica.id);
      // A session younger than the liveness window may belong to a replica that has not joined yet.
      const orphans = await deps.store.orphans(
        [...new Set([...live, deps.replica.id])],
        new Date(now - deps.replicaTtlMs),
      );
      let ended = 0;
      for (const row of orphans) {
        const at = deps.clock();
        const ok = await deps.store.end(row.id, {
          at,
          reason: 'replica-lost',
          bytesIn: row.bytesIn,
          bytesOut: row.bytesOut,
        });
        if (!ok) continue;
        ended++;
        await recordTerminalEnd(deps, row, at, 'replica-lost', endMessage('replica-lost', settings));
      }
      return ended;
    },
    sweeper() {
      let round: { cancel(): void } | undefined;
      const sweep = serial(
        () => service.sweep(),
        'ending the terminals of stopped replicas failed; trying again',
      );
      return {
        start() {
          round ??= timer.every(deps.sweepMs ?? 10_000, sweep);
        },
        stop() {
          round?.cancel();
          round = undefined;
        },
      };
    },
    prune: (before) => deps.store.prune(before),
    start() {
      if (timers.length > 0) return;
      const problem = 'checking open terminals failed; trying again';
      const accessRound = serial(checkAccess, problem);
      timers = [
        timer.every(deps.accessCheckMs ?? 10_000, accessRound),
        timer.every(deps.countEveryMs ?? 60_000, serial(writeCounts, problem)),
      ];
      // A change saved here (a user disabled, a token revoked) is checked at once, attached or not.
      unsubscribe = deps.identityEvents?.subscribe(accessRound);
    },
    async stop() {
      for (const round of timers) round.cancel();
      timers = [];
      unsubscribe?.();
      unsubscribe = undefined;
      await Promise.all([...sessions.keys()].map((id) => end(id, 'server-stopping')));
    },
  };
  return service;
}

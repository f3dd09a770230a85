import { type ChildProcessByStdio, spawn } from 'node:child_process';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { CredentialSource, RequestCredentials } from '#server/kube/kube-connection.ts';
import type { Clock } from '#server/time/clock.ts';
import { KubeconfigError } from './kubeconfig-errors.ts';
import { checkCertificatesPem, checkPrivateKeyPem } from './kubeconfig-files.ts';
import { checkHeaderValue } from './kubeconfig-headers.ts';
import type { ExecConfig } from './kubeconfig-types.ts';

const API_VERSIONS = new Set(['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1']);

/** What the plugin last returned. */
export interface ExecCredentialResult {
  token?: string;
  clientCertificate?: { cert: string; key: string };
  expiresAt?: Date;
}

export interface ExecCredentialSource extends CredentialSource {
  invalidate(): void;
  /** The cached credential, if the plugin has run and it has not been invalidated. */
  current(): ExecCredentialResult | undefined;
}

export interface ExecPluginSetup {
  exec: ExecConfig;
  /** For messages, e.g. `users[eks-admin].user.exec`. */
  field: string;
  /** Relative commands with a slash resolve here (the kubeconfig's directory), as kubectl does. */
  baseDir: string | undefined;
  /** Sent in KUBERNETES_EXEC_INFO when provideClusterInfo is set. */
  cluster: Record<string, unknown>;
}

export interface ExecPluginDeps {
  clock: Clock;
  /** The environment the plugin starts from; the kubeconfig's env entries are added to it. */
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** Checks an exec entry without running it, so a bad kubeconfig is refused early. */
export function checkExecConfig(exec: ExecConfig, field: string): void {
  if (!exec.command) {
    throw new KubeconfigError(
      'unsupported-auth',
      `${field}.command is empty; name the credential plugin to run`,
      {
        field,
      },
    );
  }
  if (!exec.apiVersion || !API_VERSIONS.has(exec.apiVersion)) {
    throw new KubeconfigError(
      'unsupported-auth',
      `${field}.apiVersion is "${exec.apiVersion ?? ''}"; Portolan runs plugins of client.authentication.k8s.io/v1 or v1beta1 (v1alpha1 was removed from Kubernetes)`,
      { field },
    );
  }
  if (exec.interactiveMode === 'Always') {
    throw new KubeconfigError(
      'unsupported-auth',
      `${field} needs an interactive terminal (interactiveMode: Always), which a server does not have; configure the plugin to work non-interactively (for example with a service account or a cached login)`,
      { field },
    );
  }
}

function parseOutput(stdout: string, setup: ExecPluginSetup): ExecCredentialResult {
  const { exec, field } = setup;
  let credential: {
    apiVersion?: string;
    kind?: string;
    status?: {
      token?: string;
      clientCertificateData?: string;
      clientKeyData?: string;
      expirationTimestamp?: string;
    };
  };
  try {
    credential = JSON.parse(stdout);
  } catch {
    throw new KubeconfigError(
      'exec-plugin-failed',
      // Not quoted: a plugin that prints a bare token would leak it into logs.
      `the credential plugin "${exec.command}" printed ${stdout.trim().length} characters that are not an ExecCredential (JSON); check that ${field}.apiVersion and args match the plugin`,
      { field },
    );
  }
  if (credential.kind !== 'ExecCredential' || credential.apiVersion !== exec.apiVersion) {
    throw new KubeconfigError(
      'exec-plugin-failed',
      `the credential plugin "${exec.command}" returned ${credential.kind ?? 'no kind'} ${credential.apiVersion ?? ''}, but the kubeconfig expects an ExecCredential of ${exec.apiVersion}; align ${field}.apiVersion with the plugin`,
      { field },
    );
  }
  const status = credential.status ?? {};
  for (const key of ['token', 'clientCertificateData', 'clientKeyData', 'expirationTimestamp'] as const) {
    if (status[key] !== undefined && status[key] !== null && typeof status[key] !== 'string') {
      throw new KubeconfigError(
        'exec-plugin-failed',
        `the credential plugin "${exec.command}" returned status.${key} that is not text; check that the plugin and ${field}.apiVersion match`,
        { field },
      );
    }
  }
  const result: ExecCredentialResult = {};
  if (status.token) {
    result.token = status.token.trim();
    checkHeaderValue(result.token, {
      where: { field },
      source: `the token printed by the credential plugin "${exec.command}" of`,
      problem: 'exec-plugin-failed',
      fix: 'the plugin must print the token on one line; check its version and configuration',
    });
  }
  if (status.clientCertificateData || status.clientKeyData) {
    if (!status.clientCertificateData || !status.clientKeyData) {
      throw new KubeconfigError(
        'exec-plugin-failed',
        `the credential plugin "${exec.command}" returned a client certificate without its key, or a key without its certificate`,
        { field },
      );
    }
    const printed = (what: string) => ({ field: `${field} (the plugin's ${what})` });
    checkCertificatesPem(status.clientCertificateData, printed('clientCertificateData'));
    checkPrivateKeyPem(status.clientKeyData, printed('clientKeyData'));
    result.clientCertificate = { cert: status.clientCertificateData, key: status.clientKeyData };
  }
  if (!result.token && !result.clientCertificate) {
    throw new KubeconfigError(
      'exec-plugin-failed',
      `the credential plugin "${exec.command}" returned neither a token nor a client certificate`,
      { field },
    );
  }
  if (status.expirationTimestamp) {
    const expiresAt = new Date(status.expirationTimestamp);
    if (Number.isNaN(expiresAt.getTime())) {
      throw new KubeconfigError(
        'exec-plugin-failed',
        `the credential plugin "${exec.command}" returned expirationTimestamp "${status.expirationTimestamp}", which is not a time`,
        { field },
      );
    }
    result.expiresAt = expiresAt;
  }
  return result;
}

/** The longest a plugin may run; a plugin that waits for a login that never comes must not hang requests. */
export const DEFAULT_EXEC_TIMEOUT_MS = 10_000;
const MAX_OUTPUT_BYTES = 4 << 20;

function runPlugin(setup: ExecPluginSetup, deps: ExecPluginDeps): Promise<ExecCredentialResult> {
  const { exec, field } = setup;
  const command = exec.command ?? '';
  const limitMs = deps.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
  const resolved =
    command.includes('/') && !path.isAbsolute(command) && setup.baseDir
      ? path.resolve(setup.baseDir, command)
      : command;
  const info = {
    apiVersion: exec.apiVersion,
    kind: 'ExecCredential',
    spec: { interactive: false, ...(exec.provideClusterInfo ? { cluster: setup.cluster } : {}) },
  };
  const env: NodeJS.ProcessEnv = { ...deps.env, KUBERNETES_EXEC_INFO: JSON.stringify(info) };
  for (const entry of exec.env ?? []) env[entry.name] = entry.value;
  const failed = (detail: string) =>
    new KubeconfigError('exec-plugin-failed', `the credential plugin "${command}" failed: ${detail}`, {
      field,
    });
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout also ends what the plugin started (a shell's children
    // would otherwise keep its output open, and the answer waiting).
    let child: ChildProcessByStdio<null, Readable, Readable>;
    try {
      child = spawn(resolved, exec.args ?? [], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      // node refuses, for example, a NUL character in the command, its arguments or env.
      reject(failed(`it could not be started: ${(error as Error).message}; check ${field}`));
      return;
    }
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let settled = false;
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // It has already ended.
      }
    };
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      settle();
    };
    const timer = setTimeout(() => {
      killGroup();
      finish(() =>
        reject(
          failed(
            `it did not finish within ${limitMs / 1000} s (the exec plugin time limit); check that it works without a terminal, for example by running it on the Portolan server`,
          ),
        ),
      );
    }, limitMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes <= MAX_OUTPUT_BYTES) stdout.push(chunk);
      else {
        killGroup();
        finish(() => reject(failed(`it printed more than ${MAX_OUTPUT_BYTES} bytes`)));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });
    child.once('error', (error) => {
      const code = (error as { code?: unknown }).code;
      if (code === 'ENOENT' || code === 'EACCES') {
        const hint = exec.installHint?.trim() ? ` ${exec.installHint.trim()}` : '';
        finish(() =>
          reject(
            new KubeconfigError(
              'exec-plugin-missing',
              `the credential plugin "${command}" named in ${field}.command ${code === 'ENOENT' ? 'was not found' : 'is not executable'} on the Portolan server; install it there (on its PATH).${hint}`,
              { field: `${field}.command` },
            ),
          ),
        );
        return;
      }
      finish(() => reject(failed(error.message)));
    });
    child.once('close', (code) => {
      finish(() => {
        if (code !== 0) {
          reject(
            failed(
              `it exited with code ${String(code)}: ${stderr.trim().slice(-500) || '(no output on stderr)'}`,
            ),
          );
          return;
        }
        try {
          resolve(parseOutput(Buffer.concat(stdout).toString('utf8'), setup));
        } catch (parseError) {
          reject(parseError);
        }
      });
    });
  });
}

/**
 * Runs the plugin when a credential is needed and keeps its answer until expirationTimestamp
 * (or until a 401 invalidates it); concurrent requests share one run.
 */
export function createExecCredentialSource(
  setup: ExecPluginSetup,
  deps: ExecPluginDeps,
): ExecCredentialSource {
  checkExecConfig(setup.exec, setup.field);
  let cached: ExecCredentialResult | undefined;
  let running: Promise<ExecCredentialResult> | undefined;
  const fresh = (result: ExecCredentialResult | undefined) =>
    result !== undefined && (!result.expiresAt || deps.clock().getTime() < result.expiresAt.getTime());
  const toCredentials = (result: ExecCredentialResult): RequestCredentials => ({
    ...(result.token ? { authorization: `Bearer ${result.token}` } : {}),
    ...(result.clientCertificate ? { clientCertificate: result.clientCertificate } : {}),
  });
  return {
    async get() {
      if (fresh(cached)) return toCredentials(cached as ExecCredentialResult);
      running ??= runPlugin(setup, deps).finally(() => {
        running = undefined;
      });
      cached = await running;
      return toCredentials(cached);
    },
    invalidate() {
      cached = undefined;
    },
    current: () => cached,
  };
}

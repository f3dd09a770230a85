import { execFile } from 'node:child_process';
import path from 'node:path';
import type { CredentialSource, RequestCredentials } from '#server/kube/kube-connection.ts';
import type { Clock } from './clock.ts';
import { KubeconfigError } from './kubeconfig-errors.ts';
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
  const result: ExecCredentialResult = {};
  if (status.token) result.token = status.token;
  if (status.clientCertificateData || status.clientKeyData) {
    if (!status.clientCertificateData || !status.clientKeyData) {
      throw new KubeconfigError(
        'exec-plugin-failed',
        `the credential plugin "${exec.command}" returned a client certificate without its key, or a key without its certificate`,
        { field },
      );
    }
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

function runPlugin(setup: ExecPluginSetup, deps: ExecPluginDeps): Promise<ExecCredentialResult> {
  const { exec, field } = setup;
  const command = exec.command ?? '';
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
  return new Promise((resolve, reject) => {
    execFile(
      resolved,
      exec.args ?? [],
      { env, timeout: deps.timeoutMs ?? 60_000, maxBuffer: 4 << 20 },
      (error, stdout, stderr) => {
        if (!error) {
          try {
            resolve(parseOutput(stdout, setup));
          } catch (parseError) {
            reject(parseError);
          }
          return;
        }
        const code = (error as { code?: unknown }).code;
        if (code === 'ENOENT' || code === 'EACCES') {
          const hint = exec.installHint?.trim() ? ` ${exec.installHint.trim()}` : '';
          reject(
            new KubeconfigError(
              'exec-plugin-missing',
              `the credential plugin "${command}" named in ${field}.command ${code === 'ENOENT' ? 'was not found' : 'is not executable'} on the Portolan server; install it there (on its PATH).${hint}`,
              { field: `${field}.command` },
            ),
          );
          return;
        }
        const detail = (error as { killed?: boolean }).killed
          ? `it did not finish within ${(deps.timeoutMs ?? 60_000) / 1000} s`
          : `it exited with code ${String(code)}: ${stderr.trim().slice(-500) || '(no output on stderr)'}`;
        reject(
          new KubeconfigError('exec-plugin-failed', `the credential plugin "${command}" failed: ${detail}`, {
            field,
          }),
        );
      },
    );
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

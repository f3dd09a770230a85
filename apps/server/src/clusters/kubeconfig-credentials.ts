import { createPrivateKey, X509Certificate } from 'node:crypto';
import path from 'node:path';
import type { CredentialSource, RequestCredentials } from '#server/kube/kube-connection.ts';
import type { Clock } from '#server/time/clock.ts';
import type { CredentialMaterial } from './credential-expiry.ts';
import { createExecCredentialSource, type ExecCredentialSource } from './exec-credential.ts';
import type { SelectedContext } from './kubeconfig.ts';
import { KubeconfigError } from './kubeconfig-errors.ts';
import {
  checkCertificatesPem,
  checkPrivateKeyPem,
  decodeBase64Field,
  type FileAccess,
  fieldAt,
  readReferencedFile,
} from './kubeconfig-files.ts';
import { checkHeaderValue } from './kubeconfig-headers.ts';
import type { Kubeconfig } from './kubeconfig-types.ts';
import { createOidcCredentialSource } from './oidc-credential.ts';

export type CredentialKind = 'client-certificate' | 'token' | 'token-file' | 'basic' | 'exec' | 'oidc';

export interface KubeconfigCredentials {
  /** Which kinds the user entry uses; empty for an anonymous user. */
  kinds: CredentialKind[];
  source: CredentialSource;
  /** The credentials as known now (an exec plugin's only after it ran), for expiry checks. */
  material(): CredentialMaterial[];
  warnings: string[];
}

export interface CredentialDeps {
  clock: Clock;
  /** The environment exec plugins start from. */
  env: NodeJS.ProcessEnv;
  /** False when exec plugins must not run (they run commands on the Portolan server). */
  allowExec: boolean;
  files: FileAccess;
  /** The exec plugin time limit (default DEFAULT_EXEC_TIMEOUT_MS). */
  execTimeoutMs?: number;
}

// client-go re-reads a tokenFile about once a minute, so rotated tokens are picked up.
const TOKEN_FILE_REFRESH_MS = 60_000;

async function readPemPair(
  config: Kubeconfig,
  selected: SelectedContext,
  files: FileAccess,
  key: 'client-certificate' | 'client-key',
): Promise<string | undefined> {
  const user = selected.user.value;
  const data = user[`${key}-data`];
  if (data)
    return decodeBase64Field(data, fieldAt(config, 'users', selected.user, `${key}-data`)).toString('utf8');
  const file = user[key];
  if (file)
    return (
      await readReferencedFile(config, files, file, fieldAt(config, 'users', selected.user, key))
    ).toString('utf8');
  return undefined;
}

/** The key the user wrote for a certificate or key: the `-data` one when set, else the file one. */
const writtenKey = (selected: SelectedContext, key: 'client-certificate' | 'client-key') =>
  selected.user.value[`${key}-data`] ? (`${key}-data` as const) : key;

async function readClientCertificate(config: Kubeconfig, selected: SelectedContext, files: FileAccess) {
  const cert = await readPemPair(config, selected, files, 'client-certificate');
  const key = await readPemPair(config, selected, files, 'client-key');
  if (!cert && !key) return undefined;
  const certAt = fieldAt(config, 'users', selected.user, writtenKey(selected, 'client-certificate'));
  const keyAt = fieldAt(config, 'users', selected.user, writtenKey(selected, 'client-key'));
  if (!cert || !key) {
    throw new KubeconfigError(
      'invalid-kubeconfig',
      `user "${selected.user.name}" has a client ${cert ? 'certificate without its key' : 'key without its certificate'}; set both client-certificate(-data) and client-key(-data)`,
      cert ? keyAt : certAt,
    );
  }
  checkCertificatesPem(cert, certAt);
  checkPrivateKeyPem(key, keyAt);
  if (!new X509Certificate(cert).checkPrivateKey(createPrivateKey(key))) {
    throw new KubeconfigError(
      'invalid-pem',
      `user "${selected.user.name}": the client key does not belong to the client certificate (${keyAt.field}, ${certAt.field}); take both from the same kubeconfig`,
      keyAt,
    );
  }
  return { cert, key };
}

/** A token read from the kubeconfig or its tokenFile, checked to fit in an Authorization header. */
function checkedToken(
  token: string,
  where: { field: string; line?: number; column?: number },
  file?: string,
) {
  const trimmed = token.trim();
  checkHeaderValue(trimmed, {
    where,
    ...(file ? { source: `the file ${file} named by` } : {}),
    fix: 'copy the token again as one line, without line breaks or other characters around it',
  });
  return trimmed;
}

function checkConflicts(selected: SelectedContext, config: Kubeconfig): void {
  const user = selected.user.value;
  const at = (key: string) => fieldAt(config, 'users', selected.user, key);
  if ((user.token || user.tokenFile) && (user.username || user.password)) {
    throw new KubeconfigError(
      'conflicting-auth',
      `user "${selected.user.name}" sets both a bearer token and a username/password; keep one of them`,
      at('username'),
    );
  }
  if (user.exec && user['auth-provider']) {
    throw new KubeconfigError(
      'conflicting-auth',
      `user "${selected.user.name}" sets both exec and auth-provider; keep one of them`,
      at('auth-provider'),
    );
  }
}

/** Turns the selected user entry into a credential source, reading files and checking PEM now. */
export async function credentialsFromKubeconfig(
  config: Kubeconfig,
  selected: SelectedContext,
  cluster: Record<string, unknown>,
  deps: CredentialDeps,
): Promise<KubeconfigCredentials> {
  checkConflicts(selected, config);
  const user = selected.user.value;
  const kinds: CredentialKind[] = [];
  const warnings: string[] = [];
  const at = (key: string) => fieldAt(config, 'users', selected.user, key);

  const clientCertificate = await readClientCertificate(config, selected, deps.files);
  if (clientCertificate) kinds.push('client-certificate');

  let staticAuthorization: string | undefined;
  let tokenFile: { token: string; readAt: number } | undefined;
  if (user.token) {
    kinds.push('token');
    staticAuthorization = `Bearer ${checkedToken(user.token, at('token'))}`;
  } else if (user.tokenFile) {
    kinds.push('token-file');
    const token = (await readReferencedFile(config, deps.files, user.tokenFile, at('tokenFile'))).toString(
      'utf8',
    );
    tokenFile = {
      token: checkedToken(token, at('tokenFile'), user.tokenFile),
      readAt: deps.clock().getTime(),
    };
  } else if (user.username || user.password) {
    kinds.push('basic');
    staticAuthorization = `Basic ${Buffer.from(`${user.username ?? ''}:${user.password ?? ''}`).toString('base64')}`;
    warnings.push(
      'the user authenticates with a username and password; kube-apiserver dropped basic authentication in 1.19, so this works only behind an authenticating proxy',
    );
  }

  let exec: ExecCredentialSource | undefined;
  if (user.exec) {
    if (!deps.allowExec) {
      throw new KubeconfigError(
        'exec-not-allowed',
        `user "${selected.user.name}" authenticates with the exec plugin "${user.exec.command ?? ''}", and running commands on the Portolan server is not allowed for this request; ask an administrator, or use a token or client certificate`,
        at('exec'),
      );
    }
    kinds.push('exec');
    exec = createExecCredentialSource(
      {
        exec: user.exec,
        field: at('exec').field,
        baseDir: config.path ? path.dirname(config.path) : deps.files.baseDir,
        cluster,
      },
      {
        clock: deps.clock,
        env: deps.env,
        ...(deps.execTimeoutMs !== undefined ? { timeoutMs: deps.execTimeoutMs } : {}),
      },
    );
  }

  let oidc: CredentialSource | undefined;
  let idToken: string | undefined;
  const provider = user['auth-provider'];
  if (provider) {
    const created = createOidcCredentialSource(provider, {
      field: at('auth-provider').field,
      clock: deps.clock,
    });
    oidc = created.source;
    idToken = created.idToken;
    kinds.push('oidc');
  }

  const tokenFromFile = async (): Promise<string> => {
    if (!tokenFile || !user.tokenFile) return '';
    if (deps.clock().getTime() - tokenFile.readAt >= TOKEN_FILE_REFRESH_MS) {
      const token = (await readReferencedFile(config, deps.files, user.tokenFile, at('tokenFile'))).toString(
        'utf8',
      );
      tokenFile = {
        token: checkedToken(token, at('tokenFile'), user.tokenFile),
        readAt: deps.clock().getTime(),
      };
    }
    return tokenFile.token;
  };

  const source: CredentialSource = {
    async get(signal) {
      const result: RequestCredentials = {};
      if (clientCertificate) result.clientCertificate = clientCertificate;
      if (staticAuthorization) result.authorization = staticAuthorization;
      const fileToken = await tokenFromFile();
      if (fileToken) result.authorization = `Bearer ${fileToken}`;
      // Plugins and providers win over static values, as in client-go.
      for (const dynamic of [oidc, exec]) {
        if (!dynamic) continue;
        const extra = await dynamic.get(signal);
        if (extra.authorization) result.authorization = extra.authorization;
        if (extra.clientCertificate) result.clientCertificate = extra.clientCertificate;
      }
      return result;
    },
  };
  // Only credentials that can change are worth asking again after a 401.
  if (exec || tokenFile) {
    source.invalidate = () => {
      exec?.invalidate();
      if (tokenFile) tokenFile.readAt = 0;
    };
  }

  return {
    kinds,
    source,
    warnings,
    material() {
      const items: CredentialMaterial[] = [];
      if (clientCertificate) {
        items.push({
          kind: 'client-certificate',
          certificatePem: clientCertificate.cert,
          field: at(writtenKey(selected, 'client-certificate')).field,
        });
      }
      if (user.token) items.push({ kind: 'token', token: user.token.trim(), field: at('token').field });
      if (tokenFile) items.push({ kind: 'token', token: tokenFile.token, field: at('tokenFile').field });
      if (idToken) items.push({ kind: 'id-token', token: idToken, field: at('auth-provider').field });
      const current = exec?.current();
      if (current) {
        const field = at('exec').field;
        const renewable = true;
        items.push({
          kind: 'exec',
          field,
          renewable,
          ...(current.expiresAt ? { expiresAt: current.expiresAt } : {}),
        });
        if (current.token) items.push({ kind: 'token', token: current.token, field, renewable });
        if (current.clientCertificate) {
          items.push({
            kind: 'client-certificate',
            certificatePem: current.clientCertificate.cert,
            field,
            renewable,
          });
        }
      }
      return items;
    },
  };
}

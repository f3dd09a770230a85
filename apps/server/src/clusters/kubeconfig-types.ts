/** The parts of a kubeconfig (v1 Config) that Portolan reads, with kubectl's field names. */

export interface KubeconfigCluster {
  server?: string;
  'certificate-authority'?: string;
  'certificate-authority-data'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'tls-server-name'?: string;
  'proxy-url'?: string;
}

export interface ExecEnvVar {
  name: string;
  value: string;
}

export interface ExecConfig {
  command?: string;
  args?: string[];
  env?: ExecEnvVar[] | null;
  apiVersion?: string;
  installHint?: string;
  provideClusterInfo?: boolean;
  interactiveMode?: 'Never' | 'IfAvailable' | 'Always';
}

export interface AuthProviderConfig {
  name?: string;
  config?: Record<string, string>;
}

export interface KubeconfigUser {
  'client-certificate'?: string;
  'client-certificate-data'?: string;
  'client-key'?: string;
  'client-key-data'?: string;
  token?: string;
  tokenFile?: string;
  username?: string;
  password?: string;
  as?: string;
  'as-uid'?: string;
  'as-groups'?: string[];
  'as-user-extra'?: Record<string, string[]>;
  'auth-provider'?: AuthProviderConfig;
  exec?: ExecConfig;
}

export interface KubeconfigContext {
  cluster?: string;
  user?: string;
  namespace?: string;
}

/** A named entry and where it sits in the file, so errors can point at it. */
export interface Named<T> {
  name: string;
  index: number;
  value: T;
}

export interface Kubeconfig {
  clusters: Named<KubeconfigCluster>[];
  users: Named<KubeconfigUser>[];
  contexts: Named<KubeconfigContext>[];
  currentContext: string | undefined;
  /** The file it came from; relative paths inside resolve against its directory. */
  path: string | undefined;
  /** `line:column` of a field, e.g. ['users', 0, 'user', 'token'], when known. */
  locate(path: (string | number)[]): { line: number; column: number } | undefined;
}

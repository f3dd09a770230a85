/**
 * What POST /api/v1/clusters/{cluster}/workloads takes: the part of the server's WorkloadSpec the
 * form sets (the whole schema is @portolan/api's workloadSpecSchema).
 */
export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob';
export const WORKLOAD_KINDS: WorkloadKind[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];

export type Handler =
  | { type: 'http'; path?: string; port: number | string; scheme?: 'HTTP' | 'HTTPS' }
  | { type: 'tcp'; port: number | string }
  | { type: 'exec'; command: string[] };
export type Probe = Handler & {
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  failureThreshold?: number;
};
export interface KeyRef {
  name: string;
  key: string;
}
export type EnvVar =
  | { name: string; value: string }
  | { name: string; configMapKey: KeyRef }
  | { name: string; secretKey: KeyRef };
export type EnvFrom = { configMap: string; prefix?: string } | { secret: string; prefix?: string };
export interface Amounts {
  cpu?: string;
  memory?: string;
}

export interface ContainerSpec {
  name: string;
  image: string;
  imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  command?: string[];
  args?: string[];
  ports?: { containerPort: number; name?: string; protocol?: 'TCP' | 'UDP' | 'SCTP' }[];
  env?: EnvVar[];
  envFrom?: EnvFrom[];
  resources?: { requests?: Amounts; limits?: Amounts };
  securityContext?: {
    runAsUser?: number;
    runAsNonRoot?: boolean;
    privileged?: boolean;
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
  };
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { postStart?: Handler; preStop?: Handler };
  volumeMounts?: { volume: string; mountPath: string; readOnly?: boolean }[];
}

export type VolumeSpec =
  | { name: string; type: 'configMap'; configMap: string }
  | { name: string; type: 'secret'; secret: string }
  | { name: string; type: 'pvc'; claimName: string }
  | { name: string; type: 'emptyDir' };

export interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values?: string[];
}
export interface PodAffinityRule {
  labels: Record<string, string>;
  topologyKey: string;
  weight?: number;
}
export interface Toleration {
  key?: string;
  operator?: 'Equal' | 'Exists';
  value?: string;
  effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  tolerationSeconds?: number;
}

export type UpdateStrategy =
  | {
      type: 'RollingUpdate';
      maxSurge?: number | string;
      maxUnavailable?: number | string;
      partition?: number;
    }
  | { type: 'Recreate' }
  | { type: 'OnDelete' };

export interface JobSettings {
  completions?: number;
  parallelism?: number;
  backoffLimit?: number;
  activeDeadlineSeconds?: number;
  ttlSecondsAfterFinished?: number;
}

export type ConcurrencyPolicy = 'Allow' | 'Forbid' | 'Replace';
export interface CronSettings {
  schedule: string;
  timeZone?: string;
  concurrencyPolicy?: ConcurrencyPolicy;
  suspend?: boolean;
  startingDeadlineSeconds?: number;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
}

export interface WorkloadSpec {
  kind: WorkloadKind;
  name: string;
  namespace: string;
  labels?: Record<string, string>;
  replicas?: number;
  strategy?: UpdateStrategy;
  job?: JobSettings;
  cron?: CronSettings;
  containers: ContainerSpec[];
  initContainers?: ContainerSpec[];
  volumes?: VolumeSpec[];
  nodeSelector?: Record<string, string>;
  nodeAffinity?: { required?: Requirement[][] };
  podAffinity?: PodAffinityRule[];
  podAntiAffinity?: PodAffinityRule[];
  tolerations?: Toleration[];
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
}

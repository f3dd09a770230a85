/**
 * What users set in a workload form (POST …/workloads; its JSON schema is workloadSpecSchema). The
 * server's `buildWorkload` turns it into a manifest after
 * `validateWorkloadSpec` has named every field at fault (paths as here, e.g. `containers[0].image`).
 */
export interface WorkloadSpec extends PodSettings {
  /** A Kind of the workloads collection: Deployment, StatefulSet, DaemonSet, Job or CronJob. */
  kind: string;
  name: string;
  namespace: string;
  /** On the workload and its pods. */
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** Pod labels that select the workload's pods; `{ app: name }` by default, as kubectl creates. */
  selector?: Record<string, string>;
  /** Deployment and StatefulSet. */
  replicas?: number;
  strategy?: UpdateStrategy;
  /** StatefulSet: the headless Service that names its pods; the workload's name by default. */
  serviceName?: string;
  /** Job, and the jobs of a CronJob. */
  job?: JobSettings;
  /** CronJob. */
  cron?: CronSettings;
}

export type UpdateStrategy =
  /** `partition` is for StatefulSets; `maxSurge` for Deployments (and DaemonSets). */
  | {
      type: 'RollingUpdate';
      maxSurge?: number | string;
      maxUnavailable?: number | string;
      partition?: number;
    }
  /** Deployment only: stop every old pod before starting new ones. */
  | { type: 'Recreate' }
  /** StatefulSet and DaemonSet: replace a pod only when it is deleted. */
  | { type: 'OnDelete' };

export interface JobSettings {
  completions?: number;
  parallelism?: number;
  backoffLimit?: number;
  activeDeadlineSeconds?: number;
  ttlSecondsAfterFinished?: number;
}

export interface CronSettings {
  /** Five cron fields, or a macro such as `@hourly`. */
  schedule: string;
  timeZone?: string;
  concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
  suspend?: boolean;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
  startingDeadlineSeconds?: number;
}

export interface PodSettings {
  containers: ContainerSpec[];
  initContainers?: ContainerSpec[];
  volumes?: VolumeSpec[];
  nodeSelector?: Record<string, string>;
  nodeAffinity?: NodeAffinitySpec;
  podAffinity?: PodAffinitySpec[];
  podAntiAffinity?: PodAffinitySpec[];
  tolerations?: TolerationSpec[];
  serviceAccountName?: string;
  /** Always for Deployments, StatefulSets and DaemonSets; Never (default) or OnFailure for jobs. */
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  terminationGracePeriodSeconds?: number;
  securityContext?: { runAsUser?: number; runAsGroup?: number; runAsNonRoot?: boolean; fsGroup?: number };
}

export interface ContainerSpec {
  name: string;
  image: string;
  imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  command?: string[];
  args?: string[];
  workingDir?: string;
  ports?: { containerPort: number; name?: string; protocol?: 'TCP' | 'UDP' | 'SCTP' }[];
  env?: EnvVarSpec[];
  envFrom?: EnvFromSpec[];
  resources?: { requests?: ResourceAmounts; limits?: ResourceAmounts };
  securityContext?: ContainerSecurity;
  readinessProbe?: ProbeSpec;
  livenessProbe?: ProbeSpec;
  startupProbe?: ProbeSpec;
  lifecycle?: { postStart?: HandlerSpec; preStop?: HandlerSpec };
  volumeMounts?: { volume: string; mountPath: string; subPath?: string; readOnly?: boolean }[];
}

/** Quantities as Kubernetes writes them: cpu `250m`, memory `128Mi`. */
export interface ResourceAmounts {
  cpu?: string;
  memory?: string;
  'ephemeral-storage'?: string;
}

export interface ContainerSecurity {
  runAsUser?: number;
  runAsGroup?: number;
  runAsNonRoot?: boolean;
  privileged?: boolean;
  readOnlyRootFilesystem?: boolean;
  allowPrivilegeEscalation?: boolean;
  capabilities?: { add?: string[]; drop?: string[] };
}

export type EnvVarSpec =
  | { name: string; value: string }
  | { name: string; configMapKey: KeyRef }
  | { name: string; secretKey: KeyRef };

export interface KeyRef {
  name: string;
  key: string;
  optional?: boolean;
}

/** Every key of a ConfigMap or Secret as variables, optionally prefixed. */
export type EnvFromSpec =
  | { configMap: string; prefix?: string; optional?: boolean }
  | { secret: string; prefix?: string; optional?: boolean };

export type HandlerSpec =
  | {
      type: 'http';
      path?: string;
      port: number | string;
      scheme?: 'HTTP' | 'HTTPS';
      headers?: Record<string, string>;
    }
  | { type: 'tcp'; port: number | string }
  | { type: 'exec'; command: string[] };

export type ProbeSpec = HandlerSpec & {
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
};

export type VolumeSpec =
  | {
      name: string;
      type: 'configMap';
      configMap: string;
      items?: KeyPath[];
      defaultMode?: number;
      optional?: boolean;
    }
  | {
      name: string;
      type: 'secret';
      secret: string;
      items?: KeyPath[];
      defaultMode?: number;
      optional?: boolean;
    }
  | { name: string; type: 'pvc'; claimName: string; readOnly?: boolean }
  | { name: string; type: 'emptyDir'; medium?: 'Memory'; sizeLimit?: string };

export interface KeyPath {
  key: string;
  path: string;
}

export interface NodeRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values?: string[];
}

export interface NodeAffinitySpec {
  /** The pod goes only to nodes matching one of these terms (each a list of requirements, all must hold). */
  required?: NodeRequirement[][];
  /** Nodes matching these get `weight` (1–100) extra points. */
  preferred?: { weight: number; match: NodeRequirement[] }[];
}

/** Near (affinity) or away from (anti-affinity) pods with these labels, per topology domain. */
export interface PodAffinitySpec {
  labels: Record<string, string>;
  /** e.g. `kubernetes.io/hostname` or `topology.kubernetes.io/zone`. */
  topologyKey: string;
  namespaces?: string[];
  /** With a weight (1–100) the rule is a preference; without, a requirement. */
  weight?: number;
}

export interface TolerationSpec {
  key?: string;
  operator?: 'Equal' | 'Exists';
  value?: string;
  effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  tolerationSeconds?: number;
}

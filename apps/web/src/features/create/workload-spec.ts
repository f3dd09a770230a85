/**
 * What POST /api/v1/clusters/{cluster}/workloads takes: the API contract's WorkloadSpec (its JSON
 * schema is @portolan/api's workloadSpecSchema), under the names the form uses.
 */
import type {
  CronSettings,
  EnvFromSpec,
  EnvVarSpec,
  HandlerSpec,
  NodeRequirement,
  PodAffinitySpec,
  ProbeSpec,
  ResourceAmounts,
  TolerationSpec,
} from '@portolan/api';

export type {
  ContainerSpec,
  CronSettings,
  JobSettings,
  KeyRef,
  UpdateStrategy,
  VolumeSpec,
  WorkloadSpec,
} from '@portolan/api';

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob';
export const WORKLOAD_KINDS: WorkloadKind[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];

export type Handler = HandlerSpec;
export type Probe = ProbeSpec;
export type EnvVar = EnvVarSpec;
export type EnvFrom = EnvFromSpec;
export type Amounts = ResourceAmounts;
export type Requirement = NodeRequirement;
export type PodAffinityRule = PodAffinitySpec;
export type Toleration = TolerationSpec;
export type ConcurrencyPolicy = NonNullable<CronSettings['concurrencyPolicy']>;

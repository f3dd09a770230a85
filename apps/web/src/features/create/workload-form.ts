import { fieldPath } from '../editor/yaml-text.ts';
import type {
  ConcurrencyPolicy,
  ContainerSpec,
  CronSettings,
  EnvFrom,
  EnvVar,
  Handler,
  JobSettings,
  Probe,
  Toleration,
  UpdateStrategy,
  VolumeSpec,
  WorkloadKind,
  WorkloadSpec,
} from './workload-spec.ts';

/**
 * The workload form's values. They follow WorkloadSpec's shape so that a field the server names
 * (`containers[0].resources.limits.cpu`) is the form's field of the same name; where a form needs
 * another shape (a choice of source, text a line per item) `formPathOf` says where it went.
 */
export interface Pair {
  key?: string;
  value?: string;
}
export interface HandlerValues {
  type?: 'none' | 'http' | 'tcp' | 'exec';
  path?: string;
  port?: string;
  command?: string;
  initialDelaySeconds?: number | null;
  periodSeconds?: number | null;
  failureThreshold?: number | null;
}
export interface ContainerValues {
  name?: string;
  image?: string;
  imagePullPolicy?: ContainerSpec['imagePullPolicy'];
  /** One item a line. */
  command?: string;
  args?: string;
  ports?: { containerPort?: number | null; name?: string; protocol?: 'TCP' | 'UDP' | 'SCTP' }[];
  env?: {
    name?: string;
    source?: 'value' | 'configMap' | 'secret';
    value?: string;
    ref?: Pair & { name?: string };
  }[];
  envFrom?: { source?: 'configMap' | 'secret'; name?: string; prefix?: string }[];
  resources?: { requests?: { cpu?: string; memory?: string }; limits?: { cpu?: string; memory?: string } };
  securityContext?: Omit<NonNullable<ContainerSpec['securityContext']>, 'runAsUser'> & {
    runAsUser?: number | null;
  };
  readinessProbe?: HandlerValues;
  livenessProbe?: HandlerValues;
  startupProbe?: HandlerValues;
  lifecycle?: { postStart?: HandlerValues; preStop?: HandlerValues };
  volumeMounts?: { volume?: string; mountPath?: string; readOnly?: boolean }[];
}
export interface RuleValues {
  /** `app=db, tier=data` */
  labels?: string;
  topologyKey?: string;
  weight?: number | null;
}
export interface ServiceValues {
  type?: 'None' | 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  ports?: {
    port?: number | null;
    targetPort?: number | null;
    nodePort?: number | null;
    protocol?: 'TCP' | 'UDP';
  }[];
}
export interface WorkloadFormValues {
  kind: WorkloadKind;
  name?: string;
  namespace?: string;
  replicas?: number | null;
  labels?: Pair[];
  strategy?: {
    type?: 'RollingUpdate' | 'Recreate' | 'OnDelete';
    /** A number or a percentage, as typed. */
    maxSurge?: string;
    maxUnavailable?: string;
    partition?: number | null;
  };
  job?: { [key in keyof JobSettings]?: number | null };
  cron?: {
    schedule?: string;
    timeZone?: string;
    concurrencyPolicy?: ConcurrencyPolicy;
    suspend?: boolean;
    startingDeadlineSeconds?: number | null;
    successfulJobsHistoryLimit?: number | null;
    failedJobsHistoryLimit?: number | null;
  };
  restartPolicy?: 'OnFailure' | 'Never';
  containers: ContainerValues[];
  initContainers?: ContainerValues[];
  volumes?: { name?: string; type?: VolumeSpec['type']; source?: string }[];
  nodeSelector?: Pair[];
  /** One term: every requirement must hold. `values` comma-separated. */
  nodeAffinity?: {
    key?: string;
    operator?: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
    values?: string;
  }[];
  podAffinity?: RuleValues[];
  podAntiAffinity?: RuleValues[];
  tolerations?: (Omit<Toleration, 'tolerationSeconds'> & { tolerationSeconds?: number | null })[];
  service?: ServiceValues;
}

export const SCALABLE: WorkloadKind[] = ['Deployment', 'StatefulSet'];
export const JOBS: WorkloadKind[] = ['Job', 'CronJob'];
/** The update strategies each kind has (the others have none). */
export const STRATEGY_TYPES: Partial<Record<WorkloadKind, ('RollingUpdate' | 'Recreate' | 'OnDelete')[]>> = {
  Deployment: ['RollingUpdate', 'Recreate'],
  StatefulSet: ['RollingUpdate', 'OnDelete'],
  DaemonSet: ['RollingUpdate', 'OnDelete'],
};

const text = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
const number = (value: number | null | undefined) => (typeof value === 'number' ? value : undefined);
const lines = (value: string | undefined) =>
  (value ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
/** Leaves out what is empty, so the spec carries only what the user set. */
function compact<T extends object>(object: T): T | undefined {
  const kept = Object.entries(object).filter(
    ([, value]) =>
      value !== undefined &&
      !(Array.isArray(value) && value.length === 0) &&
      !(value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0),
  );
  return kept.length ? (Object.fromEntries(kept) as T) : undefined;
}
const pairs = (list: Pair[] | undefined) => {
  const entries = (list ?? [])
    .filter((pair) => text(pair.key))
    .map((pair) => [text(pair.key), pair.value?.trim() ?? '']);
  return entries.length ? (Object.fromEntries(entries) as Record<string, string>) : undefined;
};
/** `app=db, tier=data` → { app: 'db', tier: 'data' } */
export function labelsOf(value: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const part of (value ?? '').split(',')) {
    const [key, ...rest] = part.split('=');
    if (key?.trim()) labels[key.trim()] = rest.join('=').trim();
  }
  return labels;
}
const port = (value: string | undefined): number | string => {
  const given = value?.trim() ?? '';
  return /^\d+$/.test(given) ? Number(given) : given;
};

function handlerOf(values: HandlerValues | undefined): Handler | undefined {
  switch (values?.type) {
    case 'http':
      return {
        type: 'http',
        port: port(values.port),
        ...(text(values.path) ? { path: text(values.path) } : {}),
      };
    case 'tcp':
      return { type: 'tcp', port: port(values.port) };
    case 'exec':
      return { type: 'exec', command: lines(values.command) };
    default:
      return undefined;
  }
}
function probeOf(values: HandlerValues | undefined): Probe | undefined {
  const handler = handlerOf(values);
  if (!handler || !values) return undefined;
  return {
    ...handler,
    ...compact({
      initialDelaySeconds: number(values.initialDelaySeconds),
      periodSeconds: number(values.periodSeconds),
      failureThreshold: number(values.failureThreshold),
    }),
  };
}

function envOf(values: ContainerValues['env']): EnvVar[] {
  return (values ?? []).map((entry) => {
    const name = entry.name?.trim() ?? '';
    const ref = { name: entry.ref?.name?.trim() ?? '', key: entry.ref?.key?.trim() ?? '' };
    if (entry.source === 'configMap') return { name, configMapKey: ref };
    if (entry.source === 'secret') return { name, secretKey: ref };
    return { name, value: entry.value ?? '' };
  });
}
function envFromOf(values: ContainerValues['envFrom']): EnvFrom[] {
  return (values ?? []).map((entry) => {
    const prefix = text(entry.prefix);
    const name = entry.name?.trim() ?? '';
    return entry.source === 'secret'
      ? { secret: name, ...(prefix ? { prefix } : {}) }
      : { configMap: name, ...(prefix ? { prefix } : {}) };
  });
}

export function containerOf(values: ContainerValues): ContainerSpec {
  const security = values.securityContext ?? {};
  const spec: ContainerSpec = {
    name: values.name?.trim() ?? '',
    image: values.image?.trim() ?? '',
    ...compact({
      imagePullPolicy: values.imagePullPolicy,
      command: lines(values.command),
      args: lines(values.args),
      ports: (values.ports ?? []).map((entry) => ({
        containerPort: entry.containerPort ?? 0,
        ...compact({ name: text(entry.name), protocol: entry.protocol }),
      })),
      env: envOf(values.env),
      envFrom: envFromOf(values.envFrom),
      resources: compact({
        requests: compact({
          cpu: text(values.resources?.requests?.cpu),
          memory: text(values.resources?.requests?.memory),
        }),
        limits: compact({
          cpu: text(values.resources?.limits?.cpu),
          memory: text(values.resources?.limits?.memory),
        }),
      }),
      securityContext: compact({
        runAsUser: number(security.runAsUser),
        runAsNonRoot: security.runAsNonRoot || undefined,
        privileged: security.privileged || undefined,
        readOnlyRootFilesystem: security.readOnlyRootFilesystem || undefined,
        allowPrivilegeEscalation: security.allowPrivilegeEscalation === false ? false : undefined,
      }),
      readinessProbe: probeOf(values.readinessProbe),
      livenessProbe: probeOf(values.livenessProbe),
      startupProbe: probeOf(values.startupProbe),
      lifecycle: compact({
        postStart: handlerOf(values.lifecycle?.postStart),
        preStop: handlerOf(values.lifecycle?.preStop),
      }),
      volumeMounts: (values.volumeMounts ?? []).map((mount) => ({
        volume: mount.volume?.trim() ?? '',
        mountPath: mount.mountPath?.trim() ?? '',
        ...(mount.readOnly ? { readOnly: true } : {}),
      })),
    }),
  };
  return spec;
}

function volumeOf(values: NonNullable<WorkloadFormValues['volumes']>[number]): VolumeSpec {
  const name = values.name?.trim() ?? '';
  const source = values.source?.trim() ?? '';
  switch (values.type) {
    case 'configMap':
      return { name, type: 'configMap', configMap: source };
    case 'secret':
      return { name, type: 'secret', secret: source };
    case 'pvc':
      return { name, type: 'pvc', claimName: source };
    default:
      return { name, type: 'emptyDir' };
  }
}

const rules = (list: RuleValues[] | undefined) =>
  (list ?? []).map((rule) => ({
    labels: labelsOf(rule.labels),
    topologyKey: rule.topologyKey?.trim() ?? '',
    ...(typeof rule.weight === 'number' ? { weight: rule.weight } : {}),
  }));

/** `25%` stays a percentage; `1` is a number. */
const intOrPercent = (value: string | undefined) => {
  const given = text(value);
  return given && /^\d+$/.test(given) ? Number(given) : given;
};

/** The update strategy in the kind's terms: a Deployment surges, a StatefulSet has a partition. */
export function strategyOf(values: WorkloadFormValues): UpdateStrategy | undefined {
  const strategy = values.strategy;
  // A type another kind has (the kind was changed after) is left out rather than refused.
  if (!strategy?.type || !STRATEGY_TYPES[values.kind]?.includes(strategy.type)) return undefined;
  if (strategy.type !== 'RollingUpdate') return { type: strategy.type };
  return {
    type: 'RollingUpdate',
    ...compact({
      maxSurge: values.kind === 'StatefulSet' ? undefined : intOrPercent(strategy.maxSurge),
      maxUnavailable: intOrPercent(strategy.maxUnavailable),
      partition: values.kind === 'StatefulSet' ? number(strategy.partition) : undefined,
    }),
  };
}

function cronOf(values: WorkloadFormValues['cron']): CronSettings {
  return {
    schedule: values?.schedule?.trim() ?? '',
    ...compact({
      timeZone: text(values?.timeZone),
      concurrencyPolicy: values?.concurrencyPolicy,
      suspend: values?.suspend || undefined,
      startingDeadlineSeconds: number(values?.startingDeadlineSeconds),
      successfulJobsHistoryLimit: number(values?.successfulJobsHistoryLimit),
      failedJobsHistoryLimit: number(values?.failedJobsHistoryLimit),
    }),
  };
}

/** The form as the workload API takes it: only what the user set, in the kind's terms. */
export function specOf(values: WorkloadFormValues): WorkloadSpec {
  const requirements = (values.nodeAffinity ?? []).map((entry) => ({
    key: entry.key?.trim() ?? '',
    operator: entry.operator ?? 'In',
    ...(entry.operator === 'Exists' || entry.operator === 'DoesNotExist'
      ? {}
      : {
          values: (entry.values ?? '')
            .split(',')
            .map((value) => value.trim())
            .filter(Boolean),
        }),
  }));
  const jobs = JOBS.includes(values.kind);
  return {
    kind: values.kind,
    name: values.name?.trim() ?? '',
    namespace: values.namespace?.trim() ?? '',
    containers: (values.containers ?? []).map(containerOf),
    ...compact({
      labels: pairs(values.labels),
      replicas: SCALABLE.includes(values.kind) ? number(values.replicas) : undefined,
      initContainers: (values.initContainers ?? []).map(containerOf),
      strategy: strategyOf(values),
      job: jobs
        ? compact({
            completions: number(values.job?.completions),
            parallelism: number(values.job?.parallelism),
            backoffLimit: number(values.job?.backoffLimit),
            activeDeadlineSeconds: number(values.job?.activeDeadlineSeconds),
            ttlSecondsAfterFinished: number(values.job?.ttlSecondsAfterFinished),
          })
        : undefined,
      cron: values.kind === 'CronJob' ? cronOf(values.cron) : undefined,
      restartPolicy: jobs ? values.restartPolicy : undefined,
      volumes: (values.volumes ?? []).map(volumeOf),
      nodeSelector: pairs(values.nodeSelector),
      nodeAffinity: requirements.length ? { required: [requirements] } : undefined,
      podAffinity: rules(values.podAffinity),
      podAntiAffinity: rules(values.podAntiAffinity),
      tolerations: (values.tolerations ?? []).map(
        (entry) =>
          compact({
            key: text(entry.key),
            operator: entry.operator,
            value: entry.operator === 'Exists' ? undefined : text(entry.value),
            effect: entry.effect,
            tolerationSeconds: number(entry.tolerationSeconds),
          }) ?? {},
      ),
    }),
  };
}

/** The Service that exposes the workload's pods, when the form asks for one. */
export function serviceOf(values: WorkloadFormValues): Record<string, unknown> | undefined {
  const type = values.service?.type;
  if (!type || type === 'None' || values.kind === 'Job' || values.kind === 'CronJob') return undefined;
  const name = values.name?.trim() ?? '';
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace: values.namespace?.trim() ?? '',
      ...compact({ labels: pairs(values.labels) }),
    },
    spec: {
      type,
      // The workload's pods carry `app: <name>` unless the form says otherwise (the server's default selector).
      selector: { app: name },
      ports: (values.service?.ports ?? []).map((entry, index) => ({
        name: `port-${index + 1}`,
        port: entry.port ?? 0,
        targetPort: entry.targetPort ?? entry.port ?? 0,
        protocol: entry.protocol ?? 'TCP',
        ...(type !== 'ClusterIP' && typeof entry.nodePort === 'number' ? { nodePort: entry.nodePort } : {}),
      })),
    },
  };
}

// Lists the form holds as one text or one value: a problem inside them belongs to the whole field.
const WHOLE = new Set(['labels', 'selector', 'nodeSelector', 'command', 'args', 'values', 'headers']);

/** Where a field the server names lives in the form: `containers[0].env[1].secretKey.key` → containers.0.env.1.ref.key */
export function formPathOf(field: string): (string | number)[] {
  const steps = fieldPath(field);
  const path: (string | number)[] = [];
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index] as string | number;
    const parent = path[path.length - 2];
    if (parent === 'env' && (step === 'configMapKey' || step === 'secretKey')) path.push('ref');
    else if (parent === 'envFrom' && (step === 'configMap' || step === 'secret')) path.push('name');
    else if (parent === 'volumes' && (step === 'configMap' || step === 'secret' || step === 'claimName'))
      path.push('source');
    else if (path.length === 1 && path[0] === 'nodeAffinity' && step === 'required')
      index++; // one term
    else path.push(step);
    if (typeof step === 'string' && WHOLE.has(step)) break;
  }
  return path;
}

import { containerSchema } from './container-schema.ts';

/**
 * POST …/workloads: the JSON schema of a workload form (WorkloadSpec). It checks shapes and
 * documents the fields; the workload service's validation names every field at fault in a 422
 * (`containers[0].image`, `cron.schedule`).
 */
const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const bool = { type: 'boolean' } as const;
const strings = { type: 'array', items: str } as const;
const labels = { type: 'object', additionalProperties: str } as const;
const intOrString = { anyOf: [int, str] } as const;

const volume = {
  type: 'object',
  description: '`type` configMap (configMap), secret (secret), pvc (claimName) or emptyDir',
  required: ['name', 'type'],
  additionalProperties: false,
  properties: {
    name: str,
    type: { type: 'string', enum: ['configMap', 'secret', 'pvc', 'emptyDir'] },
    configMap: str,
    secret: str,
    claimName: str,
    items: {
      type: 'array',
      items: { type: 'object', required: ['key', 'path'], properties: { key: str, path: str } },
    },
    defaultMode: int,
    optional: bool,
    readOnly: bool,
    medium: { type: 'string', enum: ['Memory'] },
    sizeLimit: str,
  },
} as const;

const requirement = {
  type: 'object',
  required: ['key', 'operator'],
  additionalProperties: false,
  properties: {
    key: str,
    operator: { type: 'string', enum: ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] },
    values: strings,
  },
} as const;

const podAffinity = {
  type: 'array',
  items: {
    type: 'object',
    required: ['labels', 'topologyKey'],
    additionalProperties: false,
    properties: { labels, topologyKey: str, namespaces: strings, weight: int },
  },
} as const;

export const workloadSpecSchema = {
  type: 'object',
  required: ['kind', 'name', 'namespace', 'containers'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'] },
    name: str,
    namespace: str,
    labels,
    annotations: labels,
    selector: { ...labels, description: 'pod labels that select the pods; `{ app: name }` by default' },
    replicas: int,
    strategy: {
      type: 'object',
      required: ['type'],
      additionalProperties: false,
      properties: {
        type: { type: 'string', enum: ['RollingUpdate', 'Recreate', 'OnDelete'] },
        maxSurge: intOrString,
        maxUnavailable: intOrString,
        partition: int,
      },
    },
    serviceName: str,
    job: {
      type: 'object',
      additionalProperties: false,
      properties: {
        completions: int,
        parallelism: int,
        backoffLimit: int,
        activeDeadlineSeconds: int,
        ttlSecondsAfterFinished: int,
      },
    },
    cron: {
      type: 'object',
      required: ['schedule'],
      additionalProperties: false,
      properties: {
        schedule: {
          type: 'string',
          description:
            'five cron fields (minute hour day-of-month month day-of-week) or a macro such as @hourly',
        },
        timeZone: { type: 'string', description: 'an IANA time zone such as Asia/Shanghai' },
        concurrencyPolicy: { type: 'string', enum: ['Allow', 'Forbid', 'Replace'] },
        suspend: bool,
        successfulJobsHistoryLimit: int,
        failedJobsHistoryLimit: int,
        startingDeadlineSeconds: int,
      },
    },
    containers: { type: 'array', items: containerSchema },
    initContainers: { type: 'array', items: containerSchema },
    volumes: { type: 'array', items: volume },
    nodeSelector: labels,
    nodeAffinity: {
      type: 'object',
      additionalProperties: false,
      properties: {
        required: { type: 'array', items: { type: 'array', items: requirement } },
        preferred: {
          type: 'array',
          items: {
            type: 'object',
            required: ['weight', 'match'],
            additionalProperties: false,
            properties: { weight: int, match: { type: 'array', items: requirement } },
          },
        },
      },
    },
    podAffinity,
    podAntiAffinity: podAffinity,
    tolerations: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          key: str,
          operator: { type: 'string', enum: ['Equal', 'Exists'] },
          value: str,
          effect: { type: 'string', enum: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] },
          tolerationSeconds: int,
        },
      },
    },
    serviceAccountName: str,
    restartPolicy: { type: 'string', enum: ['Always', 'OnFailure', 'Never'] },
    terminationGracePeriodSeconds: int,
    securityContext: {
      type: 'object',
      additionalProperties: false,
      properties: { runAsUser: int, runAsGroup: int, runAsNonRoot: bool, fsGroup: int },
    },
  },
} as const;

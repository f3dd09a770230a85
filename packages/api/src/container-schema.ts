/** The JSON schema of one container of a workload form (ContainerSpec). */
const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const bool = { type: 'boolean' } as const;
const strings = { type: 'array', items: str } as const;
const labels = { type: 'object', additionalProperties: str } as const;
const intOrString = { anyOf: [int, str] } as const;

const handler = {
  type: 'object',
  description: '`type` http (path, port, scheme, headers), tcp (port) or exec (command)',
  required: ['type'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', enum: ['http', 'tcp', 'exec'] },
    path: str,
    port: intOrString,
    scheme: { type: 'string', enum: ['HTTP', 'HTTPS'] },
    headers: labels,
    command: strings,
  },
} as const;

const probe = {
  ...handler,
  properties: {
    ...handler.properties,
    initialDelaySeconds: int,
    periodSeconds: int,
    timeoutSeconds: int,
    successThreshold: int,
    failureThreshold: int,
  },
} as const;

const keyRef = {
  type: 'object',
  required: ['name', 'key'],
  additionalProperties: false,
  properties: { name: str, key: str, optional: bool },
} as const;
const amounts = {
  type: 'object',
  additionalProperties: false,
  properties: { cpu: str, memory: str, 'ephemeral-storage': str },
} as const;

export const containerSchema = {
  type: 'object',
  required: ['name', 'image'],
  additionalProperties: false,
  properties: {
    name: str,
    image: str,
    imagePullPolicy: { type: 'string', enum: ['Always', 'IfNotPresent', 'Never'] },
    command: strings,
    args: strings,
    workingDir: str,
    ports: {
      type: 'array',
      items: {
        type: 'object',
        required: ['containerPort'],
        additionalProperties: false,
        properties: {
          containerPort: int,
          name: str,
          protocol: { type: 'string', enum: ['TCP', 'UDP', 'SCTP'] },
        },
      },
    },
    env: {
      type: 'array',
      description: 'each `{ name, value }`, `{ name, configMapKey }` or `{ name, secretKey }`',
      items: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: { name: str, value: str, configMapKey: keyRef, secretKey: keyRef },
      },
    },
    envFrom: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { configMap: str, secret: str, prefix: str, optional: bool },
      },
    },
    resources: {
      type: 'object',
      additionalProperties: false,
      properties: { requests: amounts, limits: amounts },
    },
    securityContext: {
      type: 'object',
      additionalProperties: false,
      properties: {
        runAsUser: int,
        runAsGroup: int,
        runAsNonRoot: bool,
        privileged: bool,
        readOnlyRootFilesystem: bool,
        allowPrivilegeEscalation: bool,
        capabilities: {
          type: 'object',
          additionalProperties: false,
          properties: { add: strings, drop: strings },
        },
      },
    },
    readinessProbe: probe,
    livenessProbe: probe,
    startupProbe: probe,
    lifecycle: {
      type: 'object',
      additionalProperties: false,
      properties: { postStart: handler, preStop: handler },
    },
    volumeMounts: {
      type: 'array',
      items: {
        type: 'object',
        required: ['volume', 'mountPath'],
        additionalProperties: false,
        properties: { volume: str, mountPath: str, subPath: str, readOnly: bool },
      },
    },
  },
} as const;

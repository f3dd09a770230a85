import type { ContainerSpec, EnvVarSpec, HandlerSpec, ProbeSpec } from './workload-spec.ts';

type Json = Record<string, unknown>;

/** Leaves out undefined values and empty lists and maps, so manifests stay as short as kubectl's. */
export function compact<T extends Json>(object: T): T {
  const result: Json = {};
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0)
      continue;
    result[key] = value;
  }
  return result as T;
}

function handler(spec: HandlerSpec): Json {
  if (spec.type === 'exec') return { exec: { command: spec.command } };
  if (spec.type === 'tcp') return { tcpSocket: { port: spec.port } };
  return {
    httpGet: compact({
      path: spec.path ?? '/',
      port: spec.port,
      scheme: spec.scheme,
      httpHeaders: Object.entries(spec.headers ?? {}).map(([name, value]) => ({ name, value })),
    }),
  };
}

function probe(spec: ProbeSpec | undefined): Json | undefined {
  if (!spec) return undefined;
  return compact({
    ...handler(spec),
    initialDelaySeconds: spec.initialDelaySeconds,
    periodSeconds: spec.periodSeconds,
    timeoutSeconds: spec.timeoutSeconds,
    successThreshold: spec.successThreshold,
    failureThreshold: spec.failureThreshold,
  });
}

function envVar(spec: EnvVarSpec): Json {
  if ('value' in spec) return { name: spec.name, value: spec.value };
  if ('configMapKey' in spec) {
    const { name, key, optional } = spec.configMapKey;
    return { name: spec.name, valueFrom: { configMapKeyRef: compact({ name, key, optional }) } };
  }
  const { name, key, optional } = spec.secretKey;
  return { name: spec.name, valueFrom: { secretKeyRef: compact({ name, key, optional }) } };
}

export function buildContainer(spec: ContainerSpec): Json {
  const lifecycle = compact({
    postStart: spec.lifecycle?.postStart && handler(spec.lifecycle.postStart),
    preStop: spec.lifecycle?.preStop && handler(spec.lifecycle.preStop),
  });
  return compact({
    name: spec.name,
    image: spec.image.trim(),
    imagePullPolicy: spec.imagePullPolicy,
    command: spec.command,
    args: spec.args,
    workingDir: spec.workingDir,
    ports: spec.ports?.map((port) => compact({ ...port })),
    env: spec.env?.map(envVar),
    envFrom: spec.envFrom?.map((source) =>
      'configMap' in source
        ? compact({
            prefix: source.prefix,
            configMapRef: compact({ name: source.configMap, optional: source.optional }),
          })
        : compact({
            prefix: source.prefix,
            secretRef: compact({ name: source.secret, optional: source.optional }),
          }),
    ),
    resources:
      spec.resources && compact({ requests: spec.resources.requests, limits: spec.resources.limits }),
    securityContext: spec.securityContext && compact({ ...spec.securityContext }),
    readinessProbe: probe(spec.readinessProbe),
    livenessProbe: probe(spec.livenessProbe),
    startupProbe: probe(spec.startupProbe),
    lifecycle,
    volumeMounts: spec.volumeMounts?.map((mount) =>
      compact({
        name: mount.volume,
        mountPath: mount.mountPath,
        subPath: mount.subPath,
        readOnly: mount.readOnly,
      }),
    ),
  });
}

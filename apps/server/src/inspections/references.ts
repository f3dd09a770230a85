import type { KubeObject, StoredObjects } from './inspection-input.ts';

// biome-ignore lint/suspicious/noExplicitAny: pod specs are read loosely, every field may be absent
type PodSpec = any;

/** The pod spec of a pod or of a workload's template (a CronJob's through its job template). */
export function podSpecOf(object: KubeObject): PodSpec | undefined {
  switch (object.kind) {
    case 'Pod':
      return object.spec;
    case 'CronJob':
      return object.spec?.jobTemplate?.spec?.template?.spec;
    default:
      return object.spec?.template?.spec;
  }
}

/** Init, regular and ephemeral containers of a pod spec. */
export function containersOf(spec: PodSpec): PodSpec[] {
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? []), ...(spec?.ephemeralContainers ?? [])];
}

/** Names of ConfigMaps and Secrets in use in each namespace, as `namespace/name`. */
export interface References {
  configMaps: Set<string>;
  secrets: Set<string>;
}

function fromPodSpec(namespace: string, spec: PodSpec, into: References): void {
  if (!spec) return;
  const configMap = (name: unknown) =>
    typeof name === 'string' && into.configMaps.add(`${namespace}/${name}`);
  const secret = (name: unknown) => typeof name === 'string' && into.secrets.add(`${namespace}/${name}`);
  for (const volume of spec.volumes ?? []) {
    configMap(volume.configMap?.name);
    secret(volume.secret?.secretName);
    for (const source of volume.projected?.sources ?? []) {
      configMap(source.configMap?.name);
      secret(source.secret?.name);
    }
    // Volume plugins that read their credentials from a Secret.
    for (const plugin of Object.values(volume) as Array<{
      secretRef?: { name?: unknown };
      nodePublishSecretRef?: { name?: unknown };
    }>) {
      if (plugin && typeof plugin === 'object') {
        secret(plugin.secretRef?.name);
        secret(plugin.nodePublishSecretRef?.name);
      }
    }
  }
  for (const container of containersOf(spec)) {
    for (const source of container.envFrom ?? []) {
      configMap(source.configMapRef?.name);
      secret(source.secretRef?.name);
    }
    for (const variable of container.env ?? []) {
      configMap(variable.valueFrom?.configMapKeyRef?.name);
      secret(variable.valueFrom?.secretKeyRef?.name);
    }
  }
  for (const pull of spec.imagePullSecrets ?? []) secret(pull.name);
}

const WITH_POD_TEMPLATES = [
  'pods',
  'deployments',
  'statefulsets',
  'daemonsets',
  'replicasets',
  'jobs',
  'cronjobs',
] as const;

/**
 * Every way an object refers to a ConfigMap or Secret: pods' and workload templates' volumes (projected
 * sources too), envFrom and env valueFrom in init, regular and ephemeral containers, image pull secrets
 * of pods and ServiceAccounts, ServiceAccounts' token secrets, and Ingress TLS secrets. A workload scaled
 * to zero still refers to what its template names.
 */
export function collectReferences(objects: StoredObjects): References {
  const into: References = { configMaps: new Set(), secrets: new Set() };
  for (const kind of WITH_POD_TEMPLATES) {
    const found = objects[kind];
    if (!found.ok) continue;
    for (const object of found.value) fromPodSpec(object.metadata.namespace ?? '', podSpecOf(object), into);
  }
  if (objects.serviceaccounts.ok)
    for (const account of objects.serviceaccounts.value) {
      const namespace = account.metadata.namespace ?? '';
      for (const pull of (account.imagePullSecrets as Array<{ name?: string }> | undefined) ?? [])
        if (pull.name) into.secrets.add(`${namespace}/${pull.name}`);
      for (const token of (account.secrets as Array<{ name?: string }> | undefined) ?? [])
        if (token.name) into.secrets.add(`${namespace}/${token.name}`);
    }
  if (objects.ingresses.ok)
    for (const ingress of objects.ingresses.value)
      for (const tls of ingress.spec?.tls ?? [])
        if (typeof tls.secretName === 'string')
          into.secrets.add(`${ingress.metadata.namespace ?? ''}/${tls.secretName}`);
  return into;
}

/** The kinds a reference scan needs; when one is not synced, "unused" cannot be told and is skipped. */
export const REFERENCE_KINDS = [...WITH_POD_TEMPLATES, 'serviceaccounts', 'ingresses'] as const;

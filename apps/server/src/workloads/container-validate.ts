import { isDnsLabel, isPortName, isQuantity, type Problems, quantityValue } from './field-checks.ts';
import type { ContainerSpec, HandlerSpec, ProbeSpec, ResourceAmounts } from './workload-spec.ts';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;

/** Checks one list of containers (`containers` or `initContainers`) against the pod's volume names. */
export function checkContainers(
  problems: Problems,
  field: string,
  containers: ContainerSpec[] | undefined,
  volumeNames: Set<string>,
  init: boolean,
): void {
  (containers ?? []).forEach((container, index) => {
    const at = `${field}[${index}]`;
    if (problems.required(`${at}.name`, container.name) && !isDnsLabel(container.name)) {
      problems.add(`${at}.name`, 'invalid', 'must be lowercase letters, digits and "-", up to 63 characters');
    }
    if (problems.required(`${at}.image`, container.image) && /\s/.test(container.image)) {
      problems.add(`${at}.image`, 'invalid', 'must not contain spaces');
    }
    problems.oneOf(`${at}.imagePullPolicy`, container.imagePullPolicy, PULL_POLICIES);
    checkPorts(problems, at, container);
    checkEnv(problems, at, container);
    checkResources(problems, `${at}.resources`, container.resources);
    const security = container.securityContext;
    problems.integer(`${at}.securityContext.runAsUser`, security?.runAsUser, 0);
    problems.integer(`${at}.securityContext.runAsGroup`, security?.runAsGroup, 0);
    const probes = {
      readinessProbe: container.readinessProbe,
      livenessProbe: container.livenessProbe,
      startupProbe: container.startupProbe,
    };
    for (const [name, probe] of Object.entries(probes)) {
      if (!probe) continue;
      if (init) problems.add(`${at}.${name}`, 'forbidden', 'init containers have no probes');
      else checkProbe(problems, `${at}.${name}`, probe, name === 'livenessProbe' || name === 'startupProbe');
    }
    for (const hook of ['postStart', 'preStop'] as const) {
      const handler = container.lifecycle?.[hook];
      if (!handler) continue;
      if (handler.type === 'tcp')
        problems.add(`${at}.lifecycle.${hook}`, 'invalid', 'a hook runs a command or calls HTTP, not TCP');
      else checkHandler(problems, `${at}.lifecycle.${hook}`, handler);
    }
    const mountPaths = new Set<string>();
    (container.volumeMounts ?? []).forEach((mount, mountIndex) => {
      const mountAt = `${at}.volumeMounts[${mountIndex}]`;
      if (problems.required(`${mountAt}.volume`, mount.volume) && !volumeNames.has(mount.volume)) {
        problems.add(`${mountAt}.volume`, 'not-found', `no volume is named "${mount.volume}"`);
      }
      if (problems.required(`${mountAt}.mountPath`, mount.mountPath)) {
        if (!mount.mountPath.startsWith('/'))
          problems.add(`${mountAt}.mountPath`, 'invalid', 'must be an absolute path');
        if (mountPaths.has(mount.mountPath))
          problems.add(`${mountAt}.mountPath`, 'duplicate', 'is mounted twice');
        mountPaths.add(mount.mountPath);
      }
    });
  });
}

function checkPorts(problems: Problems, at: string, container: ContainerSpec): void {
  const names: string[] = [];
  (container.ports ?? []).forEach((port, index) => {
    const portAt = `${at}.ports[${index}]`;
    if (problems.required(`${portAt}.containerPort`, port.containerPort)) {
      problems.integer(`${portAt}.containerPort`, port.containerPort, 1, 65535);
    }
    problems.oneOf(`${portAt}.protocol`, port.protocol, PROTOCOLS);
    if (port.name !== undefined) {
      if (!isPortName(port.name))
        problems.add(`${portAt}.name`, 'invalid', 'must be up to 15 lowercase letters, digits and "-"');
      else if (names.includes(port.name))
        problems.add(`${portAt}.name`, 'duplicate', `"${port.name}" is used twice`);
      names.push(port.name);
    }
  });
}

function checkEnv(problems: Problems, at: string, container: ContainerSpec): void {
  (container.env ?? []).forEach((variable, index) => {
    const envAt = `${at}.env[${index}]`;
    if (problems.required(`${envAt}.name`, variable.name) && /[=\s]/.test(variable.name)) {
      problems.add(`${envAt}.name`, 'invalid', 'must not contain "=" or spaces');
    }
    const sources = ['value', 'configMapKey', 'secretKey'].filter((key) => key in variable);
    if (sources.length !== 1) {
      problems.add(envAt, 'invalid', 'give exactly one of value, configMapKey or secretKey');
      return;
    }
    const ref =
      'configMapKey' in variable
        ? variable.configMapKey
        : 'secretKey' in variable
          ? variable.secretKey
          : undefined;
    if (ref) {
      const refAt = `${envAt}.${sources[0]}`;
      problems.required(`${refAt}.name`, ref.name);
      problems.required(`${refAt}.key`, ref.key);
    }
  });
  (container.envFrom ?? []).forEach((source, index) => {
    const fromAt = `${at}.envFrom[${index}]`;
    const name = 'configMap' in source ? source.configMap : 'secret' in source ? source.secret : undefined;
    if ('configMap' in source && 'secret' in source)
      problems.add(fromAt, 'invalid', 'give either configMap or secret, not both');
    else problems.required(`${fromAt}.${'secret' in source ? 'secret' : 'configMap'}`, name);
  });
}

function checkResources(
  problems: Problems,
  at: string,
  resources: { requests?: ResourceAmounts; limits?: ResourceAmounts } | undefined,
): void {
  for (const part of ['requests', 'limits'] as const) {
    for (const [name, value] of Object.entries(resources?.[part] ?? {})) {
      if (value !== undefined && !isQuantity(String(value))) {
        problems.add(
          `${at}.${part}.${name}`,
          'invalid',
          `"${value}" is not a quantity (e.g. ${name === 'cpu' ? '250m or 1' : '128Mi or 1Gi'})`,
        );
      }
    }
  }
  for (const [name, request] of Object.entries(resources?.requests ?? {})) {
    const limit = resources?.limits?.[name as keyof ResourceAmounts];
    if (
      request &&
      limit &&
      isQuantity(request) &&
      isQuantity(limit) &&
      quantityValue(request) > quantityValue(limit)
    ) {
      problems.add(`${at}.requests.${name}`, 'invalid', `must not be more than the limit (${limit})`);
    }
  }
}

function checkProbe(problems: Problems, at: string, probe: ProbeSpec, oneSuccess: boolean): void {
  checkHandler(problems, at, probe);
  for (const key of [
    'initialDelaySeconds',
    'periodSeconds',
    'timeoutSeconds',
    'successThreshold',
    'failureThreshold',
  ] as const) {
    problems.integer(`${at}.${key}`, probe[key], key === 'initialDelaySeconds' ? 0 : 1);
  }
  if (oneSuccess && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
    problems.add(`${at}.successThreshold`, 'invalid', 'must be 1 for liveness and startup probes');
  }
}

function checkHandler(problems: Problems, at: string, handler: HandlerSpec): void {
  if (handler.type === 'exec') {
    if (!Array.isArray(handler.command) || handler.command.length === 0)
      problems.add(`${at}.command`, 'required', 'required');
    return;
  }
  if (handler.type !== 'http' && handler.type !== 'tcp') {
    problems.add(`${at}.type`, 'invalid', 'must be one of http, tcp, exec');
    return;
  }
  if (problems.required(`${at}.port`, handler.port)) {
    if (typeof handler.port === 'number') problems.integer(`${at}.port`, handler.port, 1, 65535);
    else if (!isPortName(handler.port))
      problems.add(`${at}.port`, 'invalid', 'must be a port number or a named container port');
  }
  if (handler.type === 'http' && handler.path !== undefined && !handler.path.startsWith('/')) {
    problems.add(`${at}.path`, 'invalid', 'must start with /');
  }
}

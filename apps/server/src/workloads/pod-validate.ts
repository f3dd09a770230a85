import { checkContainers } from './container-validate.ts';
import { checkLabels, isDnsLabel, isDnsSubdomain, isLabelKey, type Problems } from './field-checks.ts';
import type { NodeRequirement, PodSettings } from './workload-spec.ts';

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] as const;
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

/** The pod part of a workload form: containers, volumes, scheduling and security. */
export function checkPod(problems: Problems, pod: PodSettings, isJob: boolean): void {
  if (!Array.isArray(pod.containers) || pod.containers.length === 0)
    problems.add('containers', 'required', 'at least one container is required');
  const volumeNames = new Set<string>();
  (pod.volumes ?? []).forEach((volume, index) => {
    const at = `volumes[${index}]`;
    if (problems.required(`${at}.name`, volume.name) && !isDnsLabel(volume.name))
      problems.add(`${at}.name`, 'invalid', 'must be lowercase letters, digits and "-"');
    volumeNames.add(volume.name);
    if (volume.type === 'configMap') problems.required(`${at}.configMap`, volume.configMap);
    else if (volume.type === 'secret') problems.required(`${at}.secret`, volume.secret);
    else if (volume.type === 'pvc') problems.required(`${at}.claimName`, volume.claimName);
    else if (volume.type !== 'emptyDir')
      problems.add(`${at}.type`, 'invalid', 'must be one of configMap, secret, pvc, emptyDir');
    if ((volume.type === 'configMap' || volume.type === 'secret') && volume.defaultMode !== undefined)
      problems.integer(`${at}.defaultMode`, volume.defaultMode, 0, 0o777);
  });
  problems.unique(
    'volumes',
    (pod.volumes ?? []).map((volume) => volume.name),
  );
  checkContainers(problems, 'containers', pod.containers, volumeNames, false);
  checkContainers(problems, 'initContainers', pod.initContainers, volumeNames, true);
  const all = [...(pod.containers ?? []), ...(pod.initContainers ?? [])].map((container) => container.name);
  const seen = new Set<string>();
  for (const [index, name] of all.entries()) {
    if (name && seen.has(name)) {
      const field =
        index < (pod.containers?.length ?? 0)
          ? `containers[${index}]`
          : `initContainers[${index - (pod.containers?.length ?? 0)}]`;
      problems.add(`${field}.name`, 'duplicate', `"${name}" is used by another container`);
    }
    seen.add(name);
  }
  checkLabels(problems, 'nodeSelector', pod.nodeSelector);
  for (const [index, term] of (pod.nodeAffinity?.required ?? []).entries()) {
    checkRequirements(problems, `nodeAffinity.required[${index}]`, term);
  }
  pod.nodeAffinity?.preferred?.forEach((entry, index) => {
    problems.integer(`nodeAffinity.preferred[${index}].weight`, entry.weight, 1, 100);
    checkRequirements(problems, `nodeAffinity.preferred[${index}].match`, entry.match);
  });
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    pod[kind]?.forEach((rule, index) => {
      const at = `${kind}[${index}]`;
      if (problems.required(`${at}.topologyKey`, rule.topologyKey) && !isLabelKey(rule.topologyKey))
        problems.add(`${at}.topologyKey`, 'invalid', 'is not a label key');
      if (Object.keys(rule.labels ?? {}).length === 0)
        problems.add(`${at}.labels`, 'required', 'name the labels of the pods to be near or away from');
      checkLabels(problems, `${at}.labels`, rule.labels);
      problems.integer(`${at}.weight`, rule.weight, 1, 100);
    });
  }
  pod.tolerations?.forEach((toleration, index) => {
    const at = `tolerations[${index}]`;
    problems.oneOf(`${at}.operator`, toleration.operator, ['Equal', 'Exists']);
    problems.oneOf(`${at}.effect`, toleration.effect, EFFECTS);
    if (toleration.operator === 'Exists' && toleration.value)
      problems.add(`${at}.value`, 'forbidden', 'must be empty when the operator is Exists');
    if (!toleration.key && toleration.operator !== 'Exists')
      problems.add(`${at}.key`, 'required', 'required unless the operator is Exists');
    if (toleration.tolerationSeconds !== undefined && toleration.effect !== 'NoExecute')
      problems.add(`${at}.tolerationSeconds`, 'forbidden', 'only applies to the NoExecute effect');
  });
  problems.oneOf('restartPolicy', pod.restartPolicy, isJob ? ['OnFailure', 'Never'] : ['Always']);
  problems.integer('terminationGracePeriodSeconds', pod.terminationGracePeriodSeconds, 0);
  problems.integer('securityContext.runAsUser', pod.securityContext?.runAsUser, 0);
  problems.integer('securityContext.runAsGroup', pod.securityContext?.runAsGroup, 0);
  problems.integer('securityContext.fsGroup', pod.securityContext?.fsGroup, 0);
  if (pod.serviceAccountName !== undefined && !isDnsSubdomain(pod.serviceAccountName))
    problems.add('serviceAccountName', 'invalid', 'is not a valid name');
}

function checkRequirements(problems: Problems, at: string, requirements: NodeRequirement[]): void {
  if (!Array.isArray(requirements) || requirements.length === 0) {
    problems.add(at, 'required', 'needs at least one requirement');
    return;
  }
  requirements.forEach((requirement, index) => {
    const field = `${at}[${index}]`;
    if (problems.required(`${field}.key`, requirement.key) && !isLabelKey(requirement.key))
      problems.add(`${field}.key`, 'invalid', 'is not a label key');
    problems.oneOf(`${field}.operator`, requirement.operator, OPERATORS);
    const values = requirement.values ?? [];
    if ((requirement.operator === 'In' || requirement.operator === 'NotIn') && values.length === 0)
      problems.add(`${field}.values`, 'required', `${requirement.operator} needs values`);
    if ((requirement.operator === 'Exists' || requirement.operator === 'DoesNotExist') && values.length)
      problems.add(`${field}.values`, 'forbidden', `${requirement.operator} takes no values`);
    if (
      (requirement.operator === 'Gt' || requirement.operator === 'Lt') &&
      (values.length !== 1 || !/^-?\d+$/.test(values[0] ?? ''))
    )
      problems.add(`${field}.values`, 'invalid', `${requirement.operator} takes one whole number`);
  });
}

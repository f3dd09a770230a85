import { buildContainer, compact } from './container-build.ts';
import type { NodeRequirement, PodAffinitySpec, PodSettings, VolumeSpec } from './workload-spec.ts';

type Json = Record<string, unknown>;

function volume(spec: VolumeSpec): Json {
  switch (spec.type) {
    case 'configMap':
      return {
        name: spec.name,
        configMap: compact({
          name: spec.configMap,
          items: spec.items,
          defaultMode: spec.defaultMode,
          optional: spec.optional,
        }),
      };
    case 'secret':
      return {
        name: spec.name,
        secret: compact({
          secretName: spec.secret,
          items: spec.items,
          defaultMode: spec.defaultMode,
          optional: spec.optional,
        }),
      };
    case 'pvc':
      return {
        name: spec.name,
        persistentVolumeClaim: compact({ claimName: spec.claimName, readOnly: spec.readOnly }),
      };
    case 'emptyDir':
      return { name: spec.name, emptyDir: compact({ medium: spec.medium, sizeLimit: spec.sizeLimit }) };
  }
}

const requirements = (list: NodeRequirement[]) =>
  list.map((requirement) =>
    compact({ key: requirement.key, operator: requirement.operator, values: requirement.values }),
  );

function podTerm(rule: PodAffinitySpec): Json {
  return compact({
    labelSelector: { matchLabels: rule.labels },
    topologyKey: rule.topologyKey,
    namespaces: rule.namespaces,
  });
}

/** Rules with a weight are preferences; the others are requirements. */
function podRules(rules: PodAffinitySpec[] | undefined): Json | undefined {
  if (!rules?.length) return undefined;
  return compact({
    requiredDuringSchedulingIgnoredDuringExecution: rules
      .filter((rule) => rule.weight === undefined)
      .map(podTerm),
    preferredDuringSchedulingIgnoredDuringExecution: rules
      .filter((rule) => rule.weight !== undefined)
      .map((rule) => ({ weight: rule.weight, podAffinityTerm: podTerm(rule) })),
  });
}

function affinity(pod: PodSettings): Json {
  const node = pod.nodeAffinity;
  return compact({
    nodeAffinity:
      node &&
      compact({
        requiredDuringSchedulingIgnoredDuringExecution: node.required?.length
          ? { nodeSelectorTerms: node.required.map((term) => ({ matchExpressions: requirements(term) })) }
          : undefined,
        preferredDuringSchedulingIgnoredDuringExecution: node.preferred?.map((entry) => ({
          weight: entry.weight,
          preference: { matchExpressions: requirements(entry.match) },
        })),
      }),
    podAffinity: podRules(pod.podAffinity),
    podAntiAffinity: podRules(pod.podAntiAffinity),
  });
}

/** The pod template: labels (which include the selector) and the pod spec. */
export function buildPodTemplate(
  pod: PodSettings,
  labels: Record<string, string>,
  defaultRestart: string,
): Json {
  return {
    metadata: { labels },
    spec: compact({
      initContainers: pod.initContainers?.map(buildContainer),
      containers: pod.containers.map(buildContainer),
      volumes: pod.volumes?.map(volume),
      nodeSelector: pod.nodeSelector,
      affinity: affinity(pod),
      tolerations: pod.tolerations?.map((toleration) => compact({ ...toleration })),
      serviceAccountName: pod.serviceAccountName,
      restartPolicy: pod.restartPolicy ?? defaultRestart,
      terminationGracePeriodSeconds: pod.terminationGracePeriodSeconds,
      securityContext: pod.securityContext && compact({ ...pod.securityContext }),
    }),
  };
}

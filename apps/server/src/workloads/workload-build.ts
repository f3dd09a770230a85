import type { KubeObject } from '#server/resources/kube-object.ts';
import { InvalidObjectError } from '#server/resources/resource-errors.ts';
import { compact } from './container-build.ts';
import { buildPodTemplate } from './pod-build.ts';
import { apiVersionOf } from './workload-kinds.ts';
import type { UpdateStrategy, WorkloadSpec } from './workload-spec.ts';
import { validateWorkloadSpec } from './workload-validate.ts';

function strategyOf(strategy: UpdateStrategy | undefined): Record<string, unknown> | undefined {
  if (!strategy) return undefined;
  if (strategy.type !== 'RollingUpdate') return { type: strategy.type };
  const rollingUpdate = compact({
    maxSurge: strategy.maxSurge,
    maxUnavailable: strategy.maxUnavailable,
    partition: strategy.partition,
  });
  return compact({ type: 'RollingUpdate', rollingUpdate });
}

/**
 * The manifest of a workload form. Throws InvalidObjectError naming every field at fault, so
 * nothing half-checked reaches the cluster.
 */
export function buildWorkload(spec: WorkloadSpec): KubeObject {
  const problems = validateWorkloadSpec(spec);
  if (problems.length) throw new InvalidObjectError(`${spec.kind} "${spec.name}"`, problems);
  const selector = spec.selector ?? { app: spec.name };
  const podLabels = { ...spec.labels, ...selector };
  const isJob = spec.kind === 'Job' || spec.kind === 'CronJob';
  const template = buildPodTemplate(spec, podLabels, isJob ? 'Never' : 'Always');
  const metadata = compact({
    name: spec.name,
    namespace: spec.namespace,
    labels: { ...selector, ...spec.labels },
    annotations: spec.annotations,
  });
  const head = { apiVersion: apiVersionOf(spec.kind), kind: spec.kind, metadata };
  const matchLabels = { matchLabels: selector };
  const jobSpec = compact({ ...spec.job, template });
  switch (spec.kind) {
    case 'Deployment':
      return {
        ...head,
        spec: compact({
          replicas: spec.replicas ?? 1,
          selector: matchLabels,
          template,
          strategy: strategyOf(spec.strategy),
        }),
      };
    case 'StatefulSet':
      return {
        ...head,
        spec: compact({
          replicas: spec.replicas ?? 1,
          serviceName: spec.serviceName ?? spec.name,
          selector: matchLabels,
          template,
          updateStrategy: strategyOf(spec.strategy),
        }),
      };
    case 'DaemonSet':
      return {
        ...head,
        spec: compact({ selector: matchLabels, template, updateStrategy: strategyOf(spec.strategy) }),
      };
    case 'Job':
      // The Job controller adds its own selector and labels; a manual one is rarely wanted.
      return { ...head, spec: jobSpec };
    case 'CronJob':
      return {
        ...head,
        spec: compact({
          schedule: spec.cron?.schedule.trim(),
          timeZone: spec.cron?.timeZone,
          concurrencyPolicy: spec.cron?.concurrencyPolicy,
          suspend: spec.cron?.suspend,
          successfulJobsHistoryLimit: spec.cron?.successfulJobsHistoryLimit,
          failedJobsHistoryLimit: spec.cron?.failedJobsHistoryLimit,
          startingDeadlineSeconds: spec.cron?.startingDeadlineSeconds,
          jobTemplate: { metadata: { labels: podLabels }, spec: jobSpec },
        }),
      };
    default:
      // A workload kind added to the registry needs its own form here before it can be created.
      throw new InvalidObjectError(`${spec.kind} "${spec.name}"`, [
        {
          field: 'kind',
          reason: 'unsupported',
          message: `the workload form cannot build a ${spec.kind} yet`,
        },
      ]);
  }
}

import type { FieldProblem } from '#server/resources/resource-errors.ts';
import { checkLabels, isDnsLabel, isDnsSubdomain, Problems } from './field-checks.ts';
import { checkPod } from './pod-validate.ts';
import { WORKLOAD_KINDS, workloadKindsThat } from './workload-kinds.ts';
import type { WorkloadSpec } from './workload-spec.ts';

// Five fields of digits, ranges, steps, lists, names and `*`/`?`, or a macro such as @daily.
const CRON = /^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|@every \S+|(\S+\s+){4}\S+)$/;
const INT_OR_PERCENT = /^\d+%?$/;

/** Every problem of a workload form, each naming its field (`containers[0].image`); empty when it is fine. */
export function validateWorkloadSpec(spec: WorkloadSpec): FieldProblem[] {
  const problems = new Problems();
  problems.oneOf('kind', spec.kind, WORKLOAD_KINDS);
  // Pod names append a hash (or a job's suffix), so the usable length is shorter than 253.
  const maxName = spec.kind === 'CronJob' ? 52 : 63;
  if (problems.required('name', spec.name) && !(isDnsSubdomain(spec.name) && spec.name.length <= maxName)) {
    problems.add(
      'name',
      'invalid',
      `must be lowercase letters, digits, "-" and ".", up to ${maxName} characters`,
    );
  }
  if (problems.required('namespace', spec.namespace) && !isDnsLabel(spec.namespace)) {
    problems.add('namespace', 'invalid', 'is not a valid namespace name');
  }
  checkLabels(problems, 'labels', spec.labels);
  checkLabels(problems, 'selector', spec.selector);
  if (spec.selector && Object.keys(spec.selector).length === 0)
    problems.add('selector', 'invalid', 'needs at least one label');
  if (spec.replicas !== undefined && !workloadKindsThat('scalable').includes(spec.kind)) {
    problems.add('replicas', 'forbidden', `a ${spec.kind} has no replica count`);
  }
  problems.integer('replicas', spec.replicas, 0);
  checkStrategy(problems, spec);
  checkPod(problems, spec, spec.kind === 'Job' || spec.kind === 'CronJob');
  for (const [key, value] of Object.entries(spec.job ?? {}))
    problems.integer(`job.${key}`, value, key === 'parallelism' || key === 'backoffLimit' ? 0 : 1);
  if (spec.job && spec.kind !== 'Job' && spec.kind !== 'CronJob')
    problems.add('job', 'forbidden', `a ${spec.kind} has no job settings`);
  if (spec.kind === 'CronJob') {
    if (
      problems.required('cron.schedule', spec.cron?.schedule) &&
      !CRON.test(spec.cron?.schedule.trim() ?? '')
    ) {
      problems.add(
        'cron.schedule',
        'invalid',
        'must be five cron fields (minute hour day month weekday) or a macro such as @hourly',
      );
    }
    problems.oneOf('cron.concurrencyPolicy', spec.cron?.concurrencyPolicy, ['Allow', 'Forbid', 'Replace']);
    problems.integer('cron.successfulJobsHistoryLimit', spec.cron?.successfulJobsHistoryLimit, 0);
    problems.integer('cron.failedJobsHistoryLimit', spec.cron?.failedJobsHistoryLimit, 0);
    problems.integer('cron.startingDeadlineSeconds', spec.cron?.startingDeadlineSeconds, 0);
  } else if (spec.cron) {
    problems.add('cron', 'forbidden', `a ${spec.kind} has no schedule`);
  }
  return problems.list;
}

function checkStrategy(problems: Problems, spec: WorkloadSpec): void {
  const strategy = spec.strategy;
  if (!strategy) return;
  const allowed: Record<string, string[]> = {
    Deployment: ['RollingUpdate', 'Recreate'],
    StatefulSet: ['RollingUpdate', 'OnDelete'],
    DaemonSet: ['RollingUpdate', 'OnDelete'],
  };
  const types = allowed[spec.kind];
  if (!types) {
    problems.add('strategy', 'forbidden', `a ${spec.kind} has no update strategy`);
    return;
  }
  if (!types.includes(strategy.type)) {
    problems.add('strategy.type', 'invalid', `must be ${types.join(' or ')} for a ${spec.kind}`);
    return;
  }
  if (strategy.type !== 'RollingUpdate') return;
  for (const key of ['maxSurge', 'maxUnavailable'] as const) {
    const value = strategy[key];
    if (value === undefined) continue;
    if (typeof value === 'number') problems.integer(`strategy.${key}`, value, 0);
    else if (!INT_OR_PERCENT.test(value))
      problems.add(`strategy.${key}`, 'invalid', 'must be a number or a percentage such as 25%');
  }
  if (strategy.maxSurge !== undefined && spec.kind === 'StatefulSet')
    problems.add('strategy.maxSurge', 'forbidden', 'StatefulSets do not surge');
  if (strategy.partition !== undefined && spec.kind !== 'StatefulSet')
    problems.add('strategy.partition', 'forbidden', 'only StatefulSets have a partition');
  problems.integer('strategy.partition', strategy.partition, 0);
}

import { readCron } from '@portolan/api';
import type { FieldProblem } from '#server/resources/resource-errors.ts';
import { checkLabels, isDnsLabel, isDnsSubdomain, Problems } from './field-checks.ts';
import { checkPod } from './pod-validate.ts';
import { WORKLOAD_KINDS, workloadKindsThat } from './workload-kinds.ts';
import type { WorkloadSpec } from './workload-spec.ts';

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
    problems.integer(`job.${key}`, value, key === 'activeDeadlineSeconds' || key === 'completions' ? 1 : 0);
  if (spec.job && spec.kind !== 'Job' && spec.kind !== 'CronJob')
    problems.add('job', 'forbidden', `a ${spec.kind} has no job settings`);
  if (spec.kind === 'CronJob') {
    if (problems.required('cron.schedule', spec.cron?.schedule)) {
      const reading = readCron(spec.cron?.schedule ?? '');
      if (!reading.ok) problems.add('cron.schedule', 'invalid', reading.problem);
    }
    const timeZone = spec.cron?.timeZone;
    if (timeZone !== undefined && !isTimeZone(timeZone))
      problems.add(
        'cron.timeZone',
        'invalid',
        'is not a time zone name such as Europe/Berlin or Asia/Shanghai',
      );
    problems.oneOf('cron.concurrencyPolicy', spec.cron?.concurrencyPolicy, ['Allow', 'Forbid', 'Replace']);
    problems.integer('cron.successfulJobsHistoryLimit', spec.cron?.successfulJobsHistoryLimit, 0);
    problems.integer('cron.failedJobsHistoryLimit', spec.cron?.failedJobsHistoryLimit, 0);
    problems.integer('cron.startingDeadlineSeconds', spec.cron?.startingDeadlineSeconds, 0);
  } else if (spec.cron) {
    problems.add('cron', 'forbidden', `a ${spec.kind} has no schedule`);
  }
  return problems.list;
}

/** An IANA name the runtime knows (as the cluster's Go reads its zoneinfo); `Local` is refused as Kubernetes does. */
function isTimeZone(name: string): boolean {
  if (!name.trim() || name === 'Local') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
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
  if (strategy.type !== 'RollingUpdate') {
    for (const key of ['maxSurge', 'maxUnavailable', 'partition'] as const)
      if (key in strategy) problems.add(`strategy.${key}`, 'forbidden', `only a RollingUpdate has ${key}`);
    return;
  }
  for (const key of ['maxSurge', 'maxUnavailable'] as const) {
    const value = strategy[key];
    if (value === undefined) continue;
    if (typeof value === 'number') problems.integer(`strategy.${key}`, value, 0);
    else if (!INT_OR_PERCENT.test(value))
      problems.add(`strategy.${key}`, 'invalid', 'must be a number or a percentage such as 25%');
  }
  if (strategy.maxSurge !== undefined && spec.kind === 'StatefulSet')
    problems.add('strategy.maxSurge', 'forbidden', 'StatefulSets do not surge');
  // Neither new pods first nor old pods down first: the rollout could never move.
  const zero = (value: number | string | undefined) => value === 0 || value === '0' || value === '0%';
  if (spec.kind !== 'StatefulSet' && zero(strategy.maxSurge) && zero(strategy.maxUnavailable))
    problems.add('strategy.maxUnavailable', 'invalid', 'may not be 0 when maxSurge is 0 too');
  if (strategy.partition !== undefined && spec.kind !== 'StatefulSet')
    problems.add('strategy.partition', 'forbidden', 'only StatefulSets have a partition');
  problems.integer('strategy.partition', strategy.partition, 0);
}

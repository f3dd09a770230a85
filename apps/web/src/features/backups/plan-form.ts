import type { BackupPlan, BackupPlanSpec } from './types.ts';

/** The plan drawer's fields, shaped for the form (retention and "all namespaces" flattened). */
export interface PlanForm {
  name: string;
  cluster: string;
  allNamespaces: boolean;
  namespaces: string[];
  labelSelector?: string;
  includeKinds: string[];
  excludeKinds: string[];
  clusterScoped: boolean;
  schedule?: string;
  retentionCount?: number | null;
  retentionDays?: number | null;
  destination: string;
  deadlineSeconds?: number | null;
}

/** Schedules offered with one click (cron in UTC); none means only when run by hand. */
export const SCHEDULE_PRESETS = [
  { key: 'hourly', cron: '0 * * * *' },
  { key: 'daily', cron: '0 2 * * *' },
  { key: 'weekly', cron: '0 2 * * 0' },
] as const;

export const DEFAULT_DEADLINE_SECONDS = 600;

/** A new plan's starting values. */
export function newPlanForm(): Partial<PlanForm> {
  return {
    allNamespaces: false,
    namespaces: [],
    includeKinds: [],
    excludeKinds: [],
    clusterScoped: false,
    schedule: SCHEDULE_PRESETS[1].cron,
    retentionCount: 7,
    retentionDays: 30,
    deadlineSeconds: DEFAULT_DEADLINE_SECONDS,
  };
}

export function planFormOf(plan: BackupPlan): PlanForm {
  return {
    name: plan.name,
    cluster: plan.cluster,
    allNamespaces: plan.namespaces.length === 0,
    namespaces: plan.namespaces,
    labelSelector: plan.labelSelector ?? '',
    includeKinds: plan.includeKinds,
    excludeKinds: plan.excludeKinds,
    clusterScoped: plan.clusterScoped,
    schedule: plan.schedule ?? '',
    retentionCount: plan.retention.count,
    retentionDays: plan.retention.maxAgeDays,
    destination: plan.destination,
    deadlineSeconds: plan.deadlineSeconds,
  };
}

const numberOrNull = (value: number | null | undefined) =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

export function planSpecOf(form: PlanForm): BackupPlanSpec {
  const selector = form.labelSelector?.trim();
  return {
    cluster: form.cluster,
    namespaces: form.allNamespaces ? [] : (form.namespaces ?? []),
    ...(selector ? { labelSelector: selector } : {}),
    includeKinds: form.includeKinds ?? [],
    excludeKinds: form.excludeKinds ?? [],
    clusterScoped: Boolean(form.clusterScoped),
    schedule: form.schedule?.trim() || null,
    retention: { count: numberOrNull(form.retentionCount), maxAgeDays: numberOrNull(form.retentionDays) },
    destination: form.destination,
    deadlineSeconds: numberOrNull(form.deadlineSeconds) ?? DEFAULT_DEADLINE_SECONDS,
  };
}

/** The form's fields a refusal may name. */
export const PLAN_FIELDS = [
  'name',
  'cluster',
  'namespaces',
  'labelSelector',
  'includeKinds',
  'excludeKinds',
  'clusterScoped',
  'schedule',
  'retentionCount',
  'retentionDays',
  'destination',
  'deadlineSeconds',
] as const;

/** The server's path of a field (`/retention/count`) in the form's terms (`retentionCount`). */
export function planField(field: string): string {
  const path = field.replace(/^\//, '').replace(/\//g, '.');
  if (path.startsWith('retention.count')) return 'retentionCount';
  if (path.startsWith('retention.maxAgeDays')) return 'retentionDays';
  if (path === 'retention') return 'retentionCount';
  return path;
}

/** A plan's reach in words: "all namespaces" or the names. */
export function namespacesText(namespaces: string[], all: string): string {
  return namespaces.length ? namespaces.join(', ') : all;
}

/** key=value, key!=value, key, !key, key in (a,b), key notin (a,b), comma-separated. */
const SELECTOR_PART =
  /^\s*(!?[\w./-]+|[\w./-]+\s*(==?|!=)\s*[\w.-]*|[\w./-]+\s+(in|notin)\s+\([\w.,\s-]*\))\s*$/;
/** True when a label selector is not one Kubernetes reads. */
export function selectorProblem(selector: string): boolean {
  if (!selector.trim()) return false;
  return selector.split(/,(?![^(]*\))/).some((part) => !SELECTOR_PART.test(part));
}

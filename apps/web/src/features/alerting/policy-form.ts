import type { AlertLevel, PolicyView } from '@portolan/api';
import type { PolicyInput } from './alerting-api.ts';

/** The policy form's values; labels as rows. */
export interface PolicyForm {
  name: string;
  description?: string;
  order?: number;
  levels?: AlertLevel[];
  clusters?: string[];
  namespaces?: string[];
  labels?: { name: string; value: string }[];
  receivers: string[];
  groupBy?: string[];
  groupWait?: string;
  groupInterval?: string;
  repeatInterval?: string;
  sendResolved: boolean;
  continue: boolean;
  enabled: boolean;
}

const some = <T>(values: T[] | undefined) => (values?.length ? values : undefined);
const text = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/** The document a filled form saves, empty parts left to the server's defaults. */
export function policySpecOf(form: PolicyForm): PolicyInput {
  const labels = (form.labels ?? []).filter((row) => row.name?.trim());
  const match = {
    ...(some(form.levels) ? { levels: form.levels } : {}),
    ...(some(form.clusters) ? { clusters: form.clusters } : {}),
    ...(some(form.namespaces) ? { namespaces: form.namespaces } : {}),
    ...(labels.length
      ? { labels: Object.fromEntries(labels.map((row) => [row.name.trim(), row.value ?? ''])) }
      : {}),
  };
  const optional = {
    description: text(form.description),
    order: form.order ?? undefined,
    groupBy: some(form.groupBy),
    groupWait: text(form.groupWait),
    groupInterval: text(form.groupInterval),
    repeatInterval: text(form.repeatInterval),
  };
  return {
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
    ...(Object.keys(match).length ? { match } : {}),
    receivers: form.receivers,
    sendResolved: form.sendResolved,
    continue: form.continue,
    enabled: form.enabled,
  };
}

/** A saved policy as the form edits it. */
export function policyFormOf(view: PolicyView): PolicyForm {
  const { spec } = view;
  return {
    name: view.name,
    description: spec.description,
    order: spec.order,
    levels: spec.match?.levels,
    clusters: spec.match?.clusters,
    namespaces: spec.match?.namespaces,
    labels: Object.entries(spec.match?.labels ?? {}).map(([name, value]) => ({ name, value })),
    receivers: spec.receivers,
    groupBy: spec.groupBy,
    groupWait: spec.groupWait,
    groupInterval: spec.groupInterval,
    repeatInterval: spec.repeatInterval,
    sendResolved: spec.sendResolved !== false,
    continue: spec.continue === true,
    enabled: spec.enabled !== false,
  };
}

/** Refused fields (`/match/levels`) as the form calls them. */
export const POLICY_FIELDS = [
  'name',
  'description',
  'order',
  'levels',
  'clusters',
  'namespaces',
  'labels',
  'receivers',
  'groupBy',
  'groupWait',
  'groupInterval',
  'repeatInterval',
];

/** `/match/levels/0` → `levels`: the form keeps match's parts at its top. */
export const policyField = (field: string) => field.replace(/^\/?match[/.]/, '');

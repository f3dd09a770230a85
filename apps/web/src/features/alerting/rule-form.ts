import type { AlertLevel, AlertRuleSpec, AlertRuleView } from '@portolan/api';
import type { AlertTemplate } from './alerting-api.ts';

/** The rule form's values: a template's parameters by name, or a custom expression. */
export interface RuleForm {
  name: string;
  source: 'template' | 'promql';
  template?: string;
  params?: Record<string, number | string | null | undefined>;
  promql?: string;
  level: AlertLevel;
  for?: string;
  scope?: { clusters?: string[]; namespaces?: string[] };
  summary?: string;
  description?: string;
  enabled: boolean;
}

/** The document a filled form saves; empty optional fields are left out, so the server's defaults apply. */
export function ruleSpecOf(form: RuleForm): AlertRuleSpec {
  // A template's own `for` is the rule's For field (the server refuses the two disagreeing).
  const params = Object.fromEntries(
    Object.entries(form.params ?? {}).filter(
      (entry): entry is [string, number | string] =>
        entry[0] !== 'for' && entry[1] !== undefined && entry[1] !== null && entry[1] !== '',
    ),
  );
  const scope = {
    ...(form.scope?.clusters?.length ? { clusters: form.scope.clusters } : {}),
    ...(form.scope?.namespaces?.length ? { namespaces: form.scope.namespaces } : {}),
  };
  return {
    level: form.level,
    ...(form.source === 'template'
      ? { template: form.template, ...(Object.keys(params).length ? { params } : {}) }
      : { promql: form.promql?.trim() }),
    ...(form.for?.trim() ? { for: form.for.trim() } : {}),
    ...(Object.keys(scope).length ? { scope } : {}),
    ...(form.summary?.trim() ? { summary: form.summary.trim() } : {}),
    ...(form.description?.trim() ? { description: form.description.trim() } : {}),
    enabled: form.enabled,
  };
}

/** A saved rule as the form edits it. */
export function ruleFormOf(view: AlertRuleView): RuleForm {
  const { spec } = view;
  return {
    name: view.name,
    source: spec.promql ? 'promql' : 'template',
    template: spec.template,
    params: spec.params,
    promql: spec.promql,
    level: spec.level,
    for: spec.for ?? (typeof spec.params?.for === 'string' ? spec.params.for : undefined),
    scope: { clusters: spec.scope?.clusters, namespaces: spec.scope?.namespaces },
    summary: spec.summary,
    description: spec.description,
    enabled: spec.enabled !== false,
  };
}

/** The parameters the form shows: a template's `for` is the rule's own For field instead. */
export const shownParams = (template: AlertTemplate) =>
  template.params.filter((param) => param.name !== 'for');

/** The fields a template fills when picked: its level, its parameters' defaults and its `for`. */
export function templateDefaults(template: AlertTemplate): Pick<RuleForm, 'level' | 'params' | 'for'> {
  const wait = template.params.find((param) => param.name === 'for')?.default;
  return {
    level: template.level,
    params: Object.fromEntries(shownParams(template).map((param) => [param.name, param.default])),
    for: typeof wait === 'string' ? wait : undefined,
  };
}

/** Fields the server may name in a refusal, as the form calls them. */
export function ruleFields(template: AlertTemplate | undefined): string[] {
  return [
    'name',
    'template',
    'promql',
    'level',
    'for',
    'scope.clusters',
    'scope.namespaces',
    'summary',
    'description',
    ...(template?.params.map((param) => `params.${param.name}`) ?? []),
    'params',
  ];
}

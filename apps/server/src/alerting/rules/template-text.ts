import { type AlertRuleSpec, TEMPLATE_ALERT_WORDS, type TemplateAlertCode } from '@portolan/api';
import { formatValue } from './labels.ts';
import { type Finding, templateById } from './templates.ts';

const known = (code: string): code is TemplateAlertCode => code in TEMPLATE_ALERT_WORDS;

/**
 * Which coded words a rule's alerts say: its template's, or (the built-in cluster-offline rule) the
 * template's summary with the built-in rule's own description. None when the rule has its own summary
 * or description: those are the user's words, kept as written.
 */
export function templateCodeOf(spec: AlertRuleSpec): TemplateAlertCode | undefined {
  const template = spec.template ? templateById(spec.template) : undefined;
  if (!template || !known(template.id)) return undefined;
  if (spec.summary !== undefined && spec.summary !== template.summary) return undefined;
  if (spec.description === undefined || spec.description === template.description) return template.id;
  const builtIn = `${template.id}-built-in`;
  return known(builtIn) && spec.description === TEMPLATE_ALERT_WORDS[builtIn].description
    ? builtIn
    : undefined;
}

/** The values `code`'s words need, from the alert's labels and value (a missing label is empty, as in the English). */
export function templateValues(
  code: TemplateAlertCode,
  labels: Record<string, string>,
  value: number,
): Record<string, string | number> {
  const words = TEMPLATE_ALERT_WORDS[code];
  const values: Record<string, string | number> = {};
  for (const match of `${words.summary} ${words.description}`.matchAll(/\{(\w+)\}/g)) {
    const name = match[1] ?? '';
    values[name] = name === 'value' ? formatValue(value) : (labels[name] ?? '');
  }
  return values;
}

/**
 * A template alert's text as a code and values beside its English (issue #10): `template.<code>`, the
 * values its words need, and the finding's detail line (its own code inside when it has one).
 */
export function templateAlertText(
  spec: AlertRuleSpec,
  finding: Finding,
): { textCode: string; textParams: Record<string, string | number> } | undefined {
  const code = templateCodeOf(spec);
  if (!code) return undefined;
  return {
    textCode: `template.${code}`,
    textParams: {
      ...templateValues(code, finding.labels, finding.value),
      ...(finding.detail ? { detail: finding.detail, ...(finding.detailValues ?? {}) } : {}),
    },
  };
}

/**
 * A firing template alert's text after its summary changed (a new value): the summary's values now, the
 * description's (its detail line) as the alert fired, since its English description stays as it fired.
 * An alert that fired without a code keeps none.
 */
export function refreshedText(
  existing: { textCode?: string | null; textParams?: Record<string, string | number> | null },
  spec: AlertRuleSpec,
  finding: Finding,
): { textCode: string | null; textParams: Record<string, string | number> | null } {
  const code = templateCodeOf(spec);
  if (!code || existing.textCode !== `template.${code}`) return { textCode: null, textParams: null };
  return {
    textCode: existing.textCode,
    textParams: { ...(existing.textParams ?? {}), ...templateValues(code, finding.labels, finding.value) },
  };
}

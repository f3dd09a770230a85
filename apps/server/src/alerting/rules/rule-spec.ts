import type { AlertRuleSpec } from '@portolan/api';
import { durationMs } from './durations.ts';
import { type AlertTemplate, type ParamValue, TEMPLATES, templateById } from './templates.ts';

/** A rule document refused: the field at fault and what to do about it. */
export class RuleSpecError extends Error {
  override name = 'RuleSpecError';
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** The template's parameters with the rule's values over the defaults. */
export function paramsOf(template: AlertTemplate, spec: AlertRuleSpec): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = {};
  for (const param of template.params) params[param.name] = spec.params?.[param.name] ?? param.default;
  return params;
}

/** How long the condition must hold, as written: the rule's `for`, else its template's default, else 0s. */
export function forTextOf(spec: AlertRuleSpec): string {
  const template = spec.template ? templateById(spec.template) : undefined;
  return (
    spec.for ?? (template ? String(template.params.find((p) => p.name === 'for')?.default ?? '0s') : '0s')
  );
}

/** How long the condition must hold, in milliseconds. */
export function forMsOf(spec: AlertRuleSpec): number {
  return durationMs(forTextOf(spec)) ?? 0;
}

/** The rule's level, summary and description: its own, else its template's. */
export function wordsOf(spec: AlertRuleSpec, name: string) {
  const template = spec.template ? templateById(spec.template) : undefined;
  return {
    level: spec.level,
    summary: spec.summary ?? template?.summary ?? `Alert rule ${name} fires on {{cluster}}`,
    description: spec.description ?? template?.description ?? '',
  };
}

/**
 * Checks what the schema cannot: one of template or promql, a known template, parameters it has
 * with values of their type. (PromQL itself is checked by the metrics engine, where it runs.)
 */
export function checkRuleSpec(spec: Omit<AlertRuleSpec, 'enabled'>): void {
  if (spec.template !== undefined && spec.promql !== undefined)
    throw new RuleSpecError('promql', 'give either template or promql, not both');
  if (spec.template === undefined && spec.promql === undefined)
    throw new RuleSpecError(
      'template',
      `give a template (${TEMPLATES.map((t) => t.id).join(', ')}) or, as a platform Admin, a promql expression`,
    );
  if (spec.promql !== undefined) {
    if (spec.promql.trim() === '') throw new RuleSpecError('promql', 'the PromQL expression is empty');
    if (spec.params && Object.keys(spec.params).length > 0)
      throw new RuleSpecError('params', 'params belong to templates; write the values into the promql');
    return;
  }
  const template = templateById(spec.template ?? '');
  if (!template)
    throw new RuleSpecError(
      'template',
      `no template is named "${spec.template}"; use one of ${TEMPLATES.map((t) => t.id).join(', ')}`,
    );
  for (const [name, value] of Object.entries(spec.params ?? {})) {
    const param = template.params.find((p) => p.name === name);
    const field = `params.${name}`;
    if (!param)
      throw new RuleSpecError(
        field,
        `template ${template.id} has no parameter "${name}"; its parameters are ${template.params.map((p) => p.name).join(', ')}`,
      );
    if (param.type === 'duration' && (typeof value !== 'string' || durationMs(value) === undefined))
      throw new RuleSpecError(
        field,
        `${name} is a duration such as 30s, 5m or 1h30m, not ${JSON.stringify(value)}`,
      );
    if (param.type === 'number' && (typeof value !== 'number' || !Number.isFinite(value) || value < 0))
      throw new RuleSpecError(field, `${name} is a number of 0 or more, not ${JSON.stringify(value)}`);
    if (param.type === 'ratio' && (typeof value !== 'number' || !(value > 0 && value <= 1)))
      throw new RuleSpecError(
        field,
        `${name} is a ratio above 0 and at most 1 (0.9 for 90%), not ${JSON.stringify(value)}`,
      );
  }
  if (spec.params?.for !== undefined && spec.for !== undefined && spec.params.for !== spec.for)
    throw new RuleSpecError('for', 'give `for` once: as the rule’s own for, or as params.for');
}

const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'offset',
  'bool',
  'inf',
  'nan',
  'atan2',
  'start',
  'end',
]);

/** The metric names a PromQL expression reads (for its source check): identifiers that are not functions. */
export function metricNamesOf(promql: string): string[] {
  const bare = promql
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\[[^\]]*\]/g, '[]')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  const names = new Set<string>();
  for (const match of bare.matchAll(/(?<![\w:.])([a-zA-Z_:][a-zA-Z0-9_:]*)(?!\s*\()/g)) {
    const name = match[1] ?? '';
    if (!KEYWORDS.has(name.toLowerCase())) names.add(name);
  }
  return [...names].sort();
}

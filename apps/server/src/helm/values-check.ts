import YAML from 'yaml';
import { isPlainObject } from '#server/resources/kube-object.ts';
import { MAX_ALIAS_COUNT } from '#server/resources/manifest-parse.ts';
import { HelmCommandError } from './helm-runner-errors.ts';

/**
 * Checks that values sent as YAML are one mapping, before helm sees them; `field` names where they
 * came from in the request (`values`, `targets[2].values`). Empty text is no values.
 */
export function parseValues(text: string | undefined, field: string): string | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const document = YAML.parseDocument(text);
  const problem = document.errors[0];
  if (problem) {
    const line = problem.linePos?.[0]?.line;
    const detail = problem.message.split('\n')[0] ?? '';
    throw HelmCommandError.coded(
      400,
      'invalid-values',
      line
        ? { messageCode: 'values-not-yaml-line', params: { field, line, detail } }
        : { messageCode: 'values-not-yaml', params: { field, detail } },
      field,
    );
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    // The library refuses to expand more aliases than that, as a "billion laughs" document asks.
    throw HelmCommandError.coded(
      400,
      'invalid-values',
      { messageCode: 'values-aliases', params: { field, limit: MAX_ALIAS_COUNT } },
      field,
    );
  }
  if (value !== null && !isPlainObject(value))
    throw HelmCommandError.coded(
      400,
      'invalid-values',
      { messageCode: 'values-not-mapping', params: { field } },
      field,
    );
  return text;
}

/**
 * helm's refusal of values against a chart's values.schema.json, as the field at fault: helm 4 says
 *
 *     values don't meet the specifications of the schema(s) in the following chart(s):
 *     web:
 *     - at '/image/tag': got number, want string
 *     - at '': missing property 'replicas'
 *
 * A subchart's fields are named under its key (`redis.port`). Undefined when the text is not that.
 */
export function schemaProblem(stderr: string, topChart: string): HelmCommandError | undefined {
  if (!/don't meet the specifications of the schema/.test(stderr)) return undefined;
  let chart = topChart;
  const problems: { field: string; message: string }[] = [];
  for (const line of stderr.split('\n')) {
    const header = /^([A-Za-z0-9_.-]+):\s*$/.exec(line.trim());
    if (header?.[1]) {
      chart = header[1];
      continue;
    }
    const at = /^- at '([^']*)': (.*)$/.exec(line.trim());
    if (!at) continue;
    const pointer = (at[1] ?? '').split('/').filter(Boolean).map(unescapePointer);
    const message = at[2] ?? '';
    const missing = /missing propert(?:y|ies) '([^']+)'/.exec(message)?.[1];
    if (missing) pointer.push(missing);
    const path = [...(chart === topChart ? [] : [chart]), ...pointer].join('.');
    problems.push({ field: path || '(top level)', message });
  }
  const first = problems[0];
  if (!first) return undefined;
  const all = problems.map((problem) => `${problem.field}: ${problem.message}`).join('; ');
  return HelmCommandError.coded(
    400,
    'invalid-values',
    { messageCode: 'values-schema', params: { detail: all } },
    `values.${first.field}`,
  );
}

const unescapePointer = (part: string) => part.replace(/~1/g, '/').replace(/~0/g, '~');

/**
 * PromQL text built from values that come from callers (namespace, pod, workload names) or from
 * clusters. Every value goes through `quote`, so no name can close its string and add a matcher
 * of its own (`x"}` or `a", namespace=~".*`): a label value is always one exact match.
 */

/** A PromQL string literal for `value`: backslashes, quotes and every control character escaped. */
export function quote(value: string): string {
  let text = '"';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\\') text += '\\\\';
    else if (char === '"') text += '\\"';
    else if (char === '\n') text += '\\n';
    else if (char === '\r') text += '\\r';
    else if (char === '\t') text += '\\t';
    // Other control characters (and DEL): \u escapes, which PromQL's lexer reads back to the same rune.
    else if (code < 0x20 || code === 0x7f) text += `\\u${code.toString(16).padStart(4, '0')}`;
    else text += char;
  }
  return `${text}"`;
}

/** Escapes RE2's special characters, so a name inside a regular expression matches only itself. */
export function escapeRegex(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** A regular expression that matches exactly one of `values` (anchored by PromQL itself). */
export function anyOf(values: string[]): string {
  return values.map(escapeRegex).join('|');
}

/** Label matchers: `=` for a value, `=~` for `{ regex }`, `!~` for `{ notRegex }`. */
export type Matcher = string | { regex: string } | { notRegex: string };

/** `{a="x",b=~"y"}` from matchers; names are ours (fixed in the catalogue), values are quoted. */
export function selector(matchers: Record<string, Matcher | undefined>): string {
  const parts: string[] = [];
  for (const [name, matcher] of Object.entries(matchers)) {
    if (matcher === undefined) continue;
    if (typeof matcher === 'string') parts.push(`${name}=${quote(matcher)}`);
    else if ('regex' in matcher) parts.push(`${name}=~${quote(matcher.regex)}`);
    else parts.push(`${name}!~${quote(matcher.notRegex)}`);
  }
  return `{${parts.join(',')}}`;
}

/** A duration PromQL reads: whole seconds. */
export const seconds = (value: number) => `${Math.max(1, Math.round(value))}s`;

/** Reading fields of objects whose shape the console does not own: a missing step gives nothing. */
export function at(object: unknown, ...path: (string | number)[]): unknown {
  let value = object;
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}

export function text(object: unknown, ...path: (string | number)[]): string {
  const value = at(object, ...path);
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : '';
}

export function record(object: unknown, ...path: (string | number)[]): Record<string, unknown> {
  const value = at(object, ...path);
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export function list(object: unknown, ...path: (string | number)[]): unknown[] {
  const value = at(object, ...path);
  return Array.isArray(value) ? value : [];
}

/** `key=value` pairs, as kubectl writes selectors and labels. */
export const pairs = (map: Record<string, unknown>): string[] =>
  Object.entries(map).map(([key, value]) => `${key}=${String(value)}`);

type Step =
  | { field: string }
  | { index: number }
  | { all: true }
  | { filter: { path: string[]; equals: string | undefined } };

/** Each step of a path: its pattern, and the step a match makes. */
const STEP_PATTERNS: [RegExp, (match: RegExpExecArray) => Step][] = [
  [/^\.([^.[]+)/, (match) => ({ field: match[1] ?? '' })],
  [/^\[['"]([^'"]*)['"]\]/, (match) => ({ field: match[1] ?? '' })],
  [/^\[(-?\d+)\]/, (match) => ({ index: Number(match[1]) })],
  [/^\[\*\]/, () => ({ all: true })],
  [
    /^\[\?\(@((?:\.[\w-]+)+)\s*(?:==\s*(['"])(.*?)\2)?\)\]/,
    (match) => ({ filter: { path: (match[1] ?? '').slice(1).split('.'), equals: match[3] } }),
  ],
];

/** Reads the JSONPath subset CRDs use in printer columns: `.a.b`, `['a.b']`, `[0]`, `[*]`, `[?(@.a=="b")]`. */
export function parseJsonPath(expression: string): Step[] {
  const steps: Step[] = [];
  let rest = expression
    .trim()
    .replace(/^\{|\}$/g, '')
    .replace(/^\$/, '');
  while (rest.length) {
    const found = STEP_PATTERNS.map(([pattern, step]) => [pattern.exec(rest), step] as const).find(
      ([match]) => match,
    );
    if (!found?.[0]) throw new Error(`cannot read the JSONPath ${expression} at "${rest}"`);
    steps.push(found[1](found[0]));
    rest = rest.slice(found[0][0].length);
  }
  return steps;
}

/** Every value a JSONPath reaches in an object (none when a step is missing). */
export function readJsonPath(object: unknown, expression: string): unknown[] {
  let values: unknown[] = [object];
  for (const step of parseJsonPath(expression)) {
    values = values.flatMap((value): unknown[] => {
      if ('field' in step) {
        const next = at(value, step.field);
        return next === undefined ? [] : [next];
      }
      if (!Array.isArray(value)) return [];
      if ('index' in step) {
        const next = value.at(step.index);
        return next === undefined ? [] : [next];
      }
      if ('all' in step) return value;
      const { path, equals } = step.filter;
      return value.filter((entry) => {
        const found = at(entry, ...path);
        return equals === undefined ? found !== undefined : String(found) === equals;
      });
    });
  }
  return values;
}

/** A value as a table cell writes it: lists joined with commas, objects as JSON. */
export function cellText(values: unknown[]): string {
  return values
    .map((value) => (value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value)))
    .join(',');
}

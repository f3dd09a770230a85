/**
 * Kubernetes label selectors: `app=web,tier!=db,env in (prod,staging),!canary,release`.
 * Same grammar and meaning as apimachinery's labels.Parse: `!=` and `notin` also match objects that
 * lack the key.
 */
export type LabelOperator = 'in' | 'notin' | 'exists' | '!exists';

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  /** For in/notin (`=` is in with one value, `!=` is notin with one value); empty otherwise. */
  values: string[];
}

export class LabelSelectorError extends Error {
  override name = 'LabelSelectorError';
}

const NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

type Token = { kind: 'word' | 'symbol'; text: string; at: number };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input.charAt(i);
    if (/\s/.test(c)) {
      i++;
    } else if (input.startsWith('==', i) || input.startsWith('!=', i)) {
      tokens.push({ kind: 'symbol', text: input.slice(i, i + 2), at: i });
      i += 2;
    } else if ('=!(),<>'.includes(c)) {
      tokens.push({ kind: 'symbol', text: c, at: i });
      i++;
    } else {
      const start = i;
      while (i < input.length && !/[\s=!(),<>]/.test(input.charAt(i))) i++;
      tokens.push({ kind: 'word', text: input.slice(start, i), at: start });
    }
  }
  return tokens;
}

function fail(input: string, at: number, problem: string): never {
  throw new LabelSelectorError(
    `label selector "${input}" at position ${at + 1}: ${problem} ` +
      '(expected forms: key=value, key!=value, key in (a,b), key notin (a,b), key, !key; separated by commas)',
  );
}

function checkKey(input: string, token: Token): string {
  const key = token.text;
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : '';
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (slash >= 0 && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    fail(
      input,
      token.at,
      `key prefix "${prefix}" must be a lowercase DNS subdomain of at most 253 characters`,
    );
  }
  if (name.length > 63 || !NAME.test(name)) {
    fail(
      input,
      token.at,
      `key "${key}" must be at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
    );
  }
  return key;
}

function checkValue(input: string, token: Token): string {
  if (token.text.length > 63 || !NAME.test(token.text)) {
    fail(
      input,
      token.at,
      `value "${token.text}" must be at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
    );
  }
  return token.text;
}

export function parseLabelSelector(input: string): LabelRequirement[] {
  const tokens = tokenize(input);
  const requirements: LabelRequirement[] = [];
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const end = input.length;
  while (i < tokens.length) {
    let token = tokens[i++] as Token;
    if (token.kind === 'symbol' && token.text === '!') {
      const keyToken = tokens[i++];
      if (keyToken?.kind !== 'word') fail(input, keyToken?.at ?? end, 'a key must follow "!"');
      requirements.push({ key: checkKey(input, keyToken), operator: '!exists', values: [] });
    } else if (token.kind === 'word') {
      const key = checkKey(input, token);
      const next = peek();
      if (!next || (next.kind === 'symbol' && next.text === ',')) {
        requirements.push({ key, operator: 'exists', values: [] });
      } else if (next.kind === 'symbol' && ['=', '==', '!='].includes(next.text)) {
        i++;
        const valueToken = peek();
        let value = '';
        if (valueToken?.kind === 'word') {
          value = checkValue(input, valueToken);
          i++;
        } else if (valueToken && valueToken.text !== ',') {
          fail(input, valueToken.at, `unexpected "${valueToken.text}" where a value belongs`);
        }
        requirements.push({ key, operator: next.text === '!=' ? 'notin' : 'in', values: [value] });
      } else if (next.kind === 'word' && (next.text === 'in' || next.text === 'notin')) {
        i++;
        const open = tokens[i++];
        if (open?.text !== '(') fail(input, open?.at ?? end, `"(" must follow "${next.text}"`);
        const values: string[] = [];
        for (;;) {
          token = tokens[i++] as Token;
          if (!token) fail(input, end, 'the value list is not closed with ")"');
          if (token.kind === 'word') {
            values.push(checkValue(input, token));
            token = tokens[i++] as Token;
            if (!token) fail(input, end, 'the value list is not closed with ")"');
          } else {
            values.push('');
          }
          if (token.text === ')') break;
          if (token.text !== ',') fail(input, token.at, `unexpected "${token.text}" in a value list`);
        }
        if (values.length === 1 && values[0] === '') {
          fail(input, next.at, `"${next.text}" needs at least one value`);
        }
        requirements.push({ key, operator: next.text, values: [...new Set(values)] });
      } else if (next.text === '<' || next.text === '>') {
        fail(input, next.at, '"<" and ">" belong to node selectors, not label selectors');
      } else {
        fail(input, next.at, `unexpected "${next.text}" after key "${key}"`);
      }
    } else {
      fail(input, token.at, `unexpected "${token.text}"`);
    }
    const separator = tokens[i];
    if (separator) {
      if (separator.text !== ',') fail(input, separator.at, `expected "," but found "${separator.text}"`);
      i++;
      if (i === tokens.length) fail(input, separator.at, 'a requirement must follow ","');
    }
  }
  return requirements;
}

export function matchesLabels(labels: Record<string, string>, requirements: LabelRequirement[]): boolean {
  return requirements.every(({ key, operator, values }) => {
    const has = Object.hasOwn(labels, key);
    switch (operator) {
      case 'exists':
        return has;
      case '!exists':
        return !has;
      case 'in':
        return has && values.includes(labels[key] as string);
      case 'notin':
        return !has || !values.includes(labels[key] as string);
    }
    return false;
  });
}

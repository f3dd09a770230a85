import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { UsageError } from './output.ts';

export type OptionSpec = ParseArgsOptionsConfig;
export type OptionValue = string | boolean | (string | boolean)[] | undefined;

export interface ParsedArgs {
  values: Record<string, OptionValue>;
  positionals: string[];
}

/** Flags every API command takes. */
export const COMMON_OPTIONS = {
  server: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpec;

/** Flags of commands aimed at one object in one cluster. */
export const TARGET_OPTIONS = {
  ...COMMON_OPTIONS,
  cluster: { type: 'string' },
  namespace: { type: 'string', short: 'n' },
} as const satisfies OptionSpec;

/** node:util's parser, with its mistakes turned into usage errors (exit code 2). */
export function parseCommandArgs(argv: string[], options: OptionSpec): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv.map(joinShortValue),
      options,
      allowPositionals: true,
      allowNegative: true,
      strict: true,
    });
    return { values: values as Record<string, OptionValue>, positionals };
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      // Node adds a long hint about `--` after the first sentence; the usage that follows is clearer.
      throw new UsageError((error as Error).message.split('. To specify')[0] ?? '');
    }
    throw error;
  }
}

/** kubectl accepts `-o=json`; node's parser would read the value as `=json`. */
function joinShortValue(arg: string): string {
  return /^-[a-zA-Z]=/.test(arg) ? `${arg.slice(0, 2)}${arg.slice(3)}` : arg;
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function listOption(args: ParsedArgs, name: string): string[] {
  const value = args.values[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');
}

export function flagOption(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

export function integerOption(args: ParsedArgs, name: string, minimum = 0): number | undefined {
  const value = stringOption(args, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value) || Number(value) < minimum) {
    throw new UsageError(`--${name} "${value}" must be a whole number of at least ${minimum}`);
  }
  return Number(value);
}

export function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} "${value}" must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** `key=value` pairs, as --label takes them. */
export function parseLabels(values: string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq <= 0) throw new UsageError(`--label "${value}" must look like key=value`);
    labels[value.slice(0, eq)] = value.slice(eq + 1);
  }
  return labels;
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `90s`, `5m`, `1h30m` → seconds, as kubectl's --since. */
export function parseDuration(flag: string, text: string): number {
  const parts = [...text.matchAll(/(\d+)([smhd])/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== text) {
    throw new UsageError(`--${flag} "${text}" must be a duration such as 30s, 5m or 1h30m`);
  }
  const seconds = parts.reduce((sum, part) => sum + Number(part[1]) * (UNITS[part[2] ?? 's'] ?? 1), 0);
  if (seconds <= 0) throw new UsageError(`--${flag} must be longer than zero`);
  return seconds;
}

/** `deploy/web` or `deploy web` → kind and name. */
export function kindAndName(positionals: string[], what: string): { kind: string; name: string } {
  const [first, second, ...rest] = positionals;
  if (first?.includes('/') && second === undefined) {
    const slash = first.indexOf('/');
    const kind = first.slice(0, slash);
    const name = first.slice(slash + 1);
    if (kind && name) return { kind, name };
  }
  if (first && second && !first.includes('/') && rest.length === 0) return { kind: first, name: second };
  throw new UsageError(`name the ${what} as KIND/NAME or KIND NAME`);
}

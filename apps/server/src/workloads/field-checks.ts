import { parseQuantity } from '@portolan/kinds';
import type { FieldProblem } from '#server/resources/resource-errors.ts';

/** Collects every problem of a form, each with the path of its field. */
export class Problems {
  readonly list: FieldProblem[] = [];

  add(field: string, reason: string, message: string): void {
    this.list.push({ field, reason, message });
  }

  required(field: string, value: unknown): boolean {
    const missing =
      value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
    if (missing) this.add(field, 'required', 'required');
    return !missing;
  }

  /** A whole number within bounds, when given. */
  integer(field: string, value: number | undefined, min: number, max = Number.MAX_SAFE_INTEGER): void {
    if (value === undefined) return;
    if (!Number.isInteger(value) || value < min || value > max) {
      this.add(
        field,
        'invalid',
        max === Number.MAX_SAFE_INTEGER
          ? `must be a whole number of at least ${min}`
          : `must be a whole number from ${min} to ${max}`,
      );
    }
  }

  oneOf<T extends string>(field: string, value: T | undefined, allowed: readonly T[]): void {
    if (value !== undefined && !allowed.includes(value))
      this.add(field, 'invalid', `must be one of ${allowed.join(', ')}`);
  }

  /** Names inside one list must differ. */
  unique(field: string, names: (string | undefined)[]): void {
    const seen = new Set<string>();
    names.forEach((name, index) => {
      if (name === undefined || name === '') return;
      if (seen.has(name)) this.add(`${field}[${index}].name`, 'duplicate', `"${name}" is used twice`);
      seen.add(name);
    });
  }
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const QUANTITY = /^[+]?(\d+(\.\d*)?|\.\d+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+)?$/;

export const isDnsLabel = (value: string, max = 63) => value.length <= max && DNS_LABEL.test(value);
export const isDnsSubdomain = (value: string) => value.length <= 253 && DNS_SUBDOMAIN.test(value);
export const isQuantity = (value: string) => QUANTITY.test(value);

/** A label key: an optional DNS subdomain prefix and a name of up to 63 characters. */
export function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const name = slash === -1 ? key : key.slice(slash + 1);
  const prefix = slash === -1 ? undefined : key.slice(0, slash);
  return name.length <= 63 && LABEL_NAME.test(name) && (prefix === undefined || isDnsSubdomain(prefix));
}

export const isLabelValue = (value: string) => value === '' || (value.length <= 63 && LABEL_NAME.test(value));

/** A named port (IANA service name: up to 15 lowercase letters, digits and dashes, one letter at least). */
export const isPortName = (value: string) =>
  value.length <= 15 &&
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value) &&
  /[a-z]/.test(value) &&
  !value.includes('--');

/** A quantity's value as a number, close enough to compare requests with limits. */
export const quantityValue = (value: string): number => (value ? parseQuantity(value) : Number.NaN);

export function checkLabels(
  problems: Problems,
  field: string,
  labels: Record<string, string> | undefined,
): void {
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (!isLabelKey(key)) problems.add(`${field}.${key}`, 'invalid', 'is not a valid label key');
    else if (typeof value !== 'string' || !isLabelValue(value)) {
      problems.add(
        `${field}.${key}`,
        'invalid',
        'must be up to 63 letters, digits, "-", "_" or "." (starting and ending alphanumeric)',
      );
    }
  }
}

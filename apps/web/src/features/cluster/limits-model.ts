import type { LimitItem } from './cluster-api.ts';

export const LIMIT_FIELDS = ['default', 'defaultRequest', 'min', 'max'] as const;
export type LimitField = (typeof LIMIT_FIELDS)[number];

/** `cpu=500m, memory=256Mi` as a map; undefined when a term is not `name=amount`. */
export function parseAmounts(text: string): Record<string, string> | undefined {
  const amounts: Record<string, string> = {};
  for (const part of text.split(/[,\n]/)) {
    const term = part.trim();
    if (!term) continue;
    const at = term.indexOf('=');
    if (at <= 0 || at === term.length - 1) return undefined;
    amounts[term.slice(0, at).trim()] = term.slice(at + 1).trim();
  }
  return amounts;
}

export function formatAmounts(amounts: Record<string, string> | undefined): string {
  return Object.entries(amounts ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

/** A limit range's items as form rows (each amount map written as text) and back. */
export type LimitRow = { type: LimitItem['type'] } & Partial<Record<LimitField, string>>;

export function limitRows(limits: readonly LimitItem[]): LimitRow[] {
  return limits.map((limit) => ({
    type: limit.type,
    ...Object.fromEntries(LIMIT_FIELDS.map((field) => [field, formatAmounts(limit[field])])),
  }));
}

/** Rows back to the route's items; the first field that does not read names itself in `bad`. */
export function limitItems(rows: readonly LimitRow[]): { items: LimitItem[]; bad?: [number, LimitField] } {
  const items: LimitItem[] = [];
  for (const [index, row] of rows.entries()) {
    const item: LimitItem = { type: row.type };
    for (const field of LIMIT_FIELDS) {
      const amounts = parseAmounts(row[field] ?? '');
      if (!amounts) return { items, bad: [index, field] };
      if (Object.keys(amounts).length) item[field] = amounts;
    }
    items.push(item);
  }
  return { items };
}

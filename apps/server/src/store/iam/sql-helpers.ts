import { StoreError } from '../store.ts';

/** Unique-constraint failures look different per driver; both mean "that key is taken". */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/** Rethrows a unique violation as a conflict with the given message. */
export function conflictOn(message: string): (error: unknown) => never {
  return (error) => {
    if (isUniqueViolation(error)) throw new StoreError('conflict', message);
    throw error;
  };
}

export const toDate = (ms: number | string | null): Date | null =>
  ms === null ? null : new Date(Number(ms));

export const toMillis = (ms: number | string | null): number | null => (ms === null ? null : Number(ms));

export function parseList(text: string): string[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.map(String) : [];
}

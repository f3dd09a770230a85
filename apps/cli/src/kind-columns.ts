import { ageColumn, type Column, KIND_REGISTRY, type KindRegistry } from '@portolan/kinds';

export type { Column } from '@portolan/kinds';

/** The columns after NAME for a resource (plural name); NAME and AGE for kinds without their own. */
export function columnsFor(
  resource: string,
  wide: boolean,
  kinds: KindRegistry = KIND_REGISTRY,
): readonly Column[] {
  const columns = kinds.find(resource)?.columns ?? [ageColumn];
  return wide ? columns : columns.filter((column) => !column.wide);
}

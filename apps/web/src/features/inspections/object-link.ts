import { BUILTIN_KIND_DESCRIPTORS } from '@portolan/kinds';
import { linkOf } from '../search/search-query.ts';

/** The console's page of an object a finding names (by its Kind), or undefined for a kind it has none for. */
export function objectLink(
  cluster: string,
  object: { kind?: string; namespace?: string; name?: string } | undefined,
): string | undefined {
  if (!object?.kind || !object.name) return undefined;
  const kind = BUILTIN_KIND_DESCRIPTORS.find((entry) => entry.kind === object.kind);
  if (!kind) return undefined;
  return linkOf({
    cluster,
    group: kind.group,
    resource: kind.plural,
    namespace: object.namespace ?? '',
    name: object.name,
  });
}

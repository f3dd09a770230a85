/** Reading fields of Kubernetes objects whose shape is not typed. */

export type KubeObject = Record<string, unknown>;

export function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function text(value: unknown, ...path: string[]): string {
  const found = at(value, ...path);
  return typeof found === 'string' ? found : typeof found === 'number' ? String(found) : '';
}

export function count(value: unknown, ...path: string[]): number {
  const found = at(value, ...path);
  return typeof found === 'number' ? found : 0;
}

export function list(value: unknown, ...path: string[]): unknown[] {
  const found = at(value, ...path);
  return Array.isArray(found) ? found : [];
}

export function record(value: unknown, ...path: string[]): Record<string, string> {
  const found = at(value, ...path);
  return found && typeof found === 'object' && !Array.isArray(found) ? (found as Record<string, string>) : {};
}

export const nameOf = (object: unknown) => text(object, 'metadata', 'name');
export const namespaceOf = (object: unknown) => text(object, 'metadata', 'namespace');

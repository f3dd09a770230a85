/** At most this many paths: a list needs a handful, and each one is walked for every row. */
export const MAX_FIELDS = 32;
/** A path's steps are object keys as Kubernetes names them (letters, digits, `_`, `-`, `/`). */
const STEP = /^[A-Za-z0-9_\-/]{1,253}$/;

/** A `fields` list that cannot be read; the search refuses it with this message. */
export class FieldsError extends Error {
  override name = 'FieldsError';
}

/** Paths as a tree of keys; `true` keeps the whole value found there. */
export type FieldTree = { [key: string]: FieldTree | true };

/**
 * Reads `fields=status.phase,spec.containers.name`: dot-separated keys, each path kept with its
 * nesting. A step into an array applies to each element, so `spec.containers.name` keeps every
 * container's name (the count survives, the rest of each container does not).
 */
export function parseFields(text: string): FieldTree {
  const paths = text
    .split(',')
    .map((path) => path.trim())
    .filter(Boolean);
  if (paths.length === 0) throw new FieldsError('name at least one path, e.g. fields=status.phase');
  if (paths.length > MAX_FIELDS) {
    throw new FieldsError(`at most ${MAX_FIELDS} paths may be asked for, not ${paths.length}`);
  }
  const tree: FieldTree = {};
  for (const path of paths) {
    const steps = path.split('.');
    const bad = steps.find((step) => !STEP.test(step));
    if (bad !== undefined) {
      throw new FieldsError(
        `"${path}" is not a field path: write keys joined by dots (status.phase, spec.containers.name)`,
      );
    }
    let node = tree;
    for (const [index, step] of steps.entries()) {
      const last = index === steps.length - 1;
      const next = node[step];
      if (next === true) break; // an enclosing path already keeps all of it
      if (last) {
        node[step] = true;
        break;
      }
      if (next) node = next;
      else {
        const child: FieldTree = {};
        node[step] = child;
        node = child;
      }
    }
  }
  return tree;
}

/** The parts of `value` the tree names, with the same nesting; absent keys stay absent. */
export function project(value: unknown, tree: FieldTree): unknown {
  if (Array.isArray(value)) return value.map((element) => project(element, tree));
  if (value === null || typeof value !== 'object') return undefined;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(tree)) {
    if (!Object.hasOwn(source, key)) continue;
    const sub = tree[key] as FieldTree | true;
    const kept = sub === true ? source[key] : project(source[key], sub);
    if (kept !== undefined) out[key] = kept;
  }
  return out;
}

/**
 * How deeply a request's objects and arrays may nest. Kubernetes objects nest a few dozen levels (a
 * CRD's schema the most); thousands of levels only serve to overflow the stack of whatever writes the
 * value out again (JSON.stringify on the way to the cluster).
 */
export const MAX_NESTING = 512;

/** Whether a parsed value nests deeper than `limit`; iterative, so measuring cannot overflow the stack. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [current, depth] = next;
    if (current === null || typeof current !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}

import type { KubeObject } from '#server/resources/kube-object.ts';
import { diffObjects } from '#server/resources/object-diff.ts';
import { MASKED, maskSecret } from './secret-masking.ts';

const CHANGED = '<masked, changed>';

/**
 * The diff of a Secret without its values: a value that would change reads `<masked, changed>`,
 * so the diff still says which keys change.
 */
export function maskedSecretDiff(live: KubeObject | undefined, proposed: KubeObject, label: string): string {
  const liveData = (live?.data ?? {}) as Record<string, string>;
  const masked = maskSecret(proposed);
  const data = (proposed.data ?? {}) as Record<string, string>;
  masked.data = Object.fromEntries(
    Object.entries(data).map(([key, value]) => [key, liveData[key] === value ? MASKED : CHANGED]),
  );
  return diffObjects(live && maskSecret(live), masked, {
    before: live ? `live ${label}` : '/dev/null',
    after: `proposed ${label}`,
  });
}

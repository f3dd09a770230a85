import { Refusal } from '#server/refusal.ts';

/** A cluster lifecycle refusal the caller can act on (see Refusal); `details` carries a preflight's failed checks. */
export class LifecycleError extends Refusal {
  override name = 'LifecycleError';
}

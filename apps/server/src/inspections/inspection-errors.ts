import { Refusal } from '#server/refusal.ts';

/** An inspection's refusal the caller can act on (see Refusal). */
export class InspectionError extends Refusal {
  override name = 'InspectionError';
}

import { Refusal } from '#server/refusal.ts';

/** A backup or restore refusal the caller can act on (see Refusal). */
export class BackupError extends Refusal {
  override name = 'BackupError';
}

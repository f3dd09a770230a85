/**
 * A refusal the caller can act on: the message says what to do, `field` names the part of the request
 * at fault and `details` adds fields to the answer (a preflight's failed checks). The HTTP layer
 * answers every refusal alike: `invalid` 400, `not-found` 404, `conflict` 409, with
 * `{ error: { code, message, field?, ...details } }`. Each area names its own (BackupError, …).
 */
export class Refusal extends Error {
  override name = 'Refusal';
  readonly code: 'invalid' | 'not-found' | 'conflict';
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: Refusal['code'], message: string, field?: string, details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.field = field;
    this.details = details;
  }
}

/** A refusal the caller can act on: the message says what to do, `field` names the part at fault. */
export class LifecycleError extends Error {
  override name = 'LifecycleError';
  readonly code: 'invalid' | 'not-found' | 'conflict';
  readonly field: string | undefined;
  /** Extra answer fields (a preflight's failed checks). */
  readonly details: Record<string, unknown> | undefined;
  constructor(
    code: LifecycleError['code'],
    message: string,
    field?: string,
    details?: Record<string, unknown>,
  ) {
    super(message);
    this.code = code;
    this.field = field;
    this.details = details;
  }
}

/** A refusal the caller can act on: the message says what to do, `field` names the part at fault. */
export class BackupError extends Error {
  override name = 'BackupError';
  readonly code: 'invalid' | 'not-found' | 'conflict';
  readonly field: string | undefined;
  constructor(code: BackupError['code'], message: string, field?: string) {
    super(message);
    this.code = code;
    this.field = field;
  }
}

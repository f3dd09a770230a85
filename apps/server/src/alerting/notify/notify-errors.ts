/** A refusal of the notifications API: its status, a code, the field at fault and what to do. */
export class NotificationError extends Error {
  override name = 'NotificationError';
  readonly status: 400 | 404 | 409 | 422;
  readonly code: 'invalid' | 'not-found' | 'conflict';
  readonly field: string | undefined;

  constructor(
    status: NotificationError['status'],
    code: NotificationError['code'],
    message: string,
    field?: string,
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

export const invalid = (field: string, message: string) =>
  new NotificationError(400, 'invalid', message, field);

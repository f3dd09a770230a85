const STATUS = {
  unauthenticated: 401,
  forbidden: 403,
  invalid: 400,
  'not-found': 404,
  conflict: 409,
  throttled: 429,
} as const;

/**
 * A failure the caller can act on. `statusCode` and `code` are what the server's error handler sends,
 * so routes throw it as it is.
 */
export class IamError extends Error {
  override name = 'IamError';
  readonly code: keyof typeof STATUS;
  readonly statusCode: number;
  /** For throttled: seconds until another attempt may succeed. */
  readonly retryAfterSeconds: number | undefined;
  /** The values a client needs to say this in its own language (sent as `params` beside `code`). */
  readonly params: Record<string, string> | undefined;
  constructor(
    code: keyof typeof STATUS,
    message: string,
    retryAfterSeconds?: number,
    params?: Record<string, string>,
  ) {
    super(message);
    this.code = code;
    this.statusCode = STATUS[code];
    this.retryAfterSeconds = retryAfterSeconds;
    this.params = params;
  }
}

/** A query the caller must change: `field` names the part at fault; the message says how. */
export class MetricQueryError extends Error {
  override name = 'MetricQueryError';
  readonly field: string;
  readonly code: 'invalid-query' | 'not-found' | 'too-large';

  constructor(message: string, field: string, code: MetricQueryError['code'] = 'invalid-query') {
    super(message);
    this.field = field;
    this.code = code;
  }
}

/** The outcome of one try at sending one message. */
export interface AttemptResult {
  ok: boolean;
  /** HTTP status, or the SMTP reply code. */
  status?: number;
  error?: string;
}

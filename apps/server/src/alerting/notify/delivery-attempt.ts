import type { DeliveryErrorCode, DeliveryErrorParams } from '@portolan/api';
/** The outcome of one try at sending one message. */
export interface AttemptResult {
  ok: boolean;
  /** HTTP status, or the SMTP reply code. */
  status?: number;
  error?: string;
  /** `error` as a code and values (delivery-codes.ts). */
  errorCode?: DeliveryErrorCode;
  errorParams?: DeliveryErrorParams;
}

import { type McsReasonCode, type McsReasonParams, mcsEnglish } from '@portolan/api';

/** A reason as an export or import keeps it: the English made from the code, and the code beside it. */
export function mcsReason(code: McsReasonCode, params: McsReasonParams = {}) {
  const reasonWording = { code, params };
  return { reason: mcsEnglish(reasonWording), reasonWording };
}

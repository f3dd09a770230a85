import { createHmac } from 'node:crypto';

/**
 * DingTalk custom robot "加签": the string `<timestamp ms>\n<secret>` signed with HMAC-SHA256 keyed by
 * the secret, base64, sent as the `timestamp` and `sign` query parameters (sign URL-encoded).
 */
export function dingTalkSignedUrl(url: string, secret: string, nowMs: number): string {
  const sign = createHmac('sha256', secret).update(`${nowMs}\n${secret}`).digest('base64');
  const signed = new URL(url);
  signed.searchParams.set('timestamp', String(nowMs));
  signed.searchParams.set('sign', sign);
  return signed.toString();
}

/**
 * Feishu custom bot signature verification: HMAC-SHA256 keyed by `<timestamp s>\n<secret>` over an
 * empty message, base64, sent in the body as `timestamp` (seconds, a string) and `sign`.
 */
export function feishuSignature(secret: string, nowMs: number): { timestamp: string; sign: string } {
  const timestamp = String(Math.floor(nowMs / 1000));
  const sign = createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
  return { timestamp, sign };
}

import { deliveryError } from '@portolan/api';
import type { AttemptResult } from './delivery-attempt.ts';
import type { HttpMessage } from './receiver-payloads.ts';

const EXCERPT = 300;

/** Why a request never got an answer, in words a user acts on (the cause's code is Node's). */
export function connectionError(error: unknown, host: string, timeoutSeconds: number) {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code;
  const name = (error as { name?: string }).name;
  const where = host;
  if (name === 'TimeoutError' || name === 'AbortError')
    return deliveryError('no-answer', { where, seconds: timeoutSeconds });
  if (code === 'ECONNREFUSED') return deliveryError('refused', { where });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return deliveryError('unknown-host', { where });
  if (code === 'ECONNRESET') return deliveryError('closed', { where });
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT') || code === 'EPROTO')
    return deliveryError('tls-failed', { where, detail: cause?.message ?? code });
  const detail = cause?.message ?? (error as Error).message ?? String(error);
  return deliveryError('send-failed', { where, detail });
}

/**
 * Chat robots answer 200 with an error code in the body (DingTalk and WeCom `errcode`, Feishu `code`):
 * that is a failed delivery, with the robot's own message.
 */
function robotRefusal(text: string, where: string) {
  let body: { errcode?: number; errmsg?: string; code?: number; msg?: string };
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const refused = (code: number, detail: string | undefined) =>
    detail?.trim()
      ? deliveryError('robot-refused-message', { where, code, detail: detail.trim() })
      : deliveryError('robot-refused', { where, code });
  if (typeof body.errcode === 'number' && body.errcode !== 0) return refused(body.errcode, body.errmsg);
  if (typeof body.code === 'number' && body.code !== 0) return refused(body.code, body.msg);
  return undefined;
}

/** POSTs one message; never throws: every failure is an attempt result with its reason. */
export async function postMessage(message: HttpMessage, timeoutSeconds: number): Promise<AttemptResult> {
  const host = new URL(message.url).host;
  try {
    const response = await fetch(message.url, {
      method: 'POST',
      headers: message.headers,
      body: JSON.stringify(message.body),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutSeconds * 1000),
    });
    const text = await response.text().catch(() => '');
    const excerpt = text.slice(0, EXCERPT).trim();
    if (response.status < 200 || response.status >= 300)
      return {
        ok: false,
        status: response.status,
        ...(excerpt
          ? deliveryError('answered-body', { where: host, status: response.status, detail: excerpt })
          : deliveryError('answered', { where: host, status: response.status })),
      };
    const refusal = robotRefusal(text, host);
    if (refusal) return { ok: false, status: response.status, ...refusal };
    return { ok: true, status: response.status };
  } catch (error) {
    return { ok: false, ...connectionError(error, host, timeoutSeconds) };
  }
}

import type { AttemptResult } from './delivery-attempt.ts';
import type { HttpMessage } from './receiver-payloads.ts';

const EXCERPT = 300;

/** Why a request never got an answer, in words a user acts on (the cause's code is Node's). */
export function connectionError(error: unknown, host: string, timeoutSeconds: number): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code;
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError')
    return `no answer from ${host} within ${timeoutSeconds} s`;
  if (code === 'ECONNREFUSED') return `connection refused by ${host}: nothing listens there`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `${host} is not a known host name (DNS lookup failed)`;
  if (code === 'ECONNRESET') return `${host} closed the connection`;
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT') || code === 'EPROTO')
    return `TLS with ${host} failed: ${cause?.message ?? code}`;
  return `sending to ${host} failed: ${cause?.message ?? (error as Error).message ?? String(error)}`;
}

/**
 * Chat robots answer 200 with an error code in the body (DingTalk and WeCom `errcode`, Feishu `code`):
 * that is a failed delivery, with the robot's own message.
 */
function robotRefusal(text: string): string | undefined {
  let body: { errcode?: number; errmsg?: string; code?: number; msg?: string };
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  if (typeof body.errcode === 'number' && body.errcode !== 0)
    return `refused: ${body.errcode} ${body.errmsg ?? ''}`.trim();
  if (typeof body.code === 'number' && body.code !== 0)
    return `refused: ${body.code} ${body.msg ?? ''}`.trim();
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
        error: `${host} answered ${response.status}${excerpt ? `: ${excerpt}` : ''}`,
      };
    const refusal = robotRefusal(text);
    if (refusal) return { ok: false, status: response.status, error: `${host} ${refusal}` };
    return { ok: true, status: response.status };
  } catch (error) {
    return { ok: false, error: connectionError(error, host, timeoutSeconds) };
  }
}

import { deliveryError } from '@portolan/api';
import nodemailer from 'nodemailer';
import type { AttemptResult } from './delivery-attempt.ts';
import type { ReceiverSettings } from './receiver-config.ts';

type Smtp = NonNullable<ReceiverSettings['smtp']>;

/** The reply code at the start of an SMTP answer ("250 OK: queued as …"). */
const replyCode = (text: string | undefined) => {
  const code = Number(text?.slice(0, 3));
  return Number.isInteger(code) && code >= 200 ? code : undefined;
};

function smtpError(error: unknown, smtp: Smtp, timeoutSeconds: number): AttemptResult {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  const where = `${smtp.host}:${smtp.port}`;
  const reply = e.response ? e.response.slice(0, 300) : undefined;
  const status = e.responseCode;
  const failed = (said: ReturnType<typeof deliveryError>): AttemptResult => ({ ok: false, status, ...said });
  // A certificate the server shows that is not trusted comes as a socket error: it is a TLS problem.
  if (e.code === 'ETLS' || /certificate|self.signed|SSL routines|TLS/i.test(e.message ?? ''))
    return failed(deliveryError('tls-failed', { where, detail: String(e.message) }));
  switch (e.code) {
    case 'EAUTH':
      return failed(
        reply
          ? deliveryError('smtp-auth-failed-reply', { where, detail: reply })
          : deliveryError('smtp-auth-failed', { where }),
      );
    case 'ETIMEDOUT':
      return failed(deliveryError('no-answer', { where, seconds: timeoutSeconds }));
    case 'ECONNECTION':
    case 'ESOCKET':
      return failed(
        /ECONNREFUSED/.test(e.message ?? '')
          ? deliveryError('refused', { where })
          : deliveryError('smtp-connect-failed', { where, detail: String(e.message) }),
      );
    case 'EENVELOPE':
      return failed(
        reply
          ? deliveryError('smtp-envelope-refused-reply', { where, detail: reply })
          : deliveryError('smtp-envelope-refused', { where }),
      );
    default:
      return failed(deliveryError('smtp-send-failed', { where, detail: e.message ?? String(error) }));
  }
}

/** Sends one mail; never throws: every failure is an attempt result with the server's reply. */
export async function sendMail(
  smtp: Smtp,
  password: string | undefined,
  mail: { subject: string; text: string },
  timeoutSeconds: number,
): Promise<AttemptResult> {
  const security = smtp.security ?? 'starttls';
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: security === 'tls',
    ignoreTLS: security === 'none',
    requireTLS: security === 'starttls' && smtp.requireTls === true,
    ...(smtp.username && { auth: { user: smtp.username, pass: password ?? '' } }),
    connectionTimeout: timeoutSeconds * 1000,
    greetingTimeout: timeoutSeconds * 1000,
    socketTimeout: timeoutSeconds * 1000,
  });
  try {
    const info = await transport.sendMail({
      from: smtp.from,
      to: smtp.to,
      subject: mail.subject,
      text: mail.text,
    });
    return { ok: true, status: replyCode(info.response) };
  } catch (error) {
    return smtpError(error, smtp, timeoutSeconds);
  } finally {
    transport.close();
  }
}
